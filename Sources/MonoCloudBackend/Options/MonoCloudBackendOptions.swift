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
  /// The trust store the client certificate is registered in: the mutual-TLS methods
  /// (`tls_client_auth`, `self_signed_tls_client_auth`, `spiffe_x509`) then use
  /// `mtls_additional_endpoint_aliases[trustStoreId]` of the discovery document when present.
  public var trustStoreId: String?
  /// The JWT-SVID sent as the `client_assertion` of `spiffe_jwt`, when it does not change.
  public var spiffeJWTSVID: String?
  /// Asked for the current JWT-SVID before each `spiffe_jwt` request (SVIDs are short-lived,
  /// e.g. from the SPIFFE Workload API); wins over `spiffeJWTSVID`. Should cache on its side.
  public var spiffeJWTSVIDProvider: (@Sendable () async throws -> String)?
  /// Introspect JWTs too instead of validating them locally (default false).
  public var introspectJWTTokens: Bool?
  /// How long the JWKS is cached (default 300 s).
  public var jwksCacheDuration: Duration?
  /// How long the discovery document is cached (default 300 s).
  public var metadataCacheDuration: Duration?
  /// How long each request to the tenant may take (default 10 s, at least 1000 ms).
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
  /// Supplies the discovery document instead of fetching it; the result is cached for
  /// `metadataCacheDuration` like a fetched one, a failure is not cached. A thrown
  /// `MonoCloudError` is kept, any other error becomes an HTTP error. Not with `staticMetadata`.
  public var metadataResolver: (@Sendable () async throws -> AuthorizationServerMetadata)?
  /// Supplies the JWKS instead of fetching it (no `jwks_uri` needed); cached for
  /// `jwksCacheDuration` and refreshed for an unknown `kid` like a fetched one, a failure is
  /// not cached. Errors as for `metadataResolver`. HMAC keys are never used. Not with `staticJWKS`.
  public var jwksResolver: (@Sendable () async throws -> JWKSet)?
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
  public var verifiedTokenCacheSize: Int = VerifiedTokenCache.defaultCapacity
  /// See `MonoCloudBackendOptions.trustStoreId`.
  public var trustStoreId: String?
  /// See `MonoCloudBackendOptions.spiffeJWTSVID` (the provider is kept by the client).
  public var spiffeJWTSVID: String?

  /// The normalized tenant domain, also the default expected issuer.
  public var tenantDomain: String { policy.tenantDomain ?? "" }
  /// The first accepted audience (the one named in `WWW-Authenticate` answers).
  public var audience: String { policy.audiences.first ?? "" }
}
