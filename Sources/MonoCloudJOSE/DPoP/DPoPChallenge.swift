/// The `WWW-Authenticate` challenge of a resource server that accepts DPoP (RFC 9449 §7.1):
///
///     DPoP realm="api", error="invalid_dpop_proof", error_description="…", algs="ES256 PS256"
///
/// With `use_dpop_nonce`, the response also carries the nonce in a `DPoP-Nonce` header field
/// (RFC 9449 §9); `isValidNonce` checks a nonce can be sent there.
public struct DPoPChallenge: Sendable {
  /// The accepted proof algorithms (`algs`); symmetric ones are never listed.
  public var algorithms: [JWSAlgorithm]
  /// `realm`, if any.
  public var realm: String?
  /// `error`, if any (no error: a plain challenge for a request without credentials).
  public var error: DPoPError.Code?
  /// `error_description`, if any. Characters RFC 6750 §3 does not allow there (`"`, `\`,
  /// controls, non-ASCII) are dropped.
  public var errorDescription: String?

  public init(
    algorithms: [JWSAlgorithm], realm: String? = nil, error: DPoPError.Code? = nil, errorDescription: String? = nil
  ) {
    self.algorithms = algorithms
    self.realm = realm
    self.error = error
    self.errorDescription = errorDescription
  }

  /// The challenge answering `failure`: its code, its message as the description.
  public init(_ failure: DPoPError, algorithms: [JWSAlgorithm], realm: String? = nil) {
    self.init(algorithms: algorithms, realm: realm, error: failure.code, errorDescription: failure.message)
  }

  /// The field value, starting with the scheme `DPoP`.
  public var headerValue: String {
    var parameters: [UInt8] = []
    func add(_ name: String, _ value: String) {
      parameters.append(contentsOf: parameters.isEmpty ? [0x20] : [0x2C, 0x20])  // " " or ", "
      parameters.append(contentsOf: Array(name.utf8))
      parameters.append(contentsOf: [0x3D, 0x22])  // ="
      for byte in value.utf8 where DPoPChallenge.isQuotable(byte) { parameters.append(byte) }
      parameters.append(0x22)
    }
    if let realm { add("realm", realm) }
    if let error { add("error", error.name) }
    if let errorDescription { add("error_description", errorDescription) }
    add("algs", DPoPChallenge.algorithmList(algorithms))
    return "DPoP" + String(decoding: parameters, as: UTF8.self)
  }

  /// Whether `nonce` can be sent in `DPoP-Nonce` and a proof's `nonce`: one or more of
  /// `%x21 / %x23-5B / %x5D-7E` (RFC 9449 §8.1, NQCHAR).
  public static func isValidNonce(_ nonce: String) -> Bool {
    var count = 0
    for byte in nonce.utf8 {
      guard byte >= 0x21, byte <= 0x7E, byte != 0x22, byte != 0x5C else { return false }
      count &+= 1
    }
    return count > 0
  }

  /// The asymmetric algorithms' names, space-separated, each once.
  static func algorithmList(_ algorithms: [JWSAlgorithm]) -> String {
    var listed: [JWSAlgorithm] = []
    var text = ""
    for algorithm in algorithms where algorithm.family != .hmac && !listed.contains(algorithm) {
      if !listed.isEmpty { text += " " }
      text += algorithm.name
      listed.append(algorithm)
    }
    return text
  }

  /// RFC 6750 §3 `error_description` characters (also safe in `realm` and `algs`):
  /// `%x20-21 / %x23-5B / %x5D-7E`.
  private static func isQuotable(_ byte: UInt8) -> Bool {
    byte >= 0x20 && byte <= 0x7E && byte != 0x22 && byte != 0x5C
  }
}
