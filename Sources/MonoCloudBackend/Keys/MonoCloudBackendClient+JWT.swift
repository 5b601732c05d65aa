import MonoCloudJOSE

// Local validation of JWT access tokens against the tenant's key set (fetched and cached, or static).
extension MonoCloudBackendClient {
  @available(*, deprecated, renamed: "validateJWTAccessToken(_:scopes:groups:clientCertificate:)")
  public func validateJwtAccessToken(
    _ token: String, scopes: [String] = [], groups: [String] = [], clientCertificate: String? = nil
  ) async throws(MonoCloudError) -> TokenClaims {
    try await validateJWTAccessToken(token, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
  }

  /// Validates a JWT access token locally against the tenant's JWKS (fetched and cached, or
  /// static). A `kid` missing from the cached set triggers one refresh per cooldown.
  public func validateJWTAccessToken(
    _ token: String, scopes: [String] = [], groups: [String] = [], clientCertificate: String? = nil
  ) async throws(MonoCloudError) -> TokenClaims {
    var unused: SHA256Prefix?
    return try await validateJWTAccessToken(
      token, scopes: scopes, groups: groups, clientCertificate: clientCertificate, tokenHashPrefix: &unused,
      capturingHash: false)
  }

  /// `validateJWTAccessToken`; with `capturingHash`, `tokenHashPrefix` receives what verifying
  /// the token hashed of it (see `verify(_:with:tokenHashPrefix:capturingHash:)`).
  func validateJWTAccessToken(
    _ token: String, scopes: [String], groups: [String], clientCertificate: String?,
    tokenHashPrefix: inout SHA256Prefix?, capturingHash: Bool
  ) async throws(MonoCloudError) -> TokenClaims {
    let keys = try await jwksCache.value().get()
    var outcome = verify(token, with: keys, tokenHashPrefix: &tokenHashPrefix, capturingHash: capturingHash)
    if case .noKey(let error) = outcome {
      // Keys may have rotated: one refresh per cooldown, else the token is refused.
      guard let refreshed = await jwksCache.refreshForUnknownKey() else { throw error }
      outcome = verify(
        token, with: try refreshed.get(), tokenHashPrefix: &tokenHashPrefix, capturingHash: capturingHash)
    }
    switch outcome {
    case .verified(let payload, let kept):
      return try checkJWTClaims(
        payload, of: token, kept: kept, scopes: scopes, groups: groups, clientCertificate: clientCertificate,
        now: clock.unixTimeSeconds
      ).get()
    case .noKey(let error), .failure(let error):
      throw error
    }
  }

  enum Verification {
    /// The payload, with where its passed claim check can be kept and the one kept before.
    case verified(JSONObject, KeptCheck)
    /// No key of the set has the token's `kid` (or fits it): a refresh may help.
    case noKey(MonoCloudError)
    case failure(MonoCloudError)
  }

  /// Signature, header rules and key selection (MonoCloudJOSE's `JWSVerifier`), then the
  /// payload; a token already verified under `keys` skips all of that (its claims are still
  /// checked by the caller, every time).
  func verify(_ token: String, with keys: VerificationKeys) -> Verification {
    var unused: SHA256Prefix?
    return verify(token, with: keys, tokenHashPrefix: &unused, capturingHash: false)
  }

  /// `verify`; with `capturingHash`, `tokenHashPrefix` receives the SHA-256 state of the
  /// token's signing input when its verification computed one (ES256, not from the
  /// verified-token cache), for the DPoP `ath` check.
  func verify(
    _ token: String, with keys: VerificationKeys, tokenHashPrefix: inout SHA256Prefix?, capturingHash: Bool
  ) -> Verification {
    tokenHashPrefix = nil
    if let remembered = rememberedVerification(token, with: keys) { return remembered }
    return verifySignature(token, with: keys, tokenHashPrefix: &tokenHashPrefix, capturingHash: capturingHash)
  }

  /// The verification of a token the verified-token cache of `keys` holds, else nil.
  func rememberedVerification(_ token: String, with keys: VerificationKeys) -> Verification? {
    guard let cache = keys.verifiedTokens, let remembered = cache.remembered(token) else { return nil }
    return .verified(remembered.payload, KeptCheck(cache: cache, last: remembered))
  }

  /// `verify` without the verified-token cache lookup (the token is not cached); a token that
  /// passes is cached.
  func verifySignature(
    _ token: String, with keys: VerificationKeys, tokenHashPrefix: inout SHA256Prefix?, capturingHash: Bool
  ) -> Verification {
    do throws(JOSEError) {
      let verified =
        capturingHash
        ? try keys.verifier.verify(token, tokenHashPrefix: &tokenHashPrefix) : try keys.verifier.verify(token)
      try claimChecks.checkType(header: verified.header)
      do throws(JOSEError) {
        let payload = try JSONReader.parseObject(verified.payload)
        keys.verifiedTokens?.insert(token, payload: payload)
        return .verified(payload, KeptCheck(cache: keys.verifiedTokens, last: nil))
      } catch {
        return .failure(.token(.invalidToken, "the token payload is not a JSON object"))
      }
    } catch {
      let mapped = MonoCloudError.token(error)
      switch error.reason {
      case .unknownKeyID?, .noMatchingKey?: return .noKey(mapped)
      default: return .failure(mapped)
      }
    }
  }

  /// Where a verified token's passed claim check can be kept, and the one kept before.
  struct KeptCheck {
    var cache: VerifiedTokenCache?
    /// The cache's entry of the token, with its last passed check if any.
    var last: VerifiedTokenCache.Remembered?
  }

  /// The claim checks of a verified `token`: the kept answer when it was given for the same
  /// second, scopes and groups without a certificate (see `VerifiedTokenCache`), else the
  /// checks, whose pass is then kept (never one made with a certificate).
  func checkJWTClaims(
    _ payload: JSONObject, of token: String, kept: KeptCheck, scopes: [String], groups: [String],
    clientCertificate: String?, now: Int64
  ) -> Result<TokenClaims, MonoCloudError> {
    let keeping = clientCertificate == nil ? kept.cache : nil
    if keeping != nil, let claims = kept.last?.keptClaims(second: now, scopes: scopes, groups: groups) {
      return .success(claims)
    }
    let result = claimChecks.result(
      payload, now: now, issuerRule: .required, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
    if let keeping, case .success(let claims) = result {
      keeping.remember(.init(second: now, scopes: scopes, groups: groups, claims: claims), for: token)
    }
    return result
  }

  /// The `jwksResolver`'s key set, prepared like a fetched one (never with HMAC).
  static func resolveJWKS(
    _ resolver: @Sendable () async throws -> JWKSet, algorithms: [JWSAlgorithm]
  ) async -> Result<JWSVerifier, MonoCloudError> {
    do {
      return .success(JWSVerifier(keySet: try await resolver(), algorithms: algorithms))
    } catch let error as MonoCloudError {
      return .failure(error)
    } catch {
      return .failure(.http(.network, "jwksResolver failed: no JWKS"))
    }
  }

  static func loadJWKS(
    metadata: SingleFlightCache<AuthorizationServerMetadata>, transport: TenantTransport, algorithms: [JWSAlgorithm]
  ) async -> Result<JWSVerifier, MonoCloudError> {
    let uri: String
    switch await metadata.value() {
    case .failure(let error): return .failure(error)
    case .success(let value):
      guard let jwksURI = value.jwksURI else {
        return .failure(.configuration(["the discovery document has no jwks_uri, so JWTs cannot be verified locally"]))
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
