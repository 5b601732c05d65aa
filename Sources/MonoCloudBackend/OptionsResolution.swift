import MonoCloudJOSE

extension MonoCloudBackendOptions {
  static let environmentPrefix = "MONOCLOUD_BACKEND_"

  /// Every environment variable the options read.
  public static let environmentVariableNames: [String] = [
    "TENANT_DOMAIN", "AUDIENCE", "CLIENT_ID", "CLIENT_SECRET", "CLIENT_AUTH_METHOD", "CLOCK_SKEW",
    "CLOCK_TOLERANCE", "INTROSPECT_JWT_TOKENS", "GROUPS_CLAIM", "GROUPS_MATCH_ALL", "JWKS_CACHE_DURATION",
    "METADATA_CACHE_DURATION", "RESPONSE_TIMEOUT", "INTROSPECTION_CACHE_DURATION", "VALIDATE_CERTIFICATE_BINDING",
  ].map { environmentPrefix + $0 }

  /// Merges `overrides` (values set in code) over `environment` (`MONOCLOUD_BACKEND_*`
  /// variables, e.g. `ProcessEnvironment.monoCloudVariables()`) over the defaults, and checks
  /// the result. Every problem is collected and reported in one configuration error.
  public static func resolve(
    overrides: MonoCloudBackendOptions, environment: [String: String]
  ) throws(MonoCloudError) -> ResolvedBackendOptions {
    var reader = EnvironmentReader(environment: environment)
    let o = overrides

    let rawTenant = o.tenantDomain ?? reader.string("TENANT_DOMAIN")
    var tenantDomain = ""
    if let rawTenant {
      switch TenantDomain.normalize(rawTenant) {
      case .success(let normalized): tenantDomain = normalized
      case .failure(let problem): reader.problems.append("tenantDomain: \(problem)")
      }
    } else {
      reader.problems.append("tenantDomain is required (MONOCLOUD_BACKEND_TENANT_DOMAIN)")
    }
    let audience = o.audience ?? reader.string("AUDIENCE")
    if audience?.isEmpty ?? true {
      reader.problems.append("audience is required (MONOCLOUD_BACKEND_AUDIENCE)")
    }
    let clientId = o.clientId ?? reader.string("CLIENT_ID")
    var clientSecret = o.clientSecret
    if clientSecret == nil, let text = reader.string("CLIENT_SECRET") {
      clientSecret = ClientSecret.fromEnvironment(text)
    }
    let clientAuthMethod = o.clientAuthMethod ?? reader.choice("CLIENT_AUTH_METHOD", ClientAuthMethod.self)
    let binding =
      o.validateCertificateBinding ?? reader.bindingMode("VALIDATE_CERTIFICATE_BINDING")

    func number(_ value: Int?, option: String, variable: String, default fallback: Int) -> Int {
      if let value {
        if value < 0 { reader.problems.append("\(option) must not be negative") }
        return value
      }
      return reader.integer(variable) ?? fallback
    }
    let clockSkew = number(o.clockSkew, option: "clockSkew", variable: "CLOCK_SKEW", default: 0)
    let clockTolerance = number(o.clockTolerance, option: "clockTolerance", variable: "CLOCK_TOLERANCE", default: 300)
    let jwksCache = number(
      o.jwksCacheDuration, option: "jwksCacheDuration", variable: "JWKS_CACHE_DURATION", default: 300)
    let metadataCache = number(
      o.metadataCacheDuration, option: "metadataCacheDuration", variable: "METADATA_CACHE_DURATION", default: 300)
    let responseTimeout = number(
      o.responseTimeout, option: "responseTimeout", variable: "RESPONSE_TIMEOUT", default: 10_000)
    let introspectionCache = number(
      o.introspectionCacheDuration, option: "introspectionCacheDuration", variable: "INTROSPECTION_CACHE_DURATION",
      default: 300)
    let introspectJwt = o.introspectJwtTokens ?? reader.boolean("INTROSPECT_JWT_TOKENS") ?? false
    let groupsClaim = o.groupOptions?.groupsClaim ?? reader.string("GROUPS_CLAIM") ?? "groups"
    if groupsClaim.isEmpty { reader.problems.append("groupsClaim must not be empty") }
    let matchAll = o.groupOptions?.matchAll ?? reader.boolean("GROUPS_MATCH_ALL") ?? false

    func nonNegative(_ value: Int?, _ name: String, default fallback: Int) -> Int {
      guard let value else { return fallback }
      if value < 0 { reader.problems.append("\(name) must not be negative") }
      return value
    }
    let cooldown = nonNegative(o.jwksRefreshCooldown, "jwksRefreshCooldown", default: 30)
    let grace = nonNegative(o.staleGracePeriod, "staleGracePeriod", default: 3600)
    let maxBytes = nonNegative(o.maxResponseBytes, "maxResponseBytes", default: 1 << 20)
    if responseTimeout == 0 { reader.problems.append("responseTimeout must be positive") }

    if let clientSecret, clientAuthMethod == nil || clientAuthMethod == .clientSecretBasic,
      case .jwk = clientSecret
    {
      reader.problems.append("clientSecret: a JWK needs client_secret_jwt or private_key_jwt")
    }
    if let method = clientAuthMethod, method != .tlsClientAuth, method != .selfSignedTLSClientAuth,
      clientId != nil, clientSecret == nil
    {
      reader.problems.append("clientSecret is required for \(method.rawValue)")
    }

    guard reader.problems.isEmpty, let audience else { throw .configuration(reader.problems) }
    return ResolvedBackendOptions(
      tenantDomain: tenantDomain, audience: audience, clientId: clientId, clientSecret: clientSecret,
      clientAuthMethod: clientAuthMethod ?? .clientSecretBasic, clockSkew: clockSkew, clockTolerance: clockTolerance,
      introspectJwtTokens: introspectJwt, groupsClaim: groupsClaim, groupsMatchAll: matchAll,
      jwksCacheDuration: jwksCache, metadataCacheDuration: metadataCache, responseTimeout: responseTimeout,
      introspectionCacheDuration: introspectionCache, validateCertificateBinding: binding ?? .whenPresent,
      jwksRefreshCooldown: cooldown, staleGracePeriod: grace, maxResponseBytes: maxBytes,
      staticMetadata: o.staticMetadata, staticJWKS: o.staticJWKS)
  }

  /// `resolve(overrides: self, environment:)`.
  public func resolved(environment: [String: String]) throws(MonoCloudError) -> ResolvedBackendOptions {
    try Self.resolve(overrides: self, environment: environment)
  }
}

extension ClientSecret {
  /// `MONOCLOUD_BACKEND_CLIENT_SECRET`: a JSON object with `kty` is a JWK, anything else a string.
  static func fromEnvironment(_ text: String) -> ClientSecret {
    if text.hasPrefix("{"), text.contains("\"kty\"") { return .jwk(text) }
    return .string(text)
  }
}

/// Strict reading of `MONOCLOUD_BACKEND_*` values: trimmed; booleans `true`/`false` in any
/// case; numbers non-negative decimal integers. A bad value is a problem naming the
/// variable, never a silent default. Empty (after trimming) counts as unset.
struct EnvironmentReader {
  let environment: [String: String]
  var problems: [String] = []

  init(environment: [String: String]) {
    self.environment = environment
  }

  func string(_ name: String) -> String? {
    guard let raw = environment[MonoCloudBackendOptions.environmentPrefix + name] else { return nil }
    let trimmed = Self.trim(raw)
    return trimmed.isEmpty ? nil : trimmed
  }

  mutating func boolean(_ name: String) -> Bool? {
    guard let value = string(name) else { return nil }
    switch value.lowercased() {
    case "true": return true
    case "false": return false
    default:
      problems.append("MONOCLOUD_BACKEND_\(name) must be true or false")
      return nil
    }
  }

  mutating func integer(_ name: String) -> Int? {
    guard let value = string(name) else { return nil }
    guard value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let number = Int(value)
    else {
      problems.append("MONOCLOUD_BACKEND_\(name) must be a non-negative decimal integer")
      return nil
    }
    return number
  }

  mutating func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, _ type: Choice.Type) -> Choice?
  where Choice.RawValue == String {
    guard let value = string(name) else { return nil }
    if let choice = Choice(rawValue: value) { return choice }
    let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
    problems.append("MONOCLOUD_BACKEND_\(name) must be one of \(allowed)")
    return nil
  }

  mutating func bindingMode(_ name: String) -> CertificateBindingMode? {
    guard let value = string(name) else { return nil }
    if let mode = CertificateBindingMode(name: value) { return mode }
    problems.append("MONOCLOUD_BACKEND_\(name) must be one of when_present, required, dangerously_ignore")
    return nil
  }

  static func trim(_ text: String) -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(text[first...last])
  }
}
