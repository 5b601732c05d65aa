import MonoCloudCrypto

extension JWK {
  /// Imports a key from PEM: `PUBLIC KEY` (SPKI: RSA, EC P-256/384/521, Ed25519),
  /// `PRIVATE KEY` (PKCS #8: the same types), `RSA PUBLIC KEY` / `RSA PRIVATE KEY` (PKCS #1) and
  /// `EC PRIVATE KEY` (SEC 1). The JWK gets `keyID` as its `kid` when given.
  public init(pemEncoded pem: String, keyID: String? = nil) throws(JOSEError) {
    let label: [UInt8]
    let der: [UInt8]
    do throws(CryptoError) {
      (label, der) = try PEM.decode(pem)
    } catch {
      throw JOSEError(.invalidKey, "PEM: \(error.detail)")
    }
    try self.init(derEncoded: der, pemLabel: label, keyID: keyID)
  }

  /// Imports a DER key; `pemLabel` (UTF-8 bytes) says which structure it is. Without a label,
  /// SPKI and then PKCS #8 are tried.
  public init(derEncoded der: [UInt8], pemLabel: [UInt8]? = nil, keyID: String? = nil) throws(JOSEError) {
    var members = JSONObject()
    do throws(CryptoError) {
      switch pemLabel {
      case .some(let label) where label == Array("PUBLIC KEY".utf8):
        members = try JWK.publicMembers(spki: der)
      case .some(let label) where label == Array("RSA PUBLIC KEY".utf8):
        let key = try RSAPublicKey(derEncoded: der)
        members = JWK.rsaMembers(modulus: key.modulus, exponent: key.publicExponent)
      case .some(let label) where label == Array("PRIVATE KEY".utf8):
        members = try JWK.privateMembers(pkcs8: der)
      case .some(let label) where label == Array("RSA PRIVATE KEY".utf8):
        members = try JWK.rsaPrivateMembers(pkcs1: der)
      case .some(let label) where label == Array("EC PRIVATE KEY".utf8):
        members = JWK.ecPrivateMembers(try ECDSAPrivateKey(derEncoded: der))
      case .some:
        throw CryptoError.unsupportedAlgorithm("unsupported PEM label")
      case .none:
        if let spki = try? JWK.publicMembers(spki: der) {
          members = spki
        } else {
          members = try JWK.privateMembers(pkcs8: der)
        }
      }
    } catch {
      throw error.keyError("key file")
    }
    if let keyID { members["kid"] = .string(keyID) }
    try self.init(json: members)
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
    throw .unsupportedAlgorithm("unsupported public key algorithm")
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
    throw .unsupportedAlgorithm("unsupported private key algorithm")
  }

  /// PKCS #1 RSAPrivateKey (RFC 8017 A.1.2), two-prime (version 0) only.
  private static func rsaPrivateMembers(pkcs1 der: [UInt8]) throws(CryptoError) -> JSONObject {
    var reader = DERReader(der)
    let members = try reader.readSequence { (contents) throws(CryptoError) -> JSONObject in
      guard try contents.readSmallInteger() == 0 else {
        throw .unsupportedAlgorithm("multi-prime RSA keys are not supported")
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
