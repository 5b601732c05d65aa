import MonoCloudCrypto
import MonoCloudJOSE

/// Validates access tokens issued by a MonoCloud tenant (or any OpenID Connect issuer):
/// JWTs locally against the tenant's JWKS, opaque tokens (or all, with
/// `introspectJWTTokens`) by introspection. Create one client per process (or per CLI
/// batch) and share it: it owns the discovery, JWKS and introspection caches.
public final class MonoCloudBackendClient: Sendable {
  /// The options in force.
  public let options: ResolvedBackendOptions
  /// The (first) issuer tokens must carry: the policy's issuers, else the static metadata's
  /// issuer, else the tenant domain. Also the audience of client assertions.
  public let expectedIssuer: String
  /// A static JWKS and no fetcher: nothing is ever requested, tokens that are not JWTs are
  /// rejected as `invalid_token` (they could only be introspected).
  public let isOffline: Bool

  let clock: MonoCloudClock
  let onEvent: (@Sendable (MonoCloudEvent) -> Void)?
  let transport: TenantTransport
  let metadataCache: SingleFlightCache<AuthorizationServerMetadata>
  /// The key set, prepared for verification once per fetch, with the tokens verified under it.
  let jwksCache: SingleFlightCache<VerificationKeys>
  let introspectionCache: any IntrospectionCache
  /// The built-in cache when in use: hits are then served without suspending.
  let memoryCache: InMemoryIntrospectionCache?
  let introspectionsInFlight = Locked<[String: Task<Result<JSONObject, MonoCloudError>, Never>]>([:])
  let authentication: ClientAuthentication
  let claimChecks: ClaimChecks
  let dpopOptions: DPoPResourceOptions
  let dpopValidator: DPoPProofValidator
  let dpopReplayStore: any DPoPReplayStore
  /// `dpopReplayStore` when it records synchronously, cast once here (a cast per request costs
  /// as much as parsing the proof's claims).
  let dpopSynchronousReplayStore: (any DPoPSynchronousReplayStore)?
  let dpopKeyCache = LockedDPoPKeyCache()

  /// A client from `options` over the `MONOCLOUD_BACKEND_*` variables of `environment`.
  /// Throws a configuration error listing every problem.
  public init(
    options input: MonoCloudBackendOptions, environment: [String: String] = ProcessEnvironment.monoCloudVariables()
  ) throws(MonoCloudError) {
    let resolved = try input.resolved(environment: environment)
    var problems: [String] = []
    var staticMetadata: AuthorizationServerMetadata?
    if let text = resolved.staticMetadata {
      do throws(MonoCloudError) { staticMetadata = try AuthorizationServerMetadata(json: text) } catch {
        problems.append("staticMetadata: \(error.reason)")
      }
    }
    // Remote key sets never use HMAC (SPEC §4); a static set may, when HS* is listed explicitly.
    let algorithms = input.algorithms ?? JWSAlgorithm.defaultAllowList
    let remoteAlgorithms = algorithms.filter { $0.family != .hmac }
    var staticJWKS: JWSVerifier?
    if let text = resolved.staticJWKS {
      do throws(JOSEError) {
        staticJWKS = JWSVerifier(keySet: try JWKSet(publicKeysFromJSONString: text), algorithms: algorithms)
      } catch {
        problems.append("staticJWKS: \(error.message)")
      }
    }
    if !problems.isEmpty { throw .configuration(problems) }

    let clock = input.clock ?? .system
    self.options = resolved
    self.clock = clock
    self.onEvent = input.onEvent
    // Issuers configured in the policy win; else the static metadata's, else the tenant domain.
    var policy = resolved.policy
    if policy.issuers.isEmpty { policy.issuers = [staticMetadata?.issuer ?? resolved.tenantDomain] }
    self.expectedIssuer = policy.issuers[0]
    self.isOffline = input.fetcher == nil && staticJWKS != nil
    let transport = TenantTransport(
      fetcher: input.fetcher, timeout: resolved.responseTimeout, maxResponseBytes: resolved.maxResponseBytes,
      clock: clock, onEvent: input.onEvent)
    self.transport = transport

    func timing(_ timeToLive: Duration) -> SingleFlightCacheTiming {
      .init(
        timeToLive: timeToLive.wholeMilliseconds, grace: resolved.staleGracePeriod.wholeMilliseconds,
        cooldown: resolved.jwksRefreshCooldown.wholeMilliseconds,
        retryInterval: resolved.jwksRefreshCooldown.wholeMilliseconds)
    }
    let metadataTiming = timing(resolved.metadataCacheDuration)
    let jwksTiming = timing(resolved.jwksCacheDuration)

    let metadataCache: SingleFlightCache<AuthorizationServerMetadata>
    if let staticMetadata {
      metadataCache = SingleFlightCache(resource: .metadata, staticValue: staticMetadata, clock: clock)
    } else {
      let tenant = resolved.tenantDomain
      let resolver = input.metadataResolver
      metadataCache = SingleFlightCache(
        resource: .metadata,
        timing: metadataTiming, clock: clock, onEvent: input.onEvent
      ) {
        if let resolver { return await Self.resolveMetadata(resolver, tenant: tenant) }
        return await Self.loadMetadata(tenant: tenant, transport: transport)
      }
    }
    self.metadataCache = metadataCache
    if let staticJWKS {
      jwksCache = SingleFlightCache(
        resource: .jwks,
        staticValue: VerificationKeys(staticJWKS, verifiedTokenCacheSize: resolved.verifiedTokenCacheSize), clock: clock
      )
    } else {
      let resolver = input.jwksResolver
      jwksCache = SingleFlightCache(
        resource: .jwks,
        timing: jwksTiming, clock: clock, onEvent: input.onEvent
      ) {
        let loaded =
          if let resolver {
            await Self.resolveJWKS(resolver, algorithms: remoteAlgorithms)
          } else {
            await Self.loadJWKS(metadata: metadataCache, transport: transport, algorithms: remoteAlgorithms)
          }
        return loaded.map { VerificationKeys($0, verifiedTokenCacheSize: resolved.verifiedTokenCacheSize) }
      }
    }

    if let cache = input.cache {
      introspectionCache = cache
      memoryCache = cache as? InMemoryIntrospectionCache
    } else {
      let memory = InMemoryIntrospectionCache(clock: clock)
      introspectionCache = memory
      memoryCache = memory
    }
    authentication = ClientAuthentication(
      method: resolved.clientAuthMethod, clientId: resolved.clientId, secret: resolved.clientSecret,
      spiffeJWTSVID: resolved.spiffeJWTSVID, spiffeJWTSVIDProvider: input.spiffeJWTSVIDProvider)
    claimChecks = ClaimChecks(policy: policy)
    dpopOptions = input.dpop
    dpopValidator = DPoPProofValidator(input.dpop.validation)
    dpopReplayStore = input.dpop.replayStore ?? InMemoryDPoPReplayStore()
    dpopSynchronousReplayStore = dpopReplayStore as? any DPoPSynchronousReplayStore
  }

  // MARK: - Validation

  /// Validates an access token: a compact JWS locally (unless `introspectJwtTokens`), any
  /// other token by introspection. Then issuer, audience, time, `scopes`, `groups` and the
  /// certificate binding (`clientCertificate`: PEM, URL-encoded PEM or base64 DER) are checked.
  /// A DPoP-bound token is refused here (a `Bearer` request): use `validateAccessToken(_:dpop:…)`.
  public func validateAccessToken(
    _ token: String, scopes: [String] = [], groups: [String] = [], clientCertificate: String? = nil
  ) async throws(MonoCloudError) -> TokenClaims {
    try await validateAccessToken(
      token, dpop: nil, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
  }

  /// Signature or introspection and the claim checks, without the DPoP rules.
  func validateTokenWithoutProof(
    _ token: String, scopes: [String], groups: [String], clientCertificate: String?,
    tokenHashPrefix: inout SHA256Prefix?, capturingHash: Bool
  ) async throws(MonoCloudError) -> TokenClaims {
    tokenHashPrefix = nil
    if isOffline || (!options.introspectJWTTokens && DecodedJWT.looksLikeJWT(token)) {
      return try await validateJWTAccessToken(
        token, scopes: scopes, groups: groups, clientCertificate: clientCertificate, tokenHashPrefix: &tokenHashPrefix,
        capturingHash: capturingHash)
    }
    return try await introspectAccessToken(token, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
  }

  /// The synchronous part of `validateAccessToken`: the answer when it can be given from
  /// cached keys or a cached introspection result without any request, else nil. Never
  /// suspends or blocks on I/O (for hot paths and benchmarks).
  public func validateAccessTokenFromCache(
    _ token: String, scopes: [String] = [], groups: [String] = [], clientCertificate: String? = nil
  ) -> Result<TokenClaims, MonoCloudError>? {
    cachedValidationWithoutProof(token, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
      .map(withBearerBinding)
  }

  /// `validateAccessTokenFromCache` (without a client certificate) that also says for how long
  /// its answer stands: when it accepts a JWT under the cached key set, `stamp` receives that
  /// key set and the clock second of the checks, else nil. While `isCurrent(stamp)` holds, the
  /// same call with the same token and requirements gives the same claims (every check is a
  /// function of the payload, the key set, the second and the requirements), so a caller may
  /// keep the answer instead of asking again, e.g. a server's per-thread memo of the last
  /// accepted `Authorization` header. Refusals and introspection answers are never stamped.
  ///
  /// ```swift
  /// var stamp: CachedAnswerStamp?
  /// let answer = client.validateAccessTokenFromCache(token, scopes: ["read"], stamp: &stamp)
  /// // later, for the same token and scopes:
  /// if let stamp, client.isCurrent(stamp) { /* `answer` still holds */ }
  /// ```
  public func validateAccessTokenFromCache(
    _ token: String, scopes: [String] = [], groups: [String] = [], stamp: inout CachedAnswerStamp?
  ) -> Result<TokenClaims, MonoCloudError>? {
    var unused: SHA256Prefix?
    let result = cachedValidationWithoutProof(
      token, scopes: scopes, groups: groups, clientCertificate: nil, tokenHashPrefix: &unused, capturingHash: false,
      stamp: &stamp
    ).map(withBearerBinding)
    // The bearer-binding rule may still refuse a token whose claims passed.
    if case .success? = result { return result }
    stamp = nil
    return result
  }

  /// Whether an answer stamped `stamp` still stands: its key set is still the cached one and
  /// still fresh, and the clock is still in the same second.
  public func isCurrent(_ stamp: CachedAnswerStamp) -> Bool {
    let now = clock.unixTimeMilliseconds()
    return now / 1000 == stamp.second && jwksCache.freshValue(at: now) === stamp.keys
  }

  /// The cached answer without the DPoP rules.
  func cachedValidationWithoutProof(
    _ token: String, scopes: [String], groups: [String], clientCertificate: String?
  ) -> Result<TokenClaims, MonoCloudError>? {
    var unused: SHA256Prefix?
    var unstamped: CachedAnswerStamp?
    return cachedValidationWithoutProof(
      token, scopes: scopes, groups: groups, clientCertificate: clientCertificate, tokenHashPrefix: &unused,
      capturingHash: false, stamp: &unstamped)
  }

  /// `cachedValidationWithoutProof`; with `capturingHash`, `tokenHashPrefix` receives what
  /// verifying the token hashed of it (see `verify(_:with:tokenHashPrefix:capturingHash:)`);
  /// `stamp` receives the key set and second of an accepted JWT checked without a certificate.
  func cachedValidationWithoutProof(
    _ token: String, scopes: [String], groups: [String], clientCertificate: String?,
    tokenHashPrefix: inout SHA256Prefix?, capturingHash: Bool, stamp: inout CachedAnswerStamp?
  ) -> Result<TokenClaims, MonoCloudError>? {
    tokenHashPrefix = nil
    stamp = nil
    let mayBeJWT = isOffline || !options.introspectJWTTokens
    let keys = mayBeJWT ? jwksCache.freshValue() : nil
    // A token the verified-token cache holds was verified as a JWT under these keys: its shape
    // needs no second scan.
    var verification = keys.flatMap { rememberedVerification(token, with: $0) }
    if verification == nil, isOffline || (mayBeJWT && DecodedJWT.looksLikeJWT(token)) {
      guard let keys else { return nil }
      verification = verifySignature(token, with: keys, tokenHashPrefix: &tokenHashPrefix, capturingHash: capturingHash)
    }
    switch verification {
    case nil: break
    case .noKey?: return nil
    case .failure(let error)?: return .failure(error)
    case .verified(let payload, let kept)?:
      let now = clock.unixTimeSeconds
      let result = checkJWTClaims(
        payload, of: token, kept: kept, scopes: scopes, groups: groups, clientCertificate: clientCertificate, now: now)
      if case .success = result, clientCertificate == nil, let keys {
        stamp = CachedAnswerStamp(keys: keys, second: now)
      }
      return result
    }
    let problems = authentication.problems()
    guard problems.isEmpty else { return .failure(.configuration(problems)) }
    guard let memoryCache else { return nil }
    let key = Self.cacheKey(for: token)
    guard let entry = memoryCache.cachedEntry(for: key, now: clock.unixTimeSeconds),
      let response = entry.decoded ?? (try? JSONReader.parseObject(entry.value))
    else { return nil }
    onEvent?(.cacheHit(.introspection))
    return evaluateIntrospection(response, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
  }

  /// `result`, refused when its token is DPoP-bound (no proof on this path).
  private func withBearerBinding(_ result: Result<TokenClaims, MonoCloudError>) -> Result<TokenClaims, MonoCloudError> {
    guard case .success(let claims) = result, let failure = bearerBindingFailure(claims.object) else { return result }
    return .failure(failure)
  }

  // MARK: - HTTP

  /// Parses the `Authorization` header, validates the bearer token and maps the result to
  /// the HTTP answer a middleware should give (see `AuthorizationOutcome.failure`). A request
  /// without a DPoP proof: use `authorize(authorizationHeader:dpop:…)` to accept DPoP.
  public func authorize(
    authorizationHeader: String?, scopes: [String] = [], groups: [String] = [], clientCertificate: String? = nil
  ) async -> AuthorizationOutcome {
    await authorize(
      authorizationHeader: authorizationHeader, dpop: nil, scopes: scopes, groups: groups,
      clientCertificate: clientCertificate)
  }
}
