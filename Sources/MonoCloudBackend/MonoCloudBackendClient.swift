import MonoCloudCrypto
import MonoCloudJOSE

/// Validates access tokens issued by a MonoCloud tenant (or any OpenID Connect issuer):
/// JWTs locally against the tenant's JWKS, opaque tokens (or all, with
/// `introspectJwtTokens`) by introspection. Create one client per process (or per CLI
/// batch) and share it: it owns the discovery, JWKS and introspection caches.
public final class MonoCloudBackendClient: Sendable {
  /// The options in force.
  public let options: ResolvedBackendOptions
  /// The issuer tokens must carry: the static metadata's issuer, else the tenant domain.
  public let expectedIssuer: String
  /// A static JWKS and no fetcher: nothing is ever requested, tokens that are not JWTs are
  /// rejected as `invalid_token` (they could only be introspected).
  public let isOffline: Bool

  private let clock: MonoCloudClock
  private let onEvent: (@Sendable (MonoCloudEvent) -> Void)?
  private let transport: TenantTransport
  private let metadataCache: SingleFlightCache<AuthorizationServerMetadata>
  /// The key set, prepared for verification once per fetch.
  private let jwksCache: SingleFlightCache<JWSVerifier>
  private let introspectionCache: any IntrospectionCache
  /// The built-in cache when in use: hits are then served without suspending.
  private let memoryCache: InMemoryIntrospectionCache?
  private let introspectionsInFlight = Locked<[String: Task<Result<JSONObject, MonoCloudError>, Never>]>([:])
  private let authentication: ClientAuthentication
  private let claimChecks: ClaimChecks

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
        problems.append("staticMetadata: \(error.message)")
      }
    }
    // Remote key sets never use HMAC (a public JWKS holds no secret); a static set may, when HS* is listed explicitly.
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
    self.expectedIssuer = staticMetadata?.issuer ?? resolved.tenantDomain
    self.isOffline = input.fetcher == nil && staticJWKS != nil
    let transport = TenantTransport(
      fetcher: input.fetcher, timeoutMilliseconds: resolved.responseTimeout,
      maxResponseBytes: resolved.maxResponseBytes, clock: clock, onEvent: input.onEvent)
    self.transport = transport

    func timing(_ seconds: Int) -> SingleFlightCache<Int>.Timing {
      .init(
        timeToLive: Int64(seconds) * 1000, grace: Int64(resolved.staleGracePeriod) * 1000,
        cooldown: Int64(resolved.jwksRefreshCooldown) * 1000, retryInterval: Int64(resolved.jwksRefreshCooldown) * 1000)
    }
    let metadataTiming = timing(resolved.metadataCacheDuration)
    let jwksTiming = timing(resolved.jwksCacheDuration)

    let metadataCache: SingleFlightCache<AuthorizationServerMetadata>
    if let staticMetadata {
      metadataCache = SingleFlightCache(resource: .metadata, staticValue: staticMetadata, clock: clock)
    } else {
      let tenant = resolved.tenantDomain
      metadataCache = SingleFlightCache(
        resource: .metadata,
        timing: .init(
          timeToLive: metadataTiming.timeToLive, grace: metadataTiming.grace, cooldown: metadataTiming.cooldown,
          retryInterval: metadataTiming.retryInterval), clock: clock, onEvent: input.onEvent
      ) {
        await Self.loadMetadata(tenant: tenant, transport: transport)
      }
    }
    self.metadataCache = metadataCache
    if let staticJWKS {
      jwksCache = SingleFlightCache(resource: .jwks, staticValue: staticJWKS, clock: clock)
    } else {
      jwksCache = SingleFlightCache(
        resource: .jwks,
        timing: .init(
          timeToLive: jwksTiming.timeToLive, grace: jwksTiming.grace, cooldown: jwksTiming.cooldown,
          retryInterval: jwksTiming.retryInterval), clock: clock, onEvent: input.onEvent
      ) {
        await Self.loadJWKS(metadata: metadataCache, transport: transport, algorithms: remoteAlgorithms)
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
      method: resolved.clientAuthMethod, clientId: resolved.clientId, secret: resolved.clientSecret)
    claimChecks = ClaimChecks(
      issuer: staticMetadata?.issuer ?? resolved.tenantDomain, audience: resolved.audience,
      clockSkew: Int64(resolved.clockSkew), clockTolerance: Int64(resolved.clockTolerance),
      groupsClaim: resolved.groupsClaim, groupsMatchAll: resolved.groupsMatchAll,
      binding: resolved.validateCertificateBinding)
  }

  // MARK: - Validation

  /// Validates an access token: a compact JWS locally (unless `introspectJwtTokens`), any
  /// other token by introspection. Then issuer, audience, time, `scopes`, `groups` and the
  /// certificate binding (`clientCertificate`: PEM, URL-encoded PEM or base64 DER) are checked.
  public func validateAccessToken(
    _ token: String, scopes: [String] = [], groups: [String] = [], clientCertificate: String? = nil
  ) async throws(MonoCloudError) -> TokenClaims {
    if isOffline || (!options.introspectJwtTokens && DecodedJWT.looksLikeJWT(token)) {
      return try await validateJwtAccessToken(
        token, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
    }
    return try await introspectAccessToken(token, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
  }

  /// The synchronous part of `validateAccessToken`: the answer when it can be given from
  /// cached keys or a cached introspection result without any request, else nil. Never
  /// suspends or blocks on I/O (for hot paths and benchmarks).
  public func validateAccessTokenFromCache(
    _ token: String, scopes: [String] = [], groups: [String] = [], clientCertificate: String? = nil
  ) -> Result<TokenClaims, MonoCloudError>? {
    if isOffline || (!options.introspectJwtTokens && DecodedJWT.looksLikeJWT(token)) {
      guard let verifier = jwksCache.freshValue() else { return nil }
      switch Self.verify(token, with: verifier) {
      case .noKey: return nil
      case .failure(let error): return .failure(error)
      case .verified(let payload):
        return checkJWTClaims(payload, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
      }
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

  /// Validates a JWT access token locally against the tenant's JWKS (fetched and cached, or
  /// static). A `kid` missing from the cached set triggers one refresh per cooldown.
  public func validateJwtAccessToken(
    _ token: String, scopes: [String] = [], groups: [String] = [], clientCertificate: String? = nil
  ) async throws(MonoCloudError) -> TokenClaims {
    let verifier = try await jwksCache.value().get()
    var outcome = Self.verify(token, with: verifier)
    if case .noKey(let error) = outcome {
      // Keys may have rotated: one refresh per cooldown, else the token is refused.
      guard let refreshed = await jwksCache.refreshForUnknownKey() else { throw error }
      outcome = Self.verify(token, with: try refreshed.get())
    }
    switch outcome {
    case .verified(let payload):
      return try checkJWTClaims(payload, scopes: scopes, groups: groups, clientCertificate: clientCertificate).get()
    case .noKey(let error), .failure(let error):
      throw error
    }
  }

  private enum Verification {
    case verified(JSONObject)
    /// No key of the set has the token's `kid` (or fits it): a refresh may help.
    case noKey(MonoCloudError)
    case failure(MonoCloudError)
  }

  /// Signature, header rules and key selection (MonoCloudJOSE's `JWSVerifier`), then the payload.
  private static func verify(_ token: String, with verifier: JWSVerifier) -> Verification {
    do throws(JOSEError) {
      let verified = try verifier.verify(token)
      do throws(JOSEError) {
        return .verified(try JSONReader.parseObject(verified.payload))
      } catch {
        return .failure(.token(.invalidToken, "the token payload is not a JSON object"))
      }
    } catch {
      let mapped = MonoCloudError.token(.invalidToken, error.message)
      switch error.reason {
      case .unknownKeyID?, .noMatchingKey?: return .noKey(mapped)
      default: return .failure(mapped)
      }
    }
  }

  private func checkJWTClaims(
    _ payload: JSONObject, scopes: [String], groups: [String], clientCertificate: String?
  ) -> Result<TokenClaims, MonoCloudError> {
    do throws(MonoCloudError) {
      try claimChecks.check(
        payload, now: clock.unixTimeSeconds, issuerRule: .required, scopes: scopes, groups: groups,
        clientCertificate: clientCertificate)
      return .success(TokenClaims(payload))
    } catch {
      return .failure(error)
    }
  }

  /// Introspects a token at the tenant (RFC 7662), through the introspection cache; then the
  /// same claim checks as for JWTs run on the response, on every call (cached or not).
  public func introspectAccessToken(
    _ token: String, scopes: [String] = [], groups: [String] = [], clientCertificate: String? = nil
  ) async throws(MonoCloudError) -> TokenClaims {
    let problems = authentication.problems()
    guard problems.isEmpty else { throw .configuration(problems) }
    let key = Self.cacheKey(for: token)
    if let memoryCache {
      if let entry = memoryCache.cachedEntry(for: key, now: clock.unixTimeSeconds),
        let response = entry.decoded ?? (try? JSONReader.parseObject(entry.value))
      {
        onEvent?(.cacheHit(.introspection))
        return try evaluateIntrospection(response, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
          .get()
      }
    } else if let value = await introspectionCache.get(key) {
      if let response = try? JSONReader.parseObject(value) {
        onEvent?(.cacheHit(.introspection))
        return try evaluateIntrospection(response, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
          .get()
      }
      await introspectionCache.delete(key)
    }
    onEvent?(.cacheMiss(.introspection))
    let response = try await sharedIntrospection(token: token, key: key).get()
    return try evaluateIntrospection(response, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
      .get()
  }

  private func evaluateIntrospection(
    _ response: JSONObject, scopes: [String], groups: [String], clientCertificate: String?
  ) -> Result<TokenClaims, MonoCloudError> {
    guard response.bool("active") == true else { return .failure(.token(.inactiveToken, "the token is not active")) }
    var claims = response
    claims["active"] = nil
    do throws(MonoCloudError) {
      try claimChecks.check(
        claims, now: clock.unixTimeSeconds, issuerRule: .whenPresent, scopes: scopes, groups: groups,
        clientCertificate: clientCertificate)
      return .success(TokenClaims(claims))
    } catch {
      return .failure(error)
    }
  }

  /// One request per token at a time: concurrent callers share it.
  private func sharedIntrospection(token: String, key: String) async -> Result<JSONObject, MonoCloudError> {
    let now = clock.unixTimeSeconds
    let (task, joined, cached) = introspectionsInFlight.withLock {
      inFlight -> (Task<Result<JSONObject, MonoCloudError>, Never>?, Bool, JSONObject?) in
      if let task = inFlight[key] { return (task, true, nil) }
      // A request that finished between this caller's cache miss and now has stored its answer.
      if let decoded = memoryCache?.cachedEntry(for: key, now: now)?.decoded { return (nil, false, decoded) }
      let task = Task {
        let result = await self.introspect(token: token, key: key)
        self.introspectionsInFlight.withLock { $0[key] = nil }
        return result
      }
      inFlight[key] = task
      return (task, false, nil)
    }
    if let cached { return .success(cached) }
    guard let task else { return .failure(.http(.network, "introspection could not start")) }
    if joined { onEvent?(.joinedInFlight(.introspection)) }
    return await task.value
  }

  private func introspect(token: String, key: String) async -> Result<JSONObject, MonoCloudError> {
    do throws(MonoCloudError) {
      let metadata = try await metadataCache.value().get()
      let method = options.clientAuthMethod
      let endpoint =
        (method.usesMutualTLS ? metadata.mtlsIntrospectionEndpoint : nil) ?? metadata.introspectionEndpoint
      guard let endpoint else { throw .http(.malformedResponse, "the tenant publishes no introspection_endpoint") }
      var fields = [("token", token), ("token_type_hint", "access_token")]
      var headers: [(name: String, value: String)] = [
        ("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json"),
      ]
      try authentication.apply(fields: &fields, headers: &headers, audience: expectedIssuer, now: clock.unixTimeSeconds)
      let request = HTTPRequest(
        method: "POST", url: endpoint, headers: headers, body: FormURLEncoding.body(fields),
        requiresClientCertificate: method.usesMutualTLS)
      let response = try await transport.send(request, for: .introspection).get()
      switch response.status {
      case 200:
        let object = try TenantTransport.jsonObject(response, .introspection).get()
        let active = object.bool("active") == true
        onEvent?(.introspected(active: active))
        let stored: JSONObject = active ? object : ["active": false]
        await remember(stored, key: key, active: active)
        return .success(stored)
      case 400, 401:
        let body = try? JSONReader.parseObject(response.body)
        let error = body?.string("error") ?? (response.status == 401 ? "invalid_client" : "invalid_request")
        let description = body?.string("error_description")
        throw MonoCloudError(
          .authorizationServer(error: error, description: description),
          // The server's description stays in `kind` only: the message must never echo input.
          "the authorization server refused the introspection: \(error)")
      default:
        throw .status(response, "introspection answered HTTP \(response.status)")
      }
    } catch {
      return .failure(error)
    }
  }

  /// Caches an introspection answer: active until min(exp, now + duration), inactive for the duration.
  private func remember(_ response: JSONObject, key: String, active: Bool) async {
    let duration = Int64(options.introspectionCacheDuration)
    guard duration > 0 else { return }
    let now = clock.unixTimeSeconds
    var expiresAt = now + duration
    if active, let exp = response.double("exp") {
      guard exp.isFinite, exp > Double(now) else { return }
      expiresAt = min(expiresAt, Int64(exp))
    }
    guard expiresAt > now else { return }
    let text = JSONWriter.string(response)
    if let memoryCache {
      memoryCache.store(key, value: text, decoded: response, expiresAt: expiresAt)
    } else {
      await introspectionCache.set(key, value: text, expiresAt: expiresAt)
    }
  }

  /// The introspection cache key of a token: base64url(SHA-256(token)), never the token.
  public static func cacheKey(for token: String) -> String {
    Base64URL.encode(SHA256.hash(Array(token.utf8)))
  }

  // MARK: - Metadata and keys

  /// The tenant's discovery document (cached, or static).
  public func metadata(forceRefresh: Bool = false) async throws(MonoCloudError) -> AuthorizationServerMetadata {
    try await metadataCache.value(forceRefresh: forceRefresh).get()
  }

  /// The tenant's JWKS (cached, or static); unusable keys are listed in `skipped`.
  public func jwks(forceRefresh: Bool = false) async throws(MonoCloudError) -> JWKSet {
    try await jwksCache.value(forceRefresh: forceRefresh).get().keySet
  }

  /// Splits and decodes a JWT without verifying anything (for logging and debugging only).
  public static func decodeJwt(_ token: String) throws(MonoCloudError) -> DecodedJWT {
    try DecodedJWT(compact: token)
  }

  // MARK: - HTTP

  /// Parses the `Authorization` header, validates the bearer token and maps the result to
  /// the HTTP answer a middleware should give (see `AuthorizationOutcome.failure`).
  public func authorize(
    authorizationHeader: String?, scopes: [String] = [], groups: [String] = [], clientCertificate: String? = nil
  ) async -> AuthorizationOutcome {
    guard let token = BearerToken.parse(authorizationHeader: authorizationHeader) else { return .missingToken }
    do throws(MonoCloudError) {
      let claims = try await validateAccessToken(
        token, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
      return AuthorizationOutcome(status: 200, claims: claims)
    } catch {
      return .failure(error)
    }
  }

  // MARK: - Loaders

  private static func loadMetadata(tenant: String, transport: TenantTransport) async -> Result<
    AuthorizationServerMetadata, MonoCloudError
  > {
    let url = tenant + "/.well-known/openid-configuration"
    switch await transport.getJSONObject(url, for: .metadata) {
    case .failure(let error): return .failure(error)
    case .success(let document):
      do throws(MonoCloudError) {
        let metadata = try AuthorizationServerMetadata(document: document)
        guard metadata.issuer == tenant else {
          throw .http(.malformedResponse, "the discovery document's issuer is not the tenant domain")
        }
        return .success(metadata)
      } catch {
        return .failure(error)
      }
    }
  }

  private static func loadJWKS(
    metadata: SingleFlightCache<AuthorizationServerMetadata>, transport: TenantTransport, algorithms: [JWSAlgorithm]
  ) async -> Result<JWSVerifier, MonoCloudError> {
    let uri: String
    switch await metadata.value() {
    case .failure(let error): return .failure(error)
    case .success(let value):
      guard let jwksURI = value.jwksURI else {
        return .failure(.http(.malformedResponse, "the tenant publishes no jwks_uri"))
      }
      uri = jwksURI
    }
    switch await transport.getJSONObject(uri, for: .jwks) {
    case .failure(let error): return .failure(error)
    case .success(let document):
      do throws(JOSEError) {
        return .success(JWSVerifier(keySet: try JWKSet(publicKeysFrom: document), algorithms: algorithms))
      } catch {
        return .failure(.http(.malformedResponse, "the JWKS is unusable: \(error.message)"))
      }
    }
  }
}
