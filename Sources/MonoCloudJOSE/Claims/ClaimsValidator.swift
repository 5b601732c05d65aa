import MonoCloudCrypto

/// Checks a token's claims (a verified JWT payload or an introspection response) against a
/// `TokenValidationPolicy`. Build once, reuse for every token; safe to share across threads.
///
/// Failures: `.invalidToken` (issuer, audience, subject, times, certificate binding),
/// `.insufficientScope`, `.insufficientGroups`. Messages name claims, never their values.
public struct ClaimsValidator: Sendable {
  /// The policy's rules other than the required scopes and groups, shared by copies, so that
  /// `requiring(scopes:groups:)` for one request costs a retain, not a copy of the policy.
  final class Rules: Sendable {
    let policy: TokenValidationPolicy
    let issuers: [String]
    let clockSkew: Int64
    let clockTolerance: Int64
    let maxTokenAge: Int64?

    init(_ policy: TokenValidationPolicy) {
      self.policy = policy
      issuers = policy.expectedIssuers
      clockSkew = policy.clockSkewSeconds
      clockTolerance = policy.clockToleranceSeconds
      maxTokenAge = policy.maxTokenAgeSeconds
    }
  }

  let rules: Rules
  let requiredScopes: [String]
  let requiredGroups: [String]

  /// The policy checked.
  public var policy: TokenValidationPolicy {
    var policy = rules.policy
    policy.requiredScopes = requiredScopes
    policy.requiredGroups = requiredGroups
    return policy
  }

  public init(_ policy: TokenValidationPolicy) {
    rules = Rules(policy)
    requiredScopes = policy.requiredScopes
    requiredGroups = policy.requiredGroups
  }

  private init(rules: Rules, scopes: [String], groups: [String]) {
    self.rules = rules
    requiredScopes = scopes
    requiredGroups = groups
  }

  /// This validator with other required scopes and groups in place of the policy's, every other
  /// rule kept: cheap enough to call per request (nothing is copied or allocated).
  ///
  /// ```swift
  /// let base = ClaimsValidator(policy)
  /// try base.requiring(scopes: ["read:orders"], groups: []).validate(claims, now: now)
  /// ```
  public func requiring(scopes: [String], groups: [String]) -> ClaimsValidator {
    ClaimsValidator(rules: rules, scopes: scopes, groups: groups)
  }

  /// The policy's rules other than scopes and groups, read in place (`policy` builds a copy).
  var sharedPolicy: TokenValidationPolicy { rules.policy }

  var issuers: [String] { rules.issuers }
  var clockSkew: Int64 { rules.clockSkew }
  var clockTolerance: Int64 { rules.clockTolerance }
  var maxTokenAge: Int64? { rules.maxTokenAge }

  @available(*, deprecated, message: "use init(_: TokenValidationPolicy)")
  public init(_ options: ClaimsValidationOptions) {
    self.init(options.policy)
  }

  @available(*, deprecated, renamed: "policy")
  public var options: ClaimsValidationOptions { ClaimsValidationOptions(policy) }

  /// Validates `claims` at Unix time `now`, with the client certificate thumbprint from the policy.
  public func validate(_ claims: JSONObject, now: Int64) throws(JOSEError) {
    try validate(claims, now: now, certificateThumbprint: rules.policy.certificateThumbprint)
  }

  /// Validates `claims` at Unix time `now`; `certificateThumbprint` is the base64url SHA-256
  /// thumbprint of the certificate the client presented with this request (`nil`: none).
  public func validate(_ claims: JSONObject, now: Int64, certificateThumbprint: String?) throws(JOSEError) {
    let groupsClaim = requiredGroups.isEmpty ? nil : rules.policy.groupsClaim
    guard let source = claims.source else {
      try validate(
        ClaimMembers(tree: claims, groupsClaim: groupsClaim), now: now, certificateThumbprint: certificateThumbprint)
      return
    }
    // Claims the validator read in place are checked over their bytes, nothing built.
    try source.withBytes { (raw) throws(JOSEError) in
      let found = ClaimMembers(inPlace: JSONSourceView(raw), groupsClaim: groupsClaim)
      try validate(found, now: now, certificateThumbprint: certificateThumbprint)
    }
  }

  /// The checks over the claims `found` in a tree or in place: the one implementation of the rules.
  private func validate(
    _ found: ClaimMembers, now: Int64, certificateThumbprint: String?
  ) throws(JOSEError) {
    try checkIssuer(found)
    try checkAudience(found)
    if let subject = found.subject, !subject.isString {
      throw JOSEError(.invalidToken, "the sub claim is not a string")
    }
    try checkTimes(found, now: now)
    try checkScopes(found)
    try checkGroups(found)
    try checkCertificateBinding(found, certificateThumbprint: certificateThumbprint)
  }

  // MARK: - The rules

  private func checkIssuer(_ claims: ClaimMembers) throws(JOSEError) {
    guard !issuers.isEmpty else { return }
    guard let value = claims.issuer else { throw JOSEError(.invalidToken, "the iss claim is missing") }
    let matches = value.withStringBytes { actual in issuers.contains { $0.utf8Equals(actual) } } ?? false
    guard matches else {
      throw JOSEError(.invalidToken, "the iss claim does not match the expected issuer")
    }
  }

  private func checkAudience(_ claims: ClaimMembers) throws(JOSEError) {
    let audiences = rules.policy.audiences
    guard !audiences.isEmpty else { return }
    guard let value = claims.audience else { throw JOSEError(.invalidToken, "the aud claim is missing") }
    // Closures written where they are passed (not kept in a variable): a kept closure's context
    // can end up on the heap in Embedded builds.
    if let single = value.withStringBytes({ candidate in audiences.contains { $0.utf8Equals(candidate) } }) {
      if single { return }
    } else if let found = value.containsElement(where: { element in
      element.withStringBytes { candidate in audiences.contains { $0.utf8Equals(candidate) } } ?? false
    }) {
      if found { return }
    } else {
      throw JOSEError(.invalidToken, "the aud claim is neither a string nor an array")
    }
    throw JOSEError(.invalidToken, "the aud claim does not contain the expected audience")
  }

  private func checkTimes(_ claims: ClaimMembers, now: Int64) throws(JOSEError) {
    let current = ClaimsValidator.saturatingAdd(now, clockSkew)
    if let value = claims.expiration {
      // exp > current - tolerance
      let limit = ClaimsValidator.saturatingAdd(current, ClaimsValidator.saturatingNegate(clockTolerance))
      guard try ClaimsValidator.compare(value, limit, claim: "exp") > 0 else {
        throw JOSEError(.invalidToken, "the token has expired (exp)")
      }
    } else if rules.policy.requireExpiration {
      throw JOSEError(.invalidToken, "the exp claim is missing (required)")
    }
    try checkIssuedAt(claims.issuedAt, current: current)
    if let value = claims.notBefore {
      // nbf <= current + tolerance
      let limit = ClaimsValidator.saturatingAdd(current, clockTolerance)
      guard try ClaimsValidator.compare(value, limit, claim: "nbf") <= 0 else {
        throw JOSEError(.invalidToken, "the token is not valid yet (nbf)")
      }
    }
  }

  /// `iat`, when present, must not be in the future beyond the tolerance; with a maximum token
  /// age it is required and must not be older than that age (plus the tolerance).
  private func checkIssuedAt(_ issuedAt: ClaimValue?, current: Int64) throws(JOSEError) {
    guard let value = issuedAt else {
      if maxTokenAge != nil { throw JOSEError(.invalidToken, "the iat claim is missing (a maximum token age is set)") }
      return
    }
    // iat <= current + tolerance
    guard try ClaimsValidator.compare(value, ClaimsValidator.saturatingAdd(current, clockTolerance), claim: "iat") <= 0
    else {
      throw JOSEError(.invalidToken, "the token was issued in the future (iat)")
    }
    guard let maxTokenAge else { return }
    // iat >= current - maxTokenAge - tolerance
    let oldest = ClaimsValidator.saturatingAdd(
      current, ClaimsValidator.saturatingNegate(ClaimsValidator.saturatingAdd(maxTokenAge, clockTolerance)))
    guard try ClaimsValidator.compare(value, oldest, claim: "iat") >= 0 else {
      throw JOSEError(.invalidToken, "the token is older than the maximum token age (iat)")
    }
  }

  /// The JWS header's `typ` must be one of `requiredTypes` (ASCII case-insensitive) when
  /// those are set; otherwise it is not looked at.
  public func checkType(header: JSONObject) throws(JOSEError) {
    guard !rules.policy.requiredTypes.isEmpty else { return }
    guard let type = header.string("typ") else { return try checkType(typ: nil) }
    try type.withUTF8Bytes { (bytes) throws(JOSEError) in try checkType(typ: bytes) }
  }

  /// `checkType(header:)` for a header whose `typ` string has the UTF-8 `typ` (nil: no `typ`
  /// member, or one that is not a string).
  func checkType(typ: UnsafeRawBufferPointer?) throws(JOSEError) {
    let required = rules.policy.requiredTypes
    guard !required.isEmpty else { return }
    guard let typ else {
      throw JOSEError(.invalidToken, "the typ header is missing (required)")
    }
    guard required.contains(where: { ConfigurationText.equalsIgnoringASCIICase(typ, $0) }) else {
      throw JOSEError(.invalidToken, "the typ header is not one of the required types")
    }
  }

  /// Whether the policy has a `typ` rule.
  var checksType: Bool { !rules.policy.requiredTypes.isEmpty }

  private func checkScopes(_ claims: ClaimMembers) throws(JOSEError) {
    guard !requiredScopes.isEmpty else { return }
    if let value = claims.scope {
      guard let allPresent = value.withStringBytes({ allScopes(in: $0) }) else {
        throw JOSEError(.insufficientScope, "the scope claim is not a string")
      }
      guard allPresent else { throw JOSEError(.insufficientScope, "a required scope is missing") }
      return
    }
    guard let value = claims.scp else { throw JOSEError(.insufficientScope, "the token has no scope claim") }
    if let allPresent = value.withStringBytes({ allScopes(in: $0) }) {
      guard allPresent else { throw JOSEError(.insufficientScope, "a required scope is missing") }
      return
    }
    guard value.isArray else {
      throw JOSEError(.insufficientScope, "the scp claim is neither an array nor a string")
    }
    for required in requiredScopes {
      let found = value.containsElement { element in
        element.withStringBytes { required.utf8Equals($0) } ?? false
      }
      guard found == true else { throw JOSEError(.insufficientScope, "a required scope is missing") }
    }
  }

  /// Whether every required scope is in the space-separated list `bytes`.
  private func allScopes(in bytes: UnsafeRawBufferPointer) -> Bool {
    requiredScopes.allSatisfy { required in
      required.withUTF8Raw { ClaimsValidator.spaceSeparated(bytes, contains: $0) }
    }
  }

  private func checkGroups(_ claims: ClaimMembers) throws(JOSEError) {
    guard !requiredGroups.isEmpty else { return }
    guard let value = claims.groups else {
      throw JOSEError(.insufficientGroups, "the \(rules.policy.groupsClaim) claim is missing")
    }
    guard value.isArray else {
      throw JOSEError(.insufficientGroups, "the \(rules.policy.groupsClaim) claim is not an array")
    }
    var matched = 0
    for required in requiredGroups {
      let found = value.containsElement { ClaimsValidator.group($0, matches: required) } ?? false
      if found {
        matched &+= 1
        if !rules.policy.groupsMatchAll { return }
      } else if rules.policy.groupsMatchAll {
        break
      }
    }
    guard rules.policy.groupsMatchAll && matched == requiredGroups.count else {
      throw JOSEError(.insufficientGroups, "a required group is missing")
    }
  }

  private func checkCertificateBinding(
    _ claims: ClaimMembers, certificateThumbprint: String?
  ) throws(JOSEError) {
    if rules.policy.certificateBinding == .dangerouslyIgnore { return }
    var bound: ClaimValue?
    if let confirmation = claims.confirmation {
      guard confirmation.isObject else {
        throw JOSEError(.invalidToken, "the cnf claim is not an object")
      }
      if let value = confirmation.member("x5t#S256") {
        guard value.isString else {
          throw JOSEError(.invalidToken, "the cnf x5t#S256 member is not a string")
        }
        bound = value
      }
    }
    guard let bound else {
      if rules.policy.certificateBinding == .required {
        throw JOSEError(.invalidToken, "the token is not certificate-bound (cnf x5t#S256 missing)")
      }
      return
    }
    guard let presented = certificateThumbprint else {
      throw JOSEError(.invalidToken, "the token is certificate-bound but no client certificate was presented")
    }
    let same = bound.withStringBytes { a in presented.withUTF8Raw { b in ConstantTime.equals(a, b) } } ?? false
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

  /// The sign of `number - limit` (-1, 0, 1): exact for integers, via `Double` otherwise;
  /// `claim` names the value in the errors (not a number, out of range).
  static func compare(
    _ number: ClaimValue, _ limit: Int64, claim: String
  ) throws(JOSEError) -> Int {
    // 2: out of range.
    let sign = number.withNumberText { text -> Int in
      guard let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 2 }
      if let integer = JSONNumber.parseInt64(base, text.count) {
        return integer < limit ? -1 : (integer == limit ? 0 : 1)
      }
      guard let value = JSONNumber.parseDouble(base, text.count) else { return 2 }
      let bound = Double(limit)
      return value < bound ? -1 : (value == bound ? 0 : 1)
    }
    guard let sign else { throw JOSEError(.invalidToken, "the \(claim) claim is not a number") }
    guard sign != 2 else { throw JOSEError(.invalidToken, "the \(claim) claim is out of range") }
    return sign
  }

  /// Whether the space-separated list `list` has an entry equal to `entry`.
  static func spaceSeparated(_ list: UnsafeRawBufferPointer, contains entry: UnsafeRawBufferPointer) -> Bool {
    guard !entry.isEmpty else { return false }
    var start = 0
    let n = list.count
    while start <= n {
      var stop = start
      // Any ASCII whitespace separates entries (tab, LF, VT, FF, CR, space), as the Node SDK splits.
      while stop < n && !(list[stop] == 0x20 || (list[stop] >= 0x09 && list[stop] <= 0x0D)) { stop &+= 1 }
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
  static func group(_ element: ClaimValue, matches group: String) -> Bool {
    if let same = element.withStringBytes({ group.utf8Equals($0) }) { return same }
    guard element.isObject else { return false }
    if element.member("id")?.withStringBytes({ group.utf8Equals($0) }) == true { return true }
    return element.member("name")?.withStringBytes({ group.utf8Equals($0) }) == true
  }
}
