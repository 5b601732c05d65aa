import MonoCloudCrypto

extension JWK {
  /// Imports a public key from PEM for verifying: `PUBLIC KEY` (SPKI: RSA, EC P-256/384/521,
  /// Ed25519) or `RSA PUBLIC KEY` (PKCS #1), with the checks of `init(publicKeyFrom:)`. A private
  /// key PEM is refused (give its public key). The JWK gets `keyID` as its `kid` when given.
  public init(publicKeyFromPEM pem: String, keyID: String? = nil) throws(JOSEError) {
    let (label, der) = try JWK.decodePEM(pem)
    try self.init(publicKeyFromDER: der, pemLabel: label, keyID: keyID)
  }

  /// Imports a DER public key for verifying; `pemLabel` (UTF-8 bytes) says which structure it
  /// is (without one it must be SPKI). Private key structures are refused.
  public init(publicKeyFromDER der: [UInt8], pemLabel: [UInt8]? = nil, keyID: String? = nil) throws(JOSEError) {
    let members = try JWK.members(der: der, pemLabel: pemLabel ?? Array("PUBLIC KEY".utf8), allowingPrivate: false)
    try self.init(publicKeyFrom: JWK.naming(members, keyID: keyID))
  }

  /// Imports a key, private or public, from PEM: `PUBLIC KEY` (SPKI: RSA, EC P-256/384/521,
  /// Ed25519), `PRIVATE KEY` (PKCS #8: the same types), `RSA PUBLIC KEY` / `RSA PRIVATE KEY`
  /// (PKCS #1) and `EC PRIVATE KEY` (SEC 1), with the checks of `init(importingPrivateKeyFrom:)`.
  /// For signing; a verifier uses `init(publicKeyFromPEM:keyID:)`.
  public init(importingPrivateKeyFromPEM pem: String, keyID: String? = nil) throws(JOSEError) {
    let (label, der) = try JWK.decodePEM(pem)
    try self.init(importingPrivateKeyFromDER: der, pemLabel: label, keyID: keyID)
  }

  /// Imports a DER key, private or public; `pemLabel` (UTF-8 bytes) says which structure it is.
  /// Without a label, the outer structure decides between SPKI and PKCS #8.
  public init(importingPrivateKeyFromDER der: [UInt8], pemLabel: [UInt8]? = nil, keyID: String? = nil) throws(JOSEError)
  {
    let members = try JWK.members(der: der, pemLabel: pemLabel, allowingPrivate: true)
    try self.init(importingPrivateKeyFrom: JWK.naming(members, keyID: keyID))
  }

  @available(*, deprecated, renamed: "init(importingPrivateKeyFromPEM:keyID:)")
  public init(pemEncoded pem: String, keyID: String? = nil) throws(JOSEError) {
    try self.init(importingPrivateKeyFromPEM: pem, keyID: keyID)
  }

  @available(*, deprecated, renamed: "init(importingPrivateKeyFromDER:pemLabel:keyID:)")
  public init(derEncoded der: [UInt8], pemLabel: [UInt8]? = nil, keyID: String? = nil) throws(JOSEError) {
    try self.init(importingPrivateKeyFromDER: der, pemLabel: pemLabel, keyID: keyID)
  }

  private static func decodePEM(_ pem: String) throws(JOSEError) -> (label: [UInt8], der: [UInt8]) {
    do throws(CryptoError) {
      return try PEM.decode(pem)
    } catch {
      throw error.keyError("PEM")
    }
  }

  private static func naming(_ members: JSONObject, keyID: String?) -> JSONObject {
    var members = members
    if let keyID { members["kid"] = .string(keyID) }
    return members
  }

  /// The JWK members of the DER structure `pemLabel` names (`nil`: SPKI or PKCS #8, told apart
  /// by the outer structure's first element).
  private static func members(der: [UInt8], pemLabel: [UInt8]?, allowingPrivate: Bool) throws(JOSEError) -> JSONObject {
    let isPrivate =
      pemLabel.map { label in privateKeyLabels.contains { $0.utf8Equals(label) } } ?? JWK.looksLikePKCS8(der)
    if isPrivate && !allowingPrivate {
      throw JOSEError(.invalidKey, "key file: a private key cannot be imported for verification (give its public key)")
    }
    do throws(CryptoError) {
      switch pemLabel {
      case .some(let label) where "PUBLIC KEY".utf8Equals(label):
        return try JWK.publicMembers(spki: der)
      case .some(let label) where "RSA PUBLIC KEY".utf8Equals(label):
        let key = try RSAPublicKey(derEncoded: der)
        return JWK.rsaMembers(modulus: key.modulus, exponent: key.publicExponent)
      case .some(let label) where "PRIVATE KEY".utf8Equals(label):
        return try JWK.privateMembers(pkcs8: der)
      case .some(let label) where "RSA PRIVATE KEY".utf8Equals(label):
        return try JWK.rsaPrivateMembers(pkcs1: der)
      case .some(let label) where "EC PRIVATE KEY".utf8Equals(label):
        return JWK.ecPrivateMembers(try ECDSAPrivateKey(derEncoded: der))
      case .some:
        throw CryptoError.unsupported("unsupported PEM label")
      case .none:
        return isPrivate ? try JWK.privateMembers(pkcs8: der) : try JWK.publicMembers(spki: der)
      }
    } catch {
      throw error.keyError("key file")
    }
  }

  private static let privateKeyLabels = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"]

  /// Whether `der` starts like PKCS #8 (a SEQUENCE whose first element is the INTEGER version)
  /// rather than SPKI (whose first element is the algorithm SEQUENCE). Malformed input counts as
  /// SPKI, whose parser then says what is wrong.
  private static func looksLikePKCS8(_ der: [UInt8]) -> Bool {
    var outer = DERReader(der)
    do throws(CryptoError) {
      return try outer.readSequence().peekTag() == DERTag.integer
    } catch {
      return false
    }
  }

  private static func publicMembers(spki der: [UInt8]) throws(CryptoError) -> JSONObject {
    let info = try SubjectPublicKeyInfo(derEncoded: der)
    if info.algorithm == ObjectIdentifiers.rsaEncryption {
      let key = try RSAPublicKey(derEncoded: der)
      return rsaMembers(modulus: key.modulus, exponent: key.publicExponent)
    }
    if info.algorithm == ObjectIdentifiers.ecPublicKey {
      let key = try ECDSAPublicKey(derEncoded: der)
      return ecMembers(curve: JWKCurve(key.curve), x: key.x, y: key.y)
    }
    if info.algorithm == ObjectIdentifiers.ed25519 {
      let key = try Ed25519PublicKey(derEncoded: der)
      return okpMembers(x: key.rawRepresentation)
    }
    throw .unsupported("unsupported public key algorithm")
  }

  private static func privateMembers(pkcs8 der: [UInt8]) throws(CryptoError) -> JSONObject {
    let info = try PrivateKeyInfo(derEncoded: der)
    if info.algorithm == ObjectIdentifiers.rsaEncryption {
      return try rsaPrivateMembers(pkcs1: info.privateKey)
    }
    if info.algorithm == ObjectIdentifiers.ecPublicKey {
      return ecPrivateMembers(try ECDSAPrivateKey(derEncoded: der))
    }
    if info.algorithm == ObjectIdentifiers.ed25519 {
      let key = try Ed25519PrivateKey(derEncoded: der)
      var members = okpMembers(x: key.publicKey.rawRepresentation)
      members["d"] = .string(Base64URL.encode(key.seed))
      return members
    }
    throw .unsupported("unsupported private key algorithm")
  }

  /// PKCS #1 RSAPrivateKey (RFC 8017 A.1.2), two-prime (version 0) only.
  private static func rsaPrivateMembers(pkcs1 der: [UInt8]) throws(CryptoError) -> JSONObject {
    var reader = DERReader(der)
    let members = try reader.readSequence { (contents) throws(CryptoError) -> JSONObject in
      guard try contents.readSmallInteger() == 0 else {
        throw .unsupported("multi-prime RSA keys are not supported")
      }
      var object = rsaMembers(modulus: try contents.readInteger(), exponent: try contents.readInteger())
      for name in ["d", "p", "q", "dp", "dq", "qi"] {
        object[name] = .string(Base64URL.encode(try contents.readInteger()))
      }
      return object
    }
    try reader.finish()
    return members
  }

  private static func rsaMembers(modulus: [UInt8], exponent: [UInt8]) -> JSONObject {
    var object = JSONObject()
    object["kty"] = "RSA"
    object["n"] = .string(Base64URL.encode(modulus))
    object["e"] = .string(Base64URL.encode(exponent))
    return object
  }

  private static func ecMembers(curve: JWKCurve, x: [UInt8], y: [UInt8]) -> JSONObject {
    var object = JSONObject()
    object["kty"] = "EC"
    object["crv"] = .string(curve.name)
    object["x"] = .string(Base64URL.encode(x))
    object["y"] = .string(Base64URL.encode(y))
    return object
  }

  private static func ecPrivateMembers(_ key: ECDSAPrivateKey) -> JSONObject {
    var object = ecMembers(curve: JWKCurve(key.curve), x: key.publicKey.x, y: key.publicKey.y)
    object["d"] = .string(Base64URL.encode(key.d))
    return object
  }

  private static func okpMembers(x: [UInt8]) -> JSONObject {
    var object = JSONObject()
    object["kty"] = "OKP"
    object["crv"] = .string(JWKCurve.ed25519.name)
    object["x"] = .string(Base64URL.encode(x))
    return object
  }
}
