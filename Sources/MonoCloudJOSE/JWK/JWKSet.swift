/// A JSON Web Key Set (RFC 7517 §5). Keys that cannot be used (unknown type or curve, bad
/// encoding, off-curve points, weak RSA, …) are skipped with the reason, not fatal to the set,
/// so that one odd key at the issuer does not stop validation with the others.
public struct JWKSet: Sendable {
  /// The largest JWKS document accepted, in bytes: by this parser, the command-line tool's
  /// `--jwks` file reader and the backend client's fetch (1 MiB; a JWKS of a hundred RSA-4096
  /// keys is under 100 KiB).
  public static let maximumByteCount = 1 << 20

  /// A key of the set that was not imported, and why.
  public struct SkippedKey: Sendable, Equatable {
    /// The position in `keys` of the input.
    public var index: Int
    /// Why it was skipped (names members, never values).
    public var reason: String
    /// The key's `kid`, when it had a string one (a token naming it is then not told to refresh
    /// the set: the key is known, just unusable).
    public var keyID: String?
    /// The key's `kty`, when it had a string one.
    public var keyType: String?

    public init(index: Int, reason: String, keyID: String? = nil, keyType: String? = nil) {
      self.index = index
      self.reason = reason
      self.keyID = keyID
      self.keyType = keyType
    }

    public static func == (lhs: SkippedKey, rhs: SkippedKey) -> Bool {
      guard lhs.index == rhs.index, lhs.reason.utf8Equals(rhs.reason) else { return false }
      switch (lhs.keyID, rhs.keyID) {
      case (nil, nil): return true
      case (let a?, let b?): return a.utf8Equals(b)
      default: return false
      }
    }
  }

  /// The usable keys, in input order.
  public var keys: [JWK]
  /// The keys that were skipped.
  public var skipped: [SkippedKey]

  /// A set of already imported keys.
  public init(keys: [JWK]) {
    self.keys = keys
    self.skipped = []
  }

  /// Imports `{"keys": [...]}` with private keys, for signing. Throws when the document is not a
  /// JSON object or `keys` is missing or not an array; skips individual unusable keys. Private
  /// keys are imported whole (see `JWK(importingPrivateKeyFrom:)`); a verifier uses
  /// `init(publicKeysFrom:)`.
  public init(importingPrivateKeysFrom json: JSONObject) throws(JOSEError) {
    try self.init(json, importing: { (object) throws(JOSEError) -> JWK in try JWK(importingPrivateKeyFrom: object) })
  }

  /// `init(importingPrivateKeysFrom:)` on a JWKS document (strict JSON); for text, pass
  /// `Array(text.utf8)`.
  public init(importingPrivateKeysFromJSONBytes jsonBytes: [UInt8]) throws(JOSEError) {
    try self.init(importingPrivateKeysFrom: JWKSet.parseDocument(jsonBytes))
  }

  // The former names, which did not say that private keys are imported.
  @available(*, deprecated, renamed: "init(importingPrivateKeysFrom:)")
  public init(json: JSONObject) throws(JOSEError) { try self.init(importingPrivateKeysFrom: json) }
  @available(*, deprecated, renamed: "init(importingPrivateKeysFromJSONBytes:)")
  public init(jsonBytes: [UInt8]) throws(JOSEError) { try self.init(importingPrivateKeysFromJSONBytes: jsonBytes) }
  @available(*, deprecated, message: "use init(importingPrivateKeysFromJSONBytes: Array(json.utf8))")
  public init(jsonString json: String) throws(JOSEError) {
    try self.init(importingPrivateKeysFromJSONBytes: Array(json.utf8))
  }

  /// Imports `{"keys": [...]}` for verifying: each key as by `JWK(publicKeyFrom:)`, so with the
  /// same checks, errors and skipped keys as `init(importingPrivateKeysFrom:)`, except that
  /// private members are ignored (a private key is kept as its public half; `oct` keys are kept whole). This is
  /// the import for a JWKS fetched from an issuer or configured for validation: it never
  /// builds a private key, so a verify-only program does not link the signing code.
  ///
  /// ```swift
  /// let keySet = try JWKSet(publicKeysFrom: document)
  /// let validator = JWTValidator(keySet: keySet, claims: ClaimsValidationOptions(issuer: issuer))
  /// ```
  public init(publicKeysFrom json: JSONObject) throws(JOSEError) {
    try self.init(json, importing: { (object) throws(JOSEError) -> JWK in try JWK(publicKeyFrom: object) })
  }

  /// `init(publicKeysFrom:)` on a JWKS document (strict JSON).
  ///
  /// ```swift
  /// let keySet = try JWKSet(publicKeysFromJSONBytes: Array(#"{"keys":[...]}"#.utf8))
  /// ```
  public init(publicKeysFromJSONBytes jsonBytes: [UInt8]) throws(JOSEError) {
    try self.init(publicKeysFrom: JWKSet.parseDocument(jsonBytes))
  }

  /// `init(publicKeysFrom:)` on the UTF-8 of `json`.
  public init(publicKeysFromJSONString json: String) throws(JOSEError) {
    try self.init(publicKeysFromJSONBytes: Array(json.utf8))
  }

  /// The document loop shared by both imports; `importKey` imports one key object.
  private init(
    _ json: JSONObject, importing importKey: (JSONObject) throws(JOSEError) -> JWK
  ) throws(JOSEError) {
    guard let value = json["keys"] else { throw JOSEError(.invalidKey, "JWKS: keys is missing") }
    guard let elements = value.arrayValue else { throw JOSEError(.invalidKey, "JWKS: keys is not an array") }
    var keys: [JWK] = []
    var skipped: [SkippedKey] = []
    keys.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() {
      guard let object = element.objectValue else {
        skipped.append(SkippedKey(index: index, reason: "JWKS: key is not a JSON object"))
        continue
      }
      do throws(JOSEError) {
        keys.append(try importKey(object))
      } catch {
        skipped.append(
          SkippedKey(index: index, reason: error.message, keyID: object.string("kid"), keyType: object.string("kty")))
      }
    }
    self.keys = keys
    self.skipped = skipped
  }

  /// A JWKS document's top-level object (strict JSON), with the `JWKS:` error prefix.
  private static func parseDocument(_ jsonBytes: [UInt8]) throws(JOSEError) -> JSONObject {
    do throws(JOSEError) {
      return try JSONReader.parseObject(jsonBytes, limits: JSONReader.Limits(maxInputBytes: maximumByteCount))
    } catch {
      throw error.wrapped(as: .invalidKey, "JWKS")
    }
  }

  /// Whether a key with this `kid` was imported.
  public func containsKey(withID kid: String) -> Bool {
    keys.contains { key in key.keyID.map { $0.utf8Equals(kid) } ?? false }
  }

  /// The imported keys with this `kid`.
  public func keys(withID kid: String) -> [JWK] {
    keys.filter { key in key.keyID.map { $0.utf8Equals(kid) } ?? false }
  }

  /// The set as `{"keys": [...]}`: public members only, and no `oct` keys, unless `includingPrivate`.
  public func jsonObject(includingPrivate: Bool = false) -> JSONObject {
    var elements: [JSONValue] = []
    for key in keys {
      if includingPrivate {
        elements.append(.object(key.jsonObject()))
      } else if key.keyType != .oct {
        elements.append(.object(key.publicKey.jsonObject()))
      }
    }
    var object = JSONObject()
    object["keys"] = .array(elements)
    return object
  }
}
