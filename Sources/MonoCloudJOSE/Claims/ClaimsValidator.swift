import MonoCloudCrypto

/// How a certificate-bound token (RFC 8705 §3, `cnf` with `x5t#S256`) is treated.
public enum CertificateBindingMode: Sendable, Equatable {
  /// Check the binding when the token has `cnf.x5t#S256` (the default).
  case whenPresent
  /// Require every token to be certificate-bound, and check the binding.
  case required
  /// Never check. Only for deployments where a proxy already did.
  case dangerouslyIgnore

  /// The configuration name: `when_present`, `required`, `dangerously_ignore`.
  public var name: String {
    switch self {
    case .whenPresent: return "when_present"
    case .required: return "required"
    case .dangerouslyIgnore: return "dangerously_ignore"
    }
  }

  /// The mode for a configuration name (exact, case-sensitive), or `nil`.
  public init?(name: String) {
    for mode in [CertificateBindingMode.whenPresent, .required, .dangerouslyIgnore] where mode.name.utf8Equals(name) {
      self = mode
      return
    }
    return nil
  }
}

/// What `ClaimsValidator` checks. Times are Unix seconds.
public struct ClaimsValidationOptions: Sendable {
  /// The exact expected `iss`; `nil` skips the check.
  public var issuer: String?
  /// A value `aud` must contain; `nil` skips the check.
  public var audience: String?
  /// Added to `now` to get the validator's current time (corrects a known clock offset).
  public var clockSkew: Int64
  /// Leeway for `exp` and `nbf`, in seconds.
  public var clockTolerance: Int64
  /// Scopes that must all be present in `scope` (space-separated) or, without `scope`, in `scp`.
  public var requiredScopes: [String]
  /// Groups of which any one (or all, with `groupsMatchAll`) must be in the groups claim.
  public var requiredGroups: [String]
  /// The name of the claim listing the groups.
  public var groupsClaim: String
  /// Whether every required group must be present (otherwise one suffices).
  public var groupsMatchAll: Bool
  /// How certificate-bound tokens are handled.
  public var certificateBinding: CertificateBindingMode
  /// The base64url SHA-256 thumbprint of the client certificate of the request, if any
  /// (see `CertificateThumbprint`). Can also be passed per call.
  public var certificateThumbprint: String?

  public init(
    issuer: String? = nil, audience: String? = nil, clockSkew: Int64 = 0, clockTolerance: Int64 = 300,
    requiredScopes: [String] = [], requiredGroups: [String] = [], groupsClaim: String = "groups",
    groupsMatchAll: Bool = false, certificateBinding: CertificateBindingMode = .whenPresent,
    certificateThumbprint: String? = nil
  ) {
    self.issuer = issuer
    self.audience = audience
    self.clockSkew = clockSkew
    self.clockTolerance = clockTolerance
    self.requiredScopes = requiredScopes
    self.requiredGroups = requiredGroups
    self.groupsClaim = groupsClaim
    self.groupsMatchAll = groupsMatchAll
    self.certificateBinding = certificateBinding
    self.certificateThumbprint = certificateThumbprint
  }
}

/// Checks a token's claims (a verified JWT payload or an introspection response) against
/// `ClaimsValidationOptions`. Build once, reuse for every token; safe to share across threads.
///
/// Failures: `.invalidToken` (issuer, audience, subject, times, certificate binding),
/// `.insufficientScope`, `.insufficientGroups`. Messages name claims, never their values.
public struct ClaimsValidator: Sendable {
  public let options: ClaimsValidationOptions
  private let requiredScopeBytes: [[UInt8]]
  private let requiredGroupBytes: [[UInt8]]

  public init(_ options: ClaimsValidationOptions) {
    self.options = options
    requiredScopeBytes = options.requiredScopes.map { Array($0.utf8) }
    requiredGroupBytes = options.requiredGroups.map { Array($0.utf8) }
  }

  /// Validates `claims` at Unix time `now`, with the client certificate thumbprint from the options.
  public func validate(_ claims: JSONObject, now: Int64) throws(JOSEError) {
    try validate(claims, now: now, certificateThumbprint: options.certificateThumbprint)
  }

  /// Validates `claims` at Unix time `now`; `certificateThumbprint` is the base64url SHA-256
  /// thumbprint of the certificate the client presented with this request (`nil`: none).
  public func validate(_ claims: JSONObject, now: Int64, certificateThumbprint: String?) throws(JOSEError) {
    try checkIssuer(claims)
    try checkAudience(claims)
    if let subject = claims["sub"], subject.stringValue == nil {
      throw JOSEError(.invalidToken, "the sub claim is not a string")
    }
    try checkTimes(claims, now: now)
    try checkScopes(claims)
    try checkGroups(claims)
    try checkCertificateBinding(claims, certificateThumbprint: certificateThumbprint)
  }

  // MARK: - The rules

  private func checkIssuer(_ claims: JSONObject) throws(JOSEError) {
    guard let issuer = options.issuer else { return }
    guard let value = claims["iss"] else { throw JOSEError(.invalidToken, "the iss claim is missing") }
    guard let actual = value.stringValue, actual.utf8Equals(issuer) else {
      throw JOSEError(.invalidToken, "the iss claim does not match the expected issuer")
    }
  }

  private func checkAudience(_ claims: JSONObject) throws(JOSEError) {
    guard let audience = options.audience else { return }
    guard let value = claims["aud"] else { throw JOSEError(.invalidToken, "the aud claim is missing") }
    switch value {
    case .string(let single):
      if single.utf8Equals(audience) { return }
    case .array(let elements):
      for element in elements {
        if case .string(let candidate) = element, candidate.utf8Equals(audience) { return }
      }
    default:
      throw JOSEError(.invalidToken, "the aud claim is neither a string nor an array")
    }
    throw JOSEError(.invalidToken, "the aud claim does not contain the expected audience")
  }

  private func checkTimes(_ claims: JSONObject, now: Int64) throws(JOSEError) {
    let current = ClaimsValidator.saturatingAdd(now, options.clockSkew)
    if let value = claims["exp"] {
      guard case .number(let exp) = value else { throw JOSEError(.invalidToken, "the exp claim is not a number") }
      // exp > current - tolerance
      let limit = ClaimsValidator.saturatingAdd(current, ClaimsValidator.saturatingNegate(options.clockTolerance))
      guard try ClaimsValidator.compare(exp, limit, claim: "exp") > 0 else {
        throw JOSEError(.invalidToken, "the token has expired (exp)")
      }
    }
    if let value = claims["nbf"] {
      guard case .number(let nbf) = value else { throw JOSEError(.invalidToken, "the nbf claim is not a number") }
      // nbf <= current + tolerance
      let limit = ClaimsValidator.saturatingAdd(current, options.clockTolerance)
      guard try ClaimsValidator.compare(nbf, limit, claim: "nbf") <= 0 else {
        throw JOSEError(.invalidToken, "the token is not valid yet (nbf)")
      }
    }
  }

  private func checkScopes(_ claims: JSONObject) throws(JOSEError) {
    guard !requiredScopeBytes.isEmpty else { return }
    if let value = claims["scope"] {
      guard let scope = value.stringValue else {
        throw JOSEError(.insufficientScope, "the scope claim is not a string")
      }
      let allPresent = scope.withUTF8Raw { bytes in
        requiredScopeBytes.allSatisfy { ClaimsValidator.spaceSeparated(bytes, contains: $0) }
      }
      guard allPresent else { throw JOSEError(.insufficientScope, "a required scope is missing") }
      return
    }
    guard let value = claims["scp"] else { throw JOSEError(.insufficientScope, "the token has no scope claim") }
    switch value {
    case .array(let elements):
      for required in requiredScopeBytes {
        let found = elements.contains { element in
          guard case .string(let granted) = element else { return false }
          return granted.utf8Equals(required)
        }
        guard found else { throw JOSEError(.insufficientScope, "a required scope is missing") }
      }
    case .string(let scope):
      let allPresent = scope.withUTF8Raw { bytes in
        requiredScopeBytes.allSatisfy { ClaimsValidator.spaceSeparated(bytes, contains: $0) }
      }
      guard allPresent else { throw JOSEError(.insufficientScope, "a required scope is missing") }
    default:
      throw JOSEError(.insufficientScope, "the scp claim is neither an array nor a string")
    }
  }

  private func checkGroups(_ claims: JSONObject) throws(JOSEError) {
    guard !requiredGroupBytes.isEmpty else { return }
    guard let value = claims[options.groupsClaim] else {
      throw JOSEError(.insufficientGroups, "the \(options.groupsClaim) claim is missing")
    }
    guard case .array(let elements) = value else {
      throw JOSEError(.insufficientGroups, "the \(options.groupsClaim) claim is not an array")
    }
    var matched = 0
    for required in requiredGroupBytes {
      let found = elements.contains { ClaimsValidator.group($0, matches: required) }
      if found {
        matched &+= 1
        if !options.groupsMatchAll { return }
      } else if options.groupsMatchAll {
        break
      }
    }
    guard options.groupsMatchAll && matched == requiredGroupBytes.count else {
      throw JOSEError(.insufficientGroups, "a required group is missing")
    }
  }

  private func checkCertificateBinding(_ claims: JSONObject, certificateThumbprint: String?) throws(JOSEError) {
    if options.certificateBinding == .dangerouslyIgnore { return }
    var bound: String?
    if let confirmation = claims["cnf"] {
      guard case .object(let cnf) = confirmation else {
        throw JOSEError(.invalidToken, "the cnf claim is not an object")
      }
      if let value = cnf["x5t#S256"] {
        guard case .string(let thumbprint) = value else {
          throw JOSEError(.invalidToken, "the cnf x5t#S256 member is not a string")
        }
        bound = thumbprint
      }
    }
    guard let bound else {
      if options.certificateBinding == .required {
        throw JOSEError(.invalidToken, "the token is not certificate-bound (cnf x5t#S256 missing)")
      }
      return
    }
    guard let presented = certificateThumbprint else {
      throw JOSEError(.invalidToken, "the token is certificate-bound but no client certificate was presented")
    }
    let same = bound.withUTF8Raw { a in presented.withUTF8Raw { b in ConstantTime.equals(a, b) } }
    guard same else {
      throw JOSEError(.invalidToken, "the client certificate does not match the token's cnf x5t#S256")
    }
  }

  // MARK: - Helpers

  static func saturatingAdd(_ a: Int64, _ b: Int64) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    if !overflow { return sum }
    return b > 0 ? Int64.max : Int64.min
  }

  static func saturatingNegate(_ a: Int64) -> Int64 {
    a == Int64.min ? Int64.max : -a
  }

  /// The sign of `number - limit` (-1, 0, 1): exact for integers, via `Double` otherwise.
  static func compare(_ number: JSONNumber, _ limit: Int64, claim: String) throws(JOSEError) -> Int {
    if let integer = number.int64Value {
      return integer < limit ? -1 : (integer == limit ? 0 : 1)
    }
    guard let value = number.doubleValue else {
      throw JOSEError(.invalidToken, "the \(claim) claim is out of range")
    }
    let bound = Double(limit)
    return value < bound ? -1 : (value == bound ? 0 : 1)
  }

  /// Whether the space-separated list `list` has an entry equal to `entry`.
  static func spaceSeparated(_ list: UnsafeRawBufferPointer, contains entry: [UInt8]) -> Bool {
    guard !entry.isEmpty else { return false }
    var start = 0
    let n = list.count
    while start <= n {
      var stop = start
      while stop < n && list[stop] != 0x20 { stop &+= 1 }
      if stop &- start == entry.count {
        var same = true
        var k = 0
        while k < entry.count {
          if list[start &+ k] != entry[k] {
            same = false
            break
          }
          k &+= 1
        }
        if same { return true }
      }
      start = stop &+ 1
    }
    return false
  }

  /// Whether a groups-claim element (a string, or an object with `id` or `name`) is `group`.
  static func group(_ element: JSONValue, matches group: [UInt8]) -> Bool {
    switch element {
    case .string(let name):
      return name.utf8Equals(group)
    case .object(let object):
      if let id = object.string("id"), id.utf8Equals(group) { return true }
      if let name = object.string("name"), name.utf8Equals(group) { return true }
      return false
    default:
      return false
    }
  }
}
