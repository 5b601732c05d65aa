/// The offline validation policy: what a token's header and claims must satisfy (issuer,
/// audience, times, scopes, groups, certificate binding, `exp`/`iat`/`typ` rules). One value
/// type shared by every front end: `MonoCloudBackendOptions` holds one, the command-line tool
/// and the wasm module map their inputs to one, and `ClaimsValidator`/`JWTValidator` check
/// tokens against one.
///
/// Values set in code count as given: `fillFromEnvironment(_:problems:)` reads
/// `MONOCLOUD_BACKEND_*` variables only for the settings still at their defaults, so code
/// overrides the environment, which overrides the defaults.
public struct TokenValidationPolicy: Sendable {
  /// The tenant, e.g. `https://your-tenant.us.monocloud.com`: the expected issuer when
  /// `issuers` is empty. Normalized by `checked(problems:)` (see `TenantDomain`).
  public var tenantDomain: String? { didSet { given.insert(.tenantDomain) } }
  /// The accepted `iss` values; empty: the tenant domain, or no check without one.
  public var issuers: [String] { didSet { given.insert(.issuers) } }
  /// `aud` must contain one of these; empty skips the check. The first is the audience
  /// named in `WWW-Authenticate` answers.
  public var audiences: [String] { didSet { given.insert(.audiences) } }
  /// Added to `now` to get the validator's current time (corrects a known clock offset).
  public var clockSkew: Duration {
    get { clockSkewDuration }
    set { setClockSkew(newValue, seconds: newValue.components.seconds) }
  }
  /// Leeway for `exp`, `nbf` and `iat`.
  public var clockTolerance: Duration {
    get { clockToleranceDuration }
    set { setClockTolerance(newValue, seconds: newValue.components.seconds) }
  }
  /// Scopes that must all be present in `scope` (space-separated) or, without `scope`, in `scp`.
  public var requiredScopes: [String]
  /// Groups of which any one (or all, with `groupsMatchAll`) must be in the groups claim.
  public var requiredGroups: [String]
  /// The name of the claim listing the groups.
  public var groupsClaim: String { didSet { given.insert(.groupsClaim) } }
  /// Whether every required group must be present (otherwise one suffices).
  public var groupsMatchAll: Bool { didSet { given.insert(.groupsMatchAll) } }
  /// How certificate-bound tokens are handled.
  public var certificateBinding: CertificateBindingMode { didSet { given.insert(.certificateBinding) } }
  /// The base64url SHA-256 thumbprint of the client certificate of the request, if any
  /// (see `CertificateThumbprint`). Can also be passed per call.
  public var certificateThumbprint: String?
  /// Whether a token must carry `exp` (RFC 9068 §2.2; default true). Introspection answers,
  /// for which RFC 7662 makes `exp` optional, are not held to it.
  public var requireExpiration: Bool
  /// When set, tokens whose `iat` is older than this (beyond the tolerance) are refused, and
  /// `iat` is required.
  public var maxTokenAge: Duration? {
    get { maxTokenAgeDuration }
    set { setMaxTokenAge(newValue, seconds: newValue?.components.seconds) }
  }
  /// When not empty, the JWS header `typ` must be one of these (ASCII case-insensitive),
  /// e.g. `["at+jwt", "application/at+jwt"]` (RFC 9068 §4). Default: not checked.
  public var requiredTypes: [String]

  // The durations with their whole seconds (rounded toward zero), which the per-token checks
  // use: splitting a `Duration` divides a 128-bit integer, whose runtime helpers are large in
  // the Embedded (wasm) build, so whole-second settings are stored without it.
  private var clockSkewDuration: Duration
  private var clockToleranceDuration: Duration
  private var maxTokenAgeDuration: Duration?
  /// `clockSkew` in whole seconds.
  package private(set) var clockSkewSeconds: Int64
  /// `clockTolerance` in whole seconds.
  package private(set) var clockToleranceSeconds: Int64
  /// `maxTokenAge` in whole seconds.
  package private(set) var maxTokenAgeSeconds: Int64?

  /// The settings given explicitly (in code, or by a flag), which the environment must not override.
  var given: PolicySettingSet

  /// The defaults: no issuer or audience check, skew 0, tolerance 300 s, no scopes or groups,
  /// groups claim `groups`, any group suffices, certificate binding checked when present.
  public init() {
    tenantDomain = nil
    issuers = []
    audiences = []
    clockSkewDuration = .zero
    clockSkewSeconds = 0
    clockToleranceDuration = .seconds(300)
    clockToleranceSeconds = 300
    requiredScopes = []
    requiredGroups = []
    groupsClaim = "groups"
    groupsMatchAll = false
    certificateBinding = .whenPresent
    certificateThumbprint = nil
    requireExpiration = true
    maxTokenAgeDuration = nil
    maxTokenAgeSeconds = nil
    requiredTypes = []
    given = PolicySettingSet()
  }

  /// A policy with the given values; those passed (non-`nil`) count as given, so the
  /// environment does not override them.
  public init(
    tenantDomain: String? = nil, issuers: [String]? = nil, audiences: [String]? = nil, clockSkew: Duration? = nil,
    clockTolerance: Duration? = nil, requiredScopes: [String] = [], requiredGroups: [String] = [],
    groupsClaim: String? = nil, groupsMatchAll: Bool? = nil, certificateBinding: CertificateBindingMode? = nil,
    certificateThumbprint: String? = nil, requireExpiration: Bool = true, maxTokenAge: Duration? = nil,
    requiredTypes: [String] = []
  ) {
    // Property observers do not run in an initializer: record what was given here.
    var policy = TokenValidationPolicy()
    if let tenantDomain { policy.tenantDomain = tenantDomain }
    if let issuers { policy.issuers = issuers }
    if let audiences { policy.audiences = audiences }
    if let clockSkew { policy.clockSkew = clockSkew }
    if let clockTolerance { policy.clockTolerance = clockTolerance }
    policy.requiredScopes = requiredScopes
    policy.requiredGroups = requiredGroups
    if let groupsClaim { policy.groupsClaim = groupsClaim }
    if let groupsMatchAll { policy.groupsMatchAll = groupsMatchAll }
    if let certificateBinding { policy.certificateBinding = certificateBinding }
    policy.certificateThumbprint = certificateThumbprint
    policy.requireExpiration = requireExpiration
    if let maxTokenAge { policy.maxTokenAge = maxTokenAge }
    policy.requiredTypes = requiredTypes
    self = policy
  }

  /// Sets `clockSkew` to `seconds` whole seconds (as given), without splitting a `Duration`.
  package mutating func setClockSkew(seconds: Int64) { setClockSkew(.seconds(seconds), seconds: seconds) }

  /// Sets `clockTolerance` to `seconds` whole seconds (as given).
  package mutating func setClockTolerance(seconds: Int64) { setClockTolerance(.seconds(seconds), seconds: seconds) }

  /// Sets `maxTokenAge` to `seconds` whole seconds (as given).
  package mutating func setMaxTokenAge(seconds: Int64) { setMaxTokenAge(.seconds(seconds), seconds: seconds) }

  private mutating func setClockSkew(_ duration: Duration, seconds: Int64) {
    clockSkewDuration = duration
    clockSkewSeconds = seconds
    given.insert(.clockSkew)
  }

  private mutating func setClockTolerance(_ duration: Duration, seconds: Int64) {
    clockToleranceDuration = duration
    clockToleranceSeconds = seconds
    given.insert(.clockTolerance)
  }

  private mutating func setMaxTokenAge(_ duration: Duration?, seconds: Int64?) {
    maxTokenAgeDuration = duration
    maxTokenAgeSeconds = seconds
    given.insert(.maxTokenAge)
  }

  /// The issuers a token may carry: `issuers`, else the tenant domain (once normalized).
  public var expectedIssuers: [String] {
    if !issuers.isEmpty { return issuers }
    if let tenantDomain { return [tenantDomain] }
    return []
  }

  /// The audience named in `WWW-Authenticate` answers: the first of `audiences`.
  public var primaryAudience: String? { audiences.first }

  /// Whether `setting` was given explicitly (in code or by a flag) rather than left at its default.
  public func isGiven(_ setting: PolicySetting) -> Bool { given.contains(setting) }

  /// The policy with its tenant domain normalized, after checking the whole of it; every
  /// problem is appended to `problems` (naming the option, never its value). `requireAudience`
  /// makes an empty `audiences` a problem (the client and the tool need one).
  public func checked(requireAudience: Bool = false, problems: inout [String]) -> TokenValidationPolicy {
    var policy = self
    if let raw = tenantDomain {
      switch TenantDomain.normalize(raw) {
      case .success(let normalized): policy.tenantDomain = normalized
      case .failure(let problem): problems.append(source(of: .tenantDomain) + ": " + problem.description)
      }
    }
    if requireAudience && audiences.isEmpty {
      problems.append("audience is required (" + PolicySetting.environmentPrefix + "AUDIENCE)")
    }
    problems += self.problems()
    policy.given = given
    return policy
  }

  /// What is wrong with the policy's values, apart from the tenant domain (see `checked`):
  /// blank list entries, negative durations, an empty groups claim, blank requirements. Each
  /// problem names the option (or the flag or variable it came from), never the value.
  public func problems() -> [String] {
    var problems: [String] = []
    for (list, setting) in [(issuers, PolicySetting.issuers), (audiences, .audiences)]
    where list.contains(where: ConfigurationText.isBlank) {
      problems.append(source(of: setting) + " must not contain an empty entry")
    }
    if clockSkew < .zero { problems.append(source(of: .clockSkew) + " must not be negative") }
    if clockTolerance < .zero { problems.append(source(of: .clockTolerance) + " must not be negative") }
    if ConfigurationText.isBlank(groupsClaim) { problems.append(source(of: .groupsClaim) + " must not be empty") }
    if let maxTokenAge, maxTokenAge <= .zero { problems.append(source(of: .maxTokenAge) + " must be positive") }
    return problems + requirementProblems()
  }

  /// Blank required scopes, groups or types: a requirement that could never be met or would
  /// silently be dropped is a configuration error.
  public func requirementProblems() -> [String] {
    var problems: [String] = []
    for (list, setting) in [
      (requiredScopes, PolicySetting.requiredScopes), (requiredGroups, .requiredGroups),
      (requiredTypes, .requiredTypes),
    ] where list.contains(where: ConfigurationText.isBlank) {
      problems.append(source(of: setting) + " must not be empty or blank")
    }
    return problems
  }

  /// The name a problem with `setting` is reported under: the flag or variable it came from,
  /// else the option name.
  func source(of setting: PolicySetting) -> String {
    sources.first { $0.setting == setting }?.name ?? setting.optionName
  }

  /// Where text-given settings came from (flag or variable names), for messages.
  var sources: [(setting: PolicySetting, name: String)] = []
}
