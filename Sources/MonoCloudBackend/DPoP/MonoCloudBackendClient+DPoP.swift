import MonoCloudJOSE

// DPoP (RFC 9449) at the resource server: the proof of a request is checked after the token.
extension MonoCloudBackendClient {
  /// `validateAccessToken` for a request that may carry DPoP: the token is validated as usual,
  /// then, when it is DPoP-bound (`cnf.jkt`) or `dpop.scheme` is `.dpop`, the request's proof
  /// is checked completely (`DPoPProofValidator`, `ath` of `token`, the key thumbprint equal to
  /// `cnf.jkt`, the `jti` recorded in the replay store). `dpop == nil` means a `Bearer` request
  /// without a proof. DPoP failures are `invalid_token` errors whose `dpop` holds the detail.
  public func validateAccessToken(
    _ token: String, dpop: DPoPContext?, scopes: [String] = [], groups: [String] = [],
    clientCertificate: String? = nil
  ) async throws(MonoCloudError) -> TokenClaims {
    // Verifying an ES256 token hashes its signing input: `ath` continues from that state.
    var tokenHashPrefix: SHA256Prefix?
    let claims = try await validateTokenWithoutProof(
      token, scopes: scopes, groups: groups, clientCertificate: clientCertificate, tokenHashPrefix: &tokenHashPrefix,
      capturingHash: dpop != nil)
    try await checkDPoP(
      token: token, tokenHashPrefix: tokenHashPrefix, claims: claims.object, context: dpop,
      scheme: dpop?.scheme ?? .bearer)
    return claims
  }

  /// `authorize` for a request that may carry DPoP: the `Authorization` scheme (`Bearer` or
  /// `DPoP`) is taken from the header, `dpop` gives the `DPoP` header, method and URL. DPoP
  /// failures answer 401 with `WWW-Authenticate: DPoP error="…", algs="…"` (RFC 9449 §7.1) and,
  /// for `use_dpop_nonce`, a `DPoP-Nonce` header; a replay store that fails answers 503.
  public func authorize(
    authorizationHeader: String?, dpop: DPoPContext?, scopes: [String] = [], groups: [String] = [],
    clientCertificate: String? = nil
  ) async -> AuthorizationOutcome {
    let acceptsDPoP = dpopOptions.enforcement != .disabled
    guard let credentials = AccessTokenCredentials.parse(authorizationHeader: authorizationHeader),
      credentials.scheme == .bearer || acceptsDPoP
    else { return .missingToken }
    var context = dpop
    context?.scheme = credentials.scheme
    if context == nil, credentials.scheme == .dpop {
      context = DPoPContext(proof: nil, method: "", url: "", scheme: .dpop)
    }
    do throws(MonoCloudError) {
      let claims = try await validateAccessToken(
        credentials.token, dpop: context, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
      return AuthorizationOutcome(status: .ok, claims: claims)
    } catch {
      return await dpopAwareOutcome(error, scheme: credentials.scheme)
    }
  }

  /// The answer for `error`: DPoP failures and token errors of a `DPoP`-scheme request get a
  /// `DPoP` challenge listing the accepted algorithms; everything else as `AuthorizationOutcome.failure`.
  func dpopAwareOutcome(_ error: MonoCloudError, scheme: AccessTokenScheme) async -> AuthorizationOutcome {
    let algorithms = dpopValidator.options.algorithms
    if let failure = error.dpop {
      var headers: HTTPHeaderFields = [
        ("WWW-Authenticate", DPoPChallenge(algorithms: algorithms, error: failure.code).headerValue)
      ]
      if failure.code == .useDPoPNonce, let nonce = await dpopOptions.nonces?().first, DPoPChallenge.isValidNonce(nonce)
      {
        headers.append(name: "DPoP-Nonce", value: nonce)
      }
      return AuthorizationOutcome(status: .unauthorized, headers: headers, error: error)
    }
    if scheme == .dpop, case .token(.invalidToken) = error.kind {
      let challenge = DPoPChallenge(algorithms: algorithms, error: .invalidToken).headerValue
      return AuthorizationOutcome(status: .unauthorized, headers: [("WWW-Authenticate", challenge)], error: error)
    }
    return .failure(error)
  }

  /// The synchronous `validateAccessToken(_:dpop:…)` for hot paths: the answer from cached
  /// keys (or a cached introspection answer) with the proof checked and recorded at once, or
  /// `nil` when that needs I/O: keys not cached, server nonces configured (their provider is
  /// asynchronous) or a replay store that is not a `DPoPSynchronousReplayStore`.
  public func validateAccessTokenFromCache(
    _ token: String, dpop: DPoPContext?, scopes: [String] = [], groups: [String] = [],
    clientCertificate: String? = nil
  ) -> Result<TokenClaims, MonoCloudError>? {
    guard dpopOptions.nonces == nil, let store = dpopSynchronousReplayStore else { return nil }
    // Verifying an ES256 token hashes its signing input: `ath` continues from that state.
    var tokenHashPrefix: SHA256Prefix?
    var unstamped: CachedAnswerStamp?
    guard
      let result = cachedValidationWithoutProof(
        token, scopes: scopes, groups: groups, clientCertificate: clientCertificate,
        tokenHashPrefix: &tokenHashPrefix, capturingHash: dpop != nil, stamp: &unstamped)
    else { return nil }
    guard case .success(let claims) = result else { return result }
    do throws(MonoCloudError) {
      guard
        let proof = try verifyDPoPProof(
          token: token, tokenHashPrefix: tokenHashPrefix, claims: claims.object, context: dpop,
          scheme: dpop?.scheme ?? .bearer, nonces: [])
      else { return result }
      try Self.recorded(
        store.insertIfAbsentSynchronously(
          proof.key, expiresAt: proof.expiresAt,
          now: clock.unixTimeSeconds &+ dpopValidator.options.clockSkew))
      return result
    } catch {
      return .failure(error)
    }
  }

  /// The DPoP rules for a validated token: nothing to do, or a proof checked and recorded.
  func checkDPoP(
    token: String, tokenHashPrefix: SHA256Prefix? = nil, claims: JSONObject, context: DPoPContext?,
    scheme: AccessTokenScheme
  ) async throws(MonoCloudError) {
    guard dpopOptions.enforcement != .disabled else { return }
    let nonces = await dpopOptions.nonces?() ?? []
    guard
      let proof = try verifyDPoPProof(
        token: token, tokenHashPrefix: tokenHashPrefix, claims: claims, context: context, scheme: scheme, nonces: nonces
      )
    else { return }
    let insertion: DPoPReplayInsertion
    do {
      insertion = try await dpopReplayStore.insertIfAbsent(
        proof.key, expiresAt: proof.expiresAt, now: clock.unixTimeSeconds &+ dpopValidator.options.clockSkew
      )
    } catch {
      // Fail closed: a proof that cannot be recorded could be replayed.
      throw MonoCloudError(.http(.network), "the DPoP replay store failed; the proof cannot be checked for replay")
    }
    try Self.recorded(insertion)
  }

  /// Fails unless the proof was recorded.
  static func recorded(_ insertion: DPoPReplayInsertion) throws(MonoCloudError) {
    switch insertion {
    case .inserted: return
    case .replayed: throw .dpop(DPoPError(.replayed, "the DPoP proof was already used (jti)"))
    case .full: throw .dpop(DPoPError(.replayCacheFull, "the DPoP replay store is full; the proof cannot be recorded"))
    }
  }

  /// Every DPoP check but replay: `nil` when the request needs no proof, else what recording the proof needs.
  func verifyDPoPProof(
    token: String, tokenHashPrefix: SHA256Prefix? = nil, claims: JSONObject, context: DPoPContext?,
    scheme: AccessTokenScheme, nonces: [String]
  ) throws(MonoCloudError) -> DPoPProofValidator.ReplayEntry? {
    guard dpopOptions.enforcement != .disabled else { return nil }
    let thumbprint: String?
    do throws(DPoPError) {
      thumbprint = try DPoPBinding.confirmationThumbprint(in: claims)
      if dpopOptions.enforcement == .required, thumbprint == nil {
        throw DPoPError(.tokenNotBound, "the resource server accepts DPoP-bound access tokens only")
      }
      guard try DPoPBinding.requiresProof(scheme: scheme, confirmationThumbprint: thumbprint) else { return nil }
    } catch {
      throw .dpop(error)
    }
    guard let context, let proofText = context.proof else {
      throw .dpop(DPoPError(.missingProof, "the request has no DPoP proof"))
    }
    let request = DPoPRequest(proof: proofText, method: context.method, url: context.url, acceptedNonces: nonces)
    let now = clock.unixTimeSeconds
    let proof: DPoPProofValidator.ReplayEntry
    do throws(DPoPError) {
      proof = try dpopValidator.verifyForReplay(
        request, accessToken: token, accessTokenHashPrefix: tokenHashPrefix, confirmationThumbprint: thumbprint,
        now: now, keyCache: dpopKeyCache)
    } catch {
      throw .dpop(error)
    }
    return proof
  }

  /// The synchronous rule for a token without a request context (a `Bearer` request): a
  /// DPoP-bound token is refused while DPoP is enforced.
  func bearerBindingFailure(_ claims: JSONObject) -> MonoCloudError? {
    guard dpopOptions.enforcement != .disabled else { return nil }
    do throws(DPoPError) {
      let thumbprint = try DPoPBinding.confirmationThumbprint(in: claims)
      if dpopOptions.enforcement == .required, thumbprint == nil {
        throw DPoPError(.tokenNotBound, "the resource server accepts DPoP-bound access tokens only")
      }
      _ = try DPoPBinding.requiresProof(scheme: .bearer, confirmationThumbprint: thumbprint)
      return nil
    } catch {
      return .dpop(error)
    }
  }
}
