import MonoCloudJOSE

extension MonoCloudBackendOptions {
  /// Every environment variable the options read: the policy's, then the client's.
  public static let environmentVariableNames: [String] =
    PolicySetting.variableNames + BackendSetting.allCases.map(\.variableName)

  /// Merges `overrides` (values set in code) over `environment` (`MONOCLOUD_BACKEND_*`
  /// variables, e.g. `ProcessEnvironment.monoCloudVariables()`) over the defaults, and checks
  /// the result. Every problem is collected and reported in one configuration error.
  public static func resolve(
    overrides: MonoCloudBackendOptions, environment: [String: String]
  ) throws(MonoCloudError) -> ResolvedBackendOptions {
    var problems: [String] = []
    var options = overrides
    options.fillFromEnvironment({ environment[$0] }, problems: &problems)
    let policy = options.policy.checked(requireAudience: true, problems: &problems)
    if policy.tenantDomain == nil {
      problems.append("tenantDomain is required (" + (PolicySetting.tenantDomain.variableName ?? "") + ")")
    }

    func duration(_ value: Duration?, _ name: String, default fallback: Duration) -> Duration {
      guard let value else { return fallback }
      if value < .zero { problems.append("\(name) must not be negative") }
      return value
    }
    let jwksCache = duration(options.jwksCacheDuration, "jwksCacheDuration", default: .seconds(300))
    let metadataCache = duration(options.metadataCacheDuration, "metadataCacheDuration", default: .seconds(300))
    let responseTimeout = duration(options.responseTimeout, "responseTimeout", default: .seconds(10))
    if responseTimeout >= .zero, responseTimeout < BackendSetting.minimumResponseTimeout {
      problems.append(
        "responseTimeout must be at least 1000 ms (\(BackendSetting.responseTimeout.variableName) is in milliseconds)")
    }
    let introspectionCache = duration(
      options.introspectionCacheDuration, "introspectionCacheDuration", default: .seconds(300))
    let cooldown = duration(options.jwksRefreshCooldown, "jwksRefreshCooldown", default: .seconds(30))
    let grace = duration(options.staleGracePeriod, "staleGracePeriod", default: .seconds(3600))
    let maxBytes = options.maxResponseBytes ?? JWKSet.maximumByteCount
    if maxBytes < 0 { problems.append("maxResponseBytes must not be negative") }
    let verifiedTokenCacheSize = options.verifiedTokenCacheSize ?? VerifiedTokenCache.defaultCapacity
    if verifiedTokenCacheSize < 0 { problems.append("verifiedTokenCacheSize must not be negative") }
    if verifiedTokenCacheSize > VerifiedTokenCache.maximumCapacity {
      problems.append("verifiedTokenCacheSize must be at most \(VerifiedTokenCache.maximumCapacity) (entries)")
    }

    let method = options.clientAuthMethod
    if let secret = options.clientSecret, method == nil || method == .clientSecretBasic, case .jwk = secret {
      problems.append("clientSecret: a JWK needs client_secret_jwt or private_key_jwt")
    }
    if let method, method.usesClientSecret, options.clientId != nil, options.clientSecret == nil {
      problems.append("clientSecret is required for \(method.rawValue)")
    }
    if method == .spiffeJWT, options.spiffeJWTSVID == nil, options.spiffeJWTSVIDProvider == nil {
      problems.append(
        "spiffe_jwt needs spiffeJWTSVID (\(BackendSetting.spiffeJWTSVID.variableName)) or spiffeJWTSVIDProvider")
    }
    if options.trustStoreId?.isEmpty == true { problems.append("trustStoreId must not be empty") }
    if options.staticMetadata != nil, options.metadataResolver != nil {
      problems.append("staticMetadata and metadataResolver exclude each other")
    }
    if options.staticJWKS != nil, options.jwksResolver != nil {
      problems.append("staticJWKS and jwksResolver exclude each other")
    }

    guard problems.isEmpty else { throw .configuration(problems) }
    var resolved = ResolvedBackendOptions(
      policy: policy, clientId: options.clientId, clientSecret: options.clientSecret,
      clientAuthMethod: method ?? .clientSecretBasic, introspectJWTTokens: options.introspectJWTTokens ?? false,
      jwksCacheDuration: jwksCache, metadataCacheDuration: metadataCache, responseTimeout: responseTimeout,
      introspectionCacheDuration: introspectionCache, jwksRefreshCooldown: cooldown, staleGracePeriod: grace,
      maxResponseBytes: maxBytes, staticMetadata: options.staticMetadata, staticJWKS: options.staticJWKS,
      trustStoreId: options.trustStoreId, spiffeJWTSVID: options.spiffeJWTSVID)
    resolved.verifiedTokenCacheSize = verifiedTokenCacheSize
    return resolved
  }

  /// `resolve(overrides: self, environment:)`.
  public func resolved(environment: [String: String]) throws(MonoCloudError) -> ResolvedBackendOptions {
    try Self.resolve(overrides: self, environment: environment)
  }
}
