import MonoCloudJOSE

/// How the client authenticates to the introspection endpoint.
public enum ClientAuthMethod: String, Sendable, Equatable, CaseIterable {
  case clientSecretBasic = "client_secret_basic"
  case clientSecretPost = "client_secret_post"
  case clientSecretJWT = "client_secret_jwt"
  case privateKeyJWT = "private_key_jwt"
  case tlsClientAuth = "tls_client_auth"
  case selfSignedTLSClientAuth = "self_signed_tls_client_auth"

  /// Mutual-TLS methods: the fetcher presents the client certificate and the `mtls_endpoint_aliases` are used.
  public var usesMutualTLS: Bool { self == .tlsClientAuth || self == .selfSignedTLSClientAuth }
}

/// The client secret: a plain string, or a JWK as JSON text (an `oct` key for
/// `client_secret_jwt`; an RSA, EC or OKP private key for `private_key_jwt`). A PEM private
/// key (`-----BEGIN …`) given as `.string` is accepted for `private_key_jwt`.
public enum ClientSecret: Sendable, Equatable {
  case string(String)
  case jwk(String)
}

/// Group checks applied to every validation by one client.
public struct GroupOptions: Sendable, Equatable {
  /// The claim holding the groups (default `groups`).
  public var groupsClaim: String?
  /// true: every required group must be present; false (default): one suffices.
  public var matchAll: Bool?

  public init(groupsClaim: String? = nil, matchAll: Bool? = nil) {
    self.groupsClaim = groupsClaim
    self.matchAll = matchAll
  }
}

/// Options of `MonoCloudBackendClient`. Every value is optional here: values given in code
/// override `MONOCLOUD_BACKEND_*` environment variables, which override the defaults
/// (see `resolve(overrides:environment:)`).
public struct MonoCloudBackendOptions: Sendable {
  /// The tenant, e.g. `https://your-tenant.us.monocloud.com` (required). `https://` is
  /// added when no scheme is given; `http://` is accepted for loopback hosts only.
  public var tenantDomain: String?
  /// The audience every token must carry (required).
  public var audience: String?
  public var clientId: String?
  public var clientSecret: ClientSecret?
  /// Default `client_secret_basic`.
  public var clientAuthMethod: ClientAuthMethod?
  /// Seconds added to the clock before time checks (default 0).
  public var clockSkew: Int?
  /// Seconds of leeway for `exp` and `nbf` (default 300).
  public var clockTolerance: Int?
  /// Introspect JWTs too instead of validating them locally (default false).
  public var introspectJwtTokens: Bool?
  public var groupOptions: GroupOptions?
  /// Seconds the JWKS is cached (default 300).
  public var jwksCacheDuration: Int?
  /// Seconds the discovery document is cached (default 300).
  public var metadataCacheDuration: Int?
  /// Milliseconds each request to the tenant may take (default 10000).
  public var responseTimeout: Int?
  /// Seconds an introspection result is cached at most (default 300).
  public var introspectionCacheDuration: Int?
  /// Default `when_present`.
  public var validateCertificateBinding: CertificateBindingMode?
  /// Where introspection results are cached (default: an in-memory LRU of 10,000 entries).
  public var cache: (any IntrospectionCache)?
  /// How requests reach the tenant. `MonoCloudURLSession` provides the default.
  public var fetcher: Fetcher?
  /// Receives observability events (requests, refreshes, cache hits). Must be cheap and non-blocking.
  public var onEvent: (@Sendable (MonoCloudEvent) -> Void)?
  /// Seconds between two refreshes triggered by an unknown `kid` (default 30).
  public var jwksRefreshCooldown: Int?
  /// Seconds cached keys and metadata stay usable after a failed refresh (default 3600).
  public var staleGracePeriod: Int?
  /// Largest response body accepted, in bytes (default 1 MiB).
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

  public init(
    tenantDomain: String? = nil, audience: String? = nil, clientId: String? = nil,
    clientSecret: ClientSecret? = nil, clientAuthMethod: ClientAuthMethod? = nil
  ) {
    self.tenantDomain = tenantDomain
    self.audience = audience
    self.clientId = clientId
    self.clientSecret = clientSecret
    self.clientAuthMethod = clientAuthMethod
  }
}

/// Options after merging code, environment and defaults, checked. Produced by
/// `MonoCloudBackendOptions.resolve(overrides:environment:)`.
public struct ResolvedBackendOptions: Sendable {
  /// Normalized: scheme, no trailing slash. Also the expected issuer.
  public var tenantDomain: String
  public var audience: String
  public var clientId: String?
  public var clientSecret: ClientSecret?
  public var clientAuthMethod: ClientAuthMethod
  public var clockSkew: Int
  public var clockTolerance: Int
  public var introspectJwtTokens: Bool
  public var groupsClaim: String
  public var groupsMatchAll: Bool
  public var jwksCacheDuration: Int
  public var metadataCacheDuration: Int
  public var responseTimeout: Int
  public var introspectionCacheDuration: Int
  public var validateCertificateBinding: CertificateBindingMode
  public var jwksRefreshCooldown: Int
  public var staleGracePeriod: Int
  public var maxResponseBytes: Int
  public var staticMetadata: String?
  public var staticJWKS: String?
}
