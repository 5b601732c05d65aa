import MonoCloudJOSE

/// Options of `MonoCloudBackendClient`: the token policy (`TokenValidationPolicy`, shared
/// with the command-line tool and the wasm module) plus what only the network client needs.
/// Values set in code override `MONOCLOUD_BACKEND_*` environment variables, which override
/// the defaults (see `resolve(overrides:environment:)`); `nil` here means "not set".
public struct MonoCloudBackendOptions: Sendable {
  /// Issuer(s), audience(s), tenant domain, clock skew and tolerance, groups claim and
  /// matching, certificate binding. The tenant domain and an audience are required.
  public var policy: TokenValidationPolicy
  public var clientId: String?
  public var clientSecret: ClientSecret?
  /// Default `client_secret_basic`.
  public var clientAuthMethod: ClientAuthMethod?
  /// Introspect JWTs too instead of validating them locally (default false).
  public var introspectJWTTokens: Bool?
  /// How long the JWKS is cached (default 300 s).
  public var jwksCacheDuration: Duration?
  /// How long the discovery document is cached (default 300 s).
  public var metadataCacheDuration: Duration?
  /// How long each request to the tenant may take (default 10 s).
  public var responseTimeout: Duration?
  /// How long an introspection result is cached at most (default 300 s).
  public var introspectionCacheDuration: Duration?
  /// Where introspection results are cached (default: an in-memory LRU of 10,000 entries).
  public var cache: (any IntrospectionCache)?
  /// How requests reach the tenant. `MonoCloudURLSession` provides the default.
  public var fetcher: Fetcher?
  /// Receives observability events (requests, refreshes, cache hits). Must be cheap and non-blocking.
  public var onEvent: (@Sendable (MonoCloudEvent) -> Void)?
  /// The pause between two refreshes triggered by an unknown `kid` (default 30 s).
  public var jwksRefreshCooldown: Duration?
  /// How long cached keys and metadata stay usable after a failed refresh (default 1 h).
  public var staleGracePeriod: Duration?
  /// Largest response body accepted, in bytes (default `JWKSet.maximumByteCount`, 1 MiB).
  public var maxResponseBytes: Int?
  /// A discovery document (JSON text) to use instead of fetching one (offline use).
  public var staticMetadata: String?
  /// A JWKS (JSON text) to use instead of fetching one (offline use).
  public var staticJWKS: String?
  /// Accepted JWS algorithms (default `JWSAlgorithm.defaultAllowList`). HMAC (`HS*`) is
  /// honoured only for a static JWKS of `oct` keys, never for a fetched one.
  public var algorithms: [JWSAlgorithm]?
  /// The clock (default: the system clock).
  public var clock: MonoCloudClock?
  /// DPoP-bound tokens (RFC 9449): enforcement, proof rules, replay store, server nonces.
  public var dpop = DPoPResourceOptions()
  /// How many verified JWTs the client remembers per key set (default 1024; 0 turns it off).
  /// A remembered token skips only its signature check and payload parse: every claim check
  /// still runs on every call. Env `MONOCLOUD_BACKEND_VERIFIED_TOKEN_CACHE_SIZE`.
  public var verifiedTokenCacheSize: Int?

  public init(
    tenantDomain: String? = nil, audience: String? = nil, clientId: String? = nil,
    clientSecret: ClientSecret? = nil, clientAuthMethod: ClientAuthMethod? = nil
  ) {
    policy = TokenValidationPolicy(tenantDomain: tenantDomain, audiences: audience.map { [$0] })
    self.clientId = clientId
    self.clientSecret = clientSecret
    self.clientAuthMethod = clientAuthMethod
  }

  /// Options around `policy`.
  public init(policy: TokenValidationPolicy) {
    self.policy = policy
  }
}

/// Options after merging code, environment and defaults, checked. Produced by
/// `MonoCloudBackendOptions.resolve(overrides:environment:)`.
public struct ResolvedBackendOptions: Sendable {
  /// Checked; its tenant domain normalized (scheme, no trailing slash).
  public var policy: TokenValidationPolicy
  public var clientId: String?
  public var clientSecret: ClientSecret?
  public var clientAuthMethod: ClientAuthMethod
  public var introspectJWTTokens: Bool
  public var jwksCacheDuration: Duration
  public var metadataCacheDuration: Duration
  public var responseTimeout: Duration
  public var introspectionCacheDuration: Duration
  public var jwksRefreshCooldown: Duration
  public var staleGracePeriod: Duration
  public var maxResponseBytes: Int
  public var staticMetadata: String?
  public var staticJWKS: String?
  /// Verified JWTs remembered per key set; 0 when off.
  public var verifiedTokenCacheSize: Int = 1024

  /// The normalized tenant domain, also the default expected issuer.
  public var tenantDomain: String { policy.tenantDomain ?? "" }
  /// The first accepted audience (the one named in `WWW-Authenticate` answers).
  public var audience: String { policy.audiences.first ?? "" }
}
