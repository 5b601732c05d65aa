import MonoCloudCrypto

/// One validated JSON Web Key (RFC 7517): RSA, EC (P-256, P-384, P-521), OKP (Ed25519) or
/// `oct`, public or private.
///
/// Import validates everything a verifier relies on: required members present with the right
/// JSON type, strict base64url, exact coordinate lengths, EC points on their curve, RSA `e` odd
/// and > 1 and a modulus of 2048–8192 bits, complete RSA private keys (`d p q dp dq qi`), a
/// private part that matches the public one. Parameters the library does not use (`x5c`, …) are
/// ignored and not kept.
public struct JWK: Sendable {
  /// `kty`.
  public let keyType: JWKKeyType
  /// `kid`, if any.
  public let keyID: String?
  /// `alg`, if any, exactly as given (it need not name an algorithm this library knows).
  public let algorithm: String?
  /// `use`, if any.
  public let use: String?
  /// `key_ops`, if any.
  public let keyOperations: [String]?
  /// The key material, already turned into ready-to-use crypto objects.
  let material: JWKMaterial

  /// `crv` for EC and OKP keys.
  public var curve: JWKCurve? { material.curve }

  /// Whether the key holds secret material (`d`, or `k` of an `oct` key).
  public var isPrivate: Bool { material.isPrivate }

  /// The key size in bits: the RSA modulus, the curve's field (256, 384, 521, 255), the `oct` key.
  public var keySizeInBits: Int { material.keySizeInBits }
}

extension JWK {
  /// Imports a JWK, private or public, from its JSON object, for signing: the public members
  /// (see `init(publicKeyFrom:)`), then the private ones when present (`d`; for RSA also
  /// `p q dp dq qi`, checked against the public part; multi-prime `oth` is refused). A verifier
  /// uses `init(publicKeyFrom:)`.
  public init(importingPrivateKeyFrom json: JSONObject) throws(JOSEError) {
    let reader = JWKMemberReader(object: json)
    let key = try JWK(publicMembersOf: reader)
    try self.init(
      keyType: key.keyType, keyID: key.keyID, algorithm: key.algorithm, use: key.use,
      keyOperations: key.keyOperations, material: key.material.addingPrivateMembers(from: reader))
  }

  /// Imports the public half of a JWK, for verifying: exactly the checks and errors of
  /// `init(importingPrivateKeyFrom:)` for `kty`, `kid`, `alg`, `use`, `key_ops` and the public members (RSA size,
  /// exponent and ROCA checks; EC points on their curve; Ed25519 points), while the private
  /// members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`) are neither decoded nor checked: a key
  /// that has them is imported as its public half (`isPrivate` is false), whatever they hold.
  /// `oct` keys are imported whole (`k` is what HMAC verifies with).
  ///
  /// When `init(importingPrivateKeyFrom:)` accepts a key, this gives its `publicKey`. It never builds a private key
  /// or signs, so a program that only verifies does not link the signing code.
  ///
  /// ```swift
  /// let key = try JWK(publicKeyFrom: ["kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"])
  /// // key.isPrivate == false
  /// ```
  public init(publicKeyFrom json: JSONObject) throws(JOSEError) {
    try self.init(publicMembersOf: JWKMemberReader(object: json))
  }

  /// The shared public part of both imports: the common members, then the key type's public ones.
  init(publicMembersOf reader: JWKMemberReader) throws(JOSEError) {
    let typeName = try reader.requiredString("kty")
    guard let keyType = JWKKeyType(name: typeName) else {
      throw JOSEError(.invalidKey, "JWK: unsupported kty")
    }
    let keyID = try reader.optionalString("kid")
    let algorithm = try reader.optionalString("alg")
    let use = try reader.optionalString("use")
    let keyOperations = try reader.optionalKeyOperations()
    let material: JWKMaterial
    switch keyType {
    case .rsa: material = .rsa(try RSAKeyMaterial(publicMembersOf: reader))
    case .ec: material = .ec(try ECKeyMaterial(publicMembersOf: reader))
    case .okp: material = .okp(try OKPKeyMaterial(publicMembersOf: reader))
    case .oct: material = .oct(try OctetKeyMaterial(reader))
    }
    self.init(
      keyType: keyType, keyID: keyID, algorithm: algorithm, use: use, keyOperations: keyOperations,
      material: material)
  }

  /// `init(publicKeyFrom:)` on JSON text (strict reader: duplicate members are rejected).
  public init(publicKeyFromJSONBytes jsonBytes: [UInt8]) throws(JOSEError) {
    try self.init(publicKeyFrom: JWK.parseDocument(jsonBytes))
  }

  /// `init(importingPrivateKeyFrom:)` on JSON text (strict reader: duplicate members are rejected).
  public init(importingPrivateKeyFromJSONBytes jsonBytes: [UInt8]) throws(JOSEError) {
    try self.init(importingPrivateKeyFrom: JWK.parseDocument(jsonBytes))
  }

  /// `init(importingPrivateKeyFrom:)` on the UTF-8 of `json`.
  public init(importingPrivateKeyFromJSONString json: String) throws(JOSEError) {
    try self.init(importingPrivateKeyFromJSONBytes: Array(json.utf8))
  }

  @available(*, deprecated, renamed: "init(importingPrivateKeyFrom:)")
  public init(json: JSONObject) throws(JOSEError) {
    try self.init(importingPrivateKeyFrom: json)
  }

  @available(*, deprecated, renamed: "init(importingPrivateKeyFromJSONBytes:)")
  public init(jsonBytes: [UInt8]) throws(JOSEError) {
    try self.init(importingPrivateKeyFromJSONBytes: jsonBytes)
  }

  @available(*, deprecated, renamed: "init(importingPrivateKeyFromJSONString:)")
  public init(jsonString json: String) throws(JOSEError) {
    try self.init(importingPrivateKeyFromJSONString: json)
  }

  /// A JWK document's object (strict JSON), with the `JWK:` error prefix.
  private static func parseDocument(_ jsonBytes: [UInt8]) throws(JOSEError) -> JSONObject {
    do throws(JOSEError) {
      return try JSONReader.parseObject(jsonBytes)
    } catch {
      throw error.wrapped(as: .invalidKey, "JWK")
    }
  }

  /// The public half (`oct` keys have none and are returned unchanged).
  public var publicKey: JWK {
    JWK(
      keyType: keyType, keyID: keyID, algorithm: algorithm, use: use, keyOperations: keyOperations,
      material: material.publicMaterial)
  }

  /// The JWK as a JSON object: `kty`, `kid`, `use`, `key_ops`, `alg`, then the key members
  /// (private ones only for private keys).
  public func jsonObject() -> JSONObject {
    var object = JSONObject()
    object["kty"] = .string(keyType.name)
    if let keyID { object["kid"] = .string(keyID) }
    if let use { object["use"] = .string(use) }
    if let keyOperations { object["key_ops"] = .array(keyOperations.map { .string($0) }) }
    if let algorithm { object["alg"] = .string(algorithm) }
    material.appendMembers(to: &object, includingPrivate: true)
    return object
  }

  /// The compact JSON text of `jsonObject()`.
  public var jsonString: String { jsonObject().jsonString }

  // MARK: - Usage checks

  /// Whether the key may verify (`use` absent or `sig`; `key_ops` absent or containing `verify`).
  public var allowsVerification: Bool { allowsSignatures(operation: "verify") }

  /// Whether the key may sign (`use` absent or `sig`; `key_ops` absent or containing `sign`).
  public var allowsSigning: Bool { allowsSignatures(operation: "sign") }

  private func allowsSignatures(operation: String) -> Bool {
    if let use, !use.utf8Equals("sig") { return false }
    if let keyOperations, !keyOperations.contains(where: { $0.utf8Equals(operation) }) { return false }
    return true
  }

  /// Why the key cannot be used with `algorithm` (its `kty`, curve, `alg`, size), or `nil` when it
  /// can. Usage (`use`, `key_ops`) is checked separately.
  public func mismatch(with algorithm: JWSAlgorithm) -> String? {
    guard keyType == algorithm.keyType else { return "key type \(keyType.name) does not fit \(algorithm.name)" }
    if let own = self.algorithm, !own.utf8Equals(algorithm.name) {
      return "the key's alg is not \(algorithm.name)"
    }
    if let required = algorithm.curve, curve != required {
      return "the key's curve does not fit \(algorithm.name)"
    }
    switch material {
    case .rsa(let rsa):
      if rsa.modulusBitCount < RSAKeyMaterial.minimumJOSEModulusBits { return "RSA key under 2048 bits" }
    case .oct(let oct):
      // RFC 7518 §3.2: a key of at least the hash output size must be used.
      if let hash = algorithm.hash, oct.k.count < hash.digestByteCount {
        return "the HMAC key is shorter than \(algorithm.name) requires"
      }
    default:
      break
    }
    return nil
  }
}
