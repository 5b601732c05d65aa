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

  init(
    keyType: JWKKeyType, keyID: String?, algorithm: String?, use: String?, keyOperations: [String]?,
    material: JWKMaterial
  ) {
    self.keyType = keyType
    self.keyID = keyID
    self.algorithm = algorithm
    self.use = use
    self.keyOperations = keyOperations
    self.material = material
  }

  /// `crv` for EC and OKP keys.
  public var curve: JWKCurve? { material.curve }

  /// Whether the key holds secret material (`d`, or `k` of an `oct` key).
  public var isPrivate: Bool { material.isPrivate }

  /// The key size in bits: the RSA modulus, the curve's field (256, 384, 521, 255), the `oct` key.
  public var keySizeInBits: Int { material.keySizeInBits }

  /// Imports a JWK from its JSON object: the public members (see `init(publicKeyFrom:)`), then
  /// the private ones when present (`d`; for RSA also `p q dp dq qi`, checked against the public
  /// part; multi-prime `oth` is refused).
  public init(json: JSONObject) throws(JOSEError) {
    let reader = JWKMemberReader(object: json)
    let key = try JWK(publicMembersOf: reader)
    try self.init(
      keyType: key.keyType, keyID: key.keyID, algorithm: key.algorithm, use: key.use,
      keyOperations: key.keyOperations, material: key.material.addingPrivateMembers(from: reader))
  }

  /// Imports the public half of a JWK, for verifying: exactly the checks and errors of
  /// `init(json:)` for `kty`, `kid`, `alg`, `use`, `key_ops` and the public members (RSA size,
  /// exponent and ROCA checks; EC points on their curve; Ed25519 points), while the private
  /// members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`) are neither decoded nor checked: a key
  /// that has them is imported as its public half (`isPrivate` is false), whatever they hold.
  /// `oct` keys are imported whole (`k` is what HMAC verifies with).
  ///
  /// When `init(json:)` accepts a key, this gives its `publicKey`. It never builds a private key
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

  /// Imports a JWK from JSON text (strict reader: duplicate members are rejected).
  public init(jsonBytes: [UInt8]) throws(JOSEError) {
    let object: JSONObject
    do throws(JOSEError) {
      object = try JSONReader.parseObject(jsonBytes)
    } catch {
      throw JOSEError(.invalidKey, "JWK: \(error.message)")
    }
    try self.init(json: object)
  }

  /// Imports a JWK from the UTF-8 of `json`.
  public init(jsonString json: String) throws(JOSEError) {
    try self.init(jsonBytes: Array(json.utf8))
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

  // MARK: - Usage checks (SPEC §4)

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

/// The key material of each key type. Indirect: copying a key (key sets, key selection) is one
/// retain of the case's box, not a copy of every member and crypto object.
indirect enum JWKMaterial: Sendable {
  case rsa(RSAKeyMaterial)
  case ec(ECKeyMaterial)
  case okp(OKPKeyMaterial)
  case oct(OctetKeyMaterial)

  var curve: JWKCurve? {
    switch self {
    case .ec(let ec): return ec.curve
    case .okp: return .ed25519
    default: return nil
    }
  }

  var isPrivate: Bool {
    switch self {
    case .rsa(let rsa): return rsa.privateKey != nil
    case .ec(let ec): return ec.privateKey != nil
    case .okp(let okp): return okp.privateKey != nil
    case .oct: return true
    }
  }

  var keySizeInBits: Int {
    switch self {
    case .rsa(let rsa): return rsa.modulusBitCount
    case .ec(let ec):
      switch ec.curve {
      case .p256: return 256
      case .p384: return 384
      case .p521: return 521
      case .ed25519: return 255
      }
    case .okp: return 255
    case .oct(let oct): return oct.k.count &* 8
    }
  }

  var publicMaterial: JWKMaterial {
    switch self {
    case .rsa(let rsa): return .rsa(rsa.publicOnly)
    case .ec(let ec): return .ec(ec.publicOnly)
    case .okp(let okp): return .okp(okp.publicOnly)
    case .oct: return self
    }
  }

  /// The material with the private members of `reader` imported and checked against this
  /// public material (`self` when there are none; `oct` material is already complete).
  func addingPrivateMembers(from reader: JWKMemberReader) throws(JOSEError) -> JWKMaterial {
    switch self {
    case .rsa(let rsa): return .rsa(try rsa.addingPrivateMembers(from: reader))
    case .ec(let ec): return .ec(try ec.addingPrivateMembers(from: reader))
    case .okp(let okp): return .okp(try okp.addingPrivateMembers(from: reader))
    case .oct: return self
    }
  }

  func appendMembers(to object: inout JSONObject, includingPrivate: Bool) {
    switch self {
    case .rsa(let rsa): rsa.appendMembers(to: &object, includingPrivate: includingPrivate)
    case .ec(let ec): ec.appendMembers(to: &object, includingPrivate: includingPrivate)
    case .okp(let okp): okp.appendMembers(to: &object, includingPrivate: includingPrivate)
    case .oct(let oct): object["k"] = .string(Base64URL.encode(oct.k))
    }
  }
}

/// Typed access to a JWK's members, with the library's error messages (names, never values).
struct JWKMemberReader {
  let object: JSONObject

  func contains(_ name: String) -> Bool { object.contains(name) }

  func optionalString(_ name: String) throws(JOSEError) -> String? {
    guard let value = object[name] else { return nil }
    guard let string = value.stringValue else { throw JOSEError(.invalidKey, "JWK: \(name) is not a string") }
    return string
  }

  func requiredString(_ name: String) throws(JOSEError) -> String {
    guard let string = try optionalString(name) else { throw JOSEError(.invalidKey, "JWK: \(name) is missing") }
    return string
  }

  /// A base64url member's bytes (strict: unpadded URL alphabet, no whitespace, zero trailing bits).
  func optionalBytes(_ name: String) throws(JOSEError) -> [UInt8]? {
    guard let string = try optionalString(name) else { return nil }
    do throws(JOSEError) {
      return try Base64URL.decode(string)
    } catch {
      throw JOSEError(.invalidKey, "JWK: \(name) is not valid base64url")
    }
  }

  func requiredBytes(_ name: String) throws(JOSEError) -> [UInt8] {
    guard let bytes = try optionalBytes(name) else { throw JOSEError(.invalidKey, "JWK: \(name) is missing") }
    return bytes
  }

  /// `key_ops`: an array of distinct strings (RFC 7517 §4.3).
  func optionalKeyOperations() throws(JOSEError) -> [String]? {
    guard let value = object["key_ops"] else { return nil }
    guard let elements = value.arrayValue else { throw JOSEError(.invalidKey, "JWK: key_ops is not an array") }
    var operations: [String] = []
    operations.reserveCapacity(elements.count)
    for element in elements {
      guard let operation = element.stringValue else {
        throw JOSEError(.invalidKey, "JWK: key_ops has a non-string element")
      }
      if operations.contains(where: { $0.utf8Equals(operation) }) {
        throw JOSEError(.invalidKey, "JWK: key_ops has a duplicate element")
      }
      operations.append(operation)
    }
    return operations
  }
}

extension CryptoError {
  /// The human-readable detail of a crypto error.
  var detail: String { reason }

  /// The JOSE error for a key the crypto layer refused.
  func keyError(_ context: String) -> JOSEError {
    if case .unsupportedAlgorithm = self {
      return JOSEError(.invalidKey, "\(context): \(detail)", reason: .unsupportedAlgorithm)
    }
    return JOSEError(.invalidKey, "\(context): \(detail)")
  }
}
