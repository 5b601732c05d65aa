import MonoCloudJOSE

/// The settings of `MonoCloudBackendOptions` beyond the token policy that can be given as
/// text (a `MONOCLOUD_BACKEND_*` variable or a command-line flag). The policy's own settings
/// are `PolicySetting`s.
public enum BackendSetting: Sendable, Equatable, CaseIterable {
  case clientId, clientSecret, clientAuthMethod, introspectJWTTokens
  case jwksCacheDuration, metadataCacheDuration, responseTimeout, introspectionCacheDuration
  case verifiedTokenCacheSize
  case trustStoreId, spiffeJWTSVID

  /// The smallest `responseTimeout` accepted (as the Node SDK): a shorter one fails healthy
  /// tenants under ordinary latency.
  public static let minimumResponseTimeout: Duration = .milliseconds(1000)

  /// The environment variable that gives this setting.
  public var variableName: String {
    let suffix: String
    switch self {
    case .clientId: suffix = "CLIENT_ID"
    case .clientSecret: suffix = "CLIENT_SECRET"
    case .clientAuthMethod: suffix = "CLIENT_AUTH_METHOD"
    case .introspectJWTTokens: suffix = "INTROSPECT_JWT_TOKENS"
    case .jwksCacheDuration: suffix = "JWKS_CACHE_DURATION"
    case .metadataCacheDuration: suffix = "METADATA_CACHE_DURATION"
    case .responseTimeout: suffix = "RESPONSE_TIMEOUT"
    case .introspectionCacheDuration: suffix = "INTROSPECTION_CACHE_DURATION"
    case .verifiedTokenCacheSize: suffix = "VERIFIED_TOKEN_CACHE_SIZE"
    case .trustStoreId: suffix = "TRUST_STORE_ID"
    case .spiffeJWTSVID: suffix = "SPIFFE_JWT_SVID"
    }
    return PolicySetting.environmentPrefix + suffix
  }

  /// Whether the option is already set in `options` (then the environment is not read).
  func isSet(in options: MonoCloudBackendOptions) -> Bool {
    switch self {
    case .clientId: return options.clientId != nil
    case .clientSecret: return options.clientSecret != nil
    case .clientAuthMethod: return options.clientAuthMethod != nil
    case .introspectJWTTokens: return options.introspectJWTTokens != nil
    case .jwksCacheDuration: return options.jwksCacheDuration != nil
    case .metadataCacheDuration: return options.metadataCacheDuration != nil
    case .responseTimeout: return options.responseTimeout != nil
    case .introspectionCacheDuration: return options.introspectionCacheDuration != nil
    case .verifiedTokenCacheSize: return options.verifiedTokenCacheSize != nil
    case .trustStoreId: return options.trustStoreId != nil
    case .spiffeJWTSVID: return options.spiffeJWTSVID != nil || options.spiffeJWTSVIDProvider != nil
    }
  }
}

extension MonoCloudBackendOptions {
  /// Sets `setting` from `text` (a flag or variable value, trimmed). Durations are whole
  /// seconds, `responseTimeout` milliseconds (at least 1000). A value that cannot be read is a problem
  /// naming `source`, never the value.
  public mutating func set(_ setting: BackendSetting, text raw: String, source: String, problems: inout [String]) {
    let text = ConfigurationText.trimmed(raw)
    func number(_ unit: String) -> Int64? {
      guard let value = ConfigurationText.nonNegativeInteger(text) else {
        problems.append("\(source) must be a non-negative decimal integer (\(unit))")
        return nil
      }
      return value
    }
    switch setting {
    case .clientId: clientId = text
    case .clientSecret: clientSecret = ClientSecret(text: text)
    case .clientAuthMethod:
      guard let method = ClientAuthMethod(rawValue: text) else {
        let allowed = ClientAuthMethod.allCases.map(\.rawValue).joined(separator: ", ")
        problems.append("\(source) must be one of \(allowed)")
        return
      }
      clientAuthMethod = method
    case .introspectJWTTokens:
      guard let flag = ConfigurationText.boolean(text) else {
        problems.append("\(source) must be true or false")
        return
      }
      introspectJWTTokens = flag
    case .jwksCacheDuration: jwksCacheDuration = number("seconds").map { .seconds($0) }
    case .metadataCacheDuration: metadataCacheDuration = number("seconds").map { .seconds($0) }
    case .responseTimeout:
      guard let milliseconds = number("milliseconds") else { return }
      guard Duration.milliseconds(milliseconds) >= BackendSetting.minimumResponseTimeout else {
        problems.append("\(source) must be at least 1000 (milliseconds)")
        return
      }
      responseTimeout = .milliseconds(milliseconds)
    case .introspectionCacheDuration: introspectionCacheDuration = number("seconds").map { .seconds($0) }
    case .verifiedTokenCacheSize:
      guard let size = number("entries") else { return }
      guard size <= VerifiedTokenCache.maximumCapacity else {
        problems.append("\(source) must be at most \(VerifiedTokenCache.maximumCapacity) (entries)")
        return
      }
      verifiedTokenCacheSize = Int(size)
    case .trustStoreId: trustStoreId = text
    case .spiffeJWTSVID: spiffeJWTSVID = text
    }
  }

  /// Reads the `MONOCLOUD_BACKEND_*` variable of every option not set yet (policy included)
  /// through `lookup`; values are trimmed, empty counts as unset, bad values are problems
  /// naming the variable.
  public mutating func fillFromEnvironment(_ lookup: (String) -> String?, problems: inout [String]) {
    policy.fillFromEnvironment(lookup, problems: &problems)
    for setting in BackendSetting.allCases where !setting.isSet(in: self) {
      guard let raw = lookup(setting.variableName) else { continue }
      let text = ConfigurationText.trimmed(raw)
      if text.utf8.isEmpty { continue }
      set(setting, text: text, source: setting.variableName, problems: &problems)
    }
  }
}
