import MonoCloudBackend
import MonoCloudCrypto
import MonoCloudJOSE
import Testing

/// Proof keys (the JOSE tests' EC P-256 and Ed25519 keys) and proofs made at test time with
/// the package's own signer.
enum DPoPProofs {
  static let keys = try! JWKSet(
    jsonString: """
      {"keys":[
      {"kty":"EC","kid":"ec-p256","crv":"P-256","x":"XoVHdO8X-1mS-EJxNIuAxO7ha2P8G7m8pfPDNjF6dUM","y":"1WKXUXavky_KB3hahnY3CmQYOBTrxg8cMk8FeoiaC78","d":"Cxf1vu-QPUfCb5BwooZj7qkQMOpD_2_ny09bV-fR3bY"},
      {"kty":"OKP","kid":"okp-ed25519","crv":"Ed25519","x":"8W2DEB8NTPI5mLcZH2EwM6FE9Vl9cvpun2ZaK3ZOVGs","d":"AC1G2rPPLi74ejh6ZApx-3EYiIy2npp3KiiuIrUkV5U"}
      ]}
      """)
  static let ec = keys.keys(withID: "ec-p256")[0]
  static let ed = keys.keys(withID: "okp-ed25519")[0]
  static let url = "https://api.example.com/orders"

  static func proof(
    key: JWK, algorithm: JWSAlgorithm, token: String, iat: Int64, jti: String = "jti-1", htm: String = "GET",
    htu: String = url, nonce: String? = nil
  ) -> String {
    let header: JSONObject = [
      "typ": "dpop+jwt", "alg": .string(algorithm.name), "jwk": .object(key.publicKey.jsonObject()),
    ]
    var claims: JSONObject = [
      "jti": .string(jti), "htm": .string(htm), "htu": .string(htu), "iat": .number(JSONNumber(iat)),
      "ath": .string(DPoPProofValidator.accessTokenHash(token)),
    ]
    if let nonce { claims["nonce"] = .string(nonce) }
    let input = Base64URL.encode(header.jsonBytes) + "." + Base64URL.encode(claims.jsonBytes)
    let signature = try! JWS.signature(for: Array(input.utf8), key: key, algorithm: algorithm, random: .system)
    return input + "." + Base64URL.encode(signature)
  }
}

@Suite struct DPoPResourceServerTests {
  static let algs = "algs=\"ES256 EdDSA\""

  func harness(_ configure: @escaping (inout MonoCloudBackendOptions) -> Void = { _ in }) -> Harness {
    Harness { options in
      options.dpop.validation.algorithms = [.es256, .edDSA]
      configure(&options)
    }
  }

  func boundToken(_ harness: Harness, to key: JWK = DPoPProofs.ec) -> String {
    harness.tenant.mint(claims: harness.claims(["cnf": ["jkt": .string(key.publicKey.thumbprint())]]))
  }

  func context(_ proof: String?, method: String = "GET", url: String = DPoPProofs.url) -> DPoPContext {
    DPoPContext(proof: proof, method: method, url: url)
  }

  func challenge(_ outcome: AuthorizationOutcome) -> String? { outcome.headers["WWW-Authenticate"] }

  @Test func es256ProofOfABoundTokenIsAccepted() async throws {
    let harness = harness()
    let client = try harness.client()
    let token = boundToken(harness)
    let proof = DPoPProofs.proof(key: DPoPProofs.ec, algorithm: .es256, token: token, iat: harness.clock.nowSeconds)
    let outcome = await client.authorize(authorizationHeader: "DPoP " + token, dpop: context(proof))
    #expect(outcome.status == .ok)
    #expect(outcome.claims?.subject == "user-1")
  }

  @Test func edDSAProofIsAcceptedByValidateAccessToken() async throws {
    let harness = harness()
    let client = try harness.client()
    let token = boundToken(harness, to: DPoPProofs.ed)
    let proof = DPoPProofs.proof(key: DPoPProofs.ed, algorithm: .edDSA, token: token, iat: harness.clock.nowSeconds)
    let claims = try await client.validateAccessToken(token, dpop: context(proof), scopes: ["read"])
    #expect(claims.subject == "user-1")
  }

  /// Each failure class: the status, the exact challenge and the DPoP reason.
  @Test func everyFailureAnswersWithItsChallenge() async throws {
    let harness = harness()
    let client = try harness.client()
    let token = boundToken(harness)
    let now = harness.clock.nowSeconds
    func proof(
      _ jti: String, htm: String = "GET", htu: String = DPoPProofs.url, key: JWK = DPoPProofs.ec, for t: String? = nil
    )
      -> String
    {
      DPoPProofs.proof(
        key: key, algorithm: key.keyID == "okp-ed25519" ? .edDSA : .es256, token: t ?? token, iat: now, jti: jti,
        htm: htm,
        htu: htu)
    }
    let invalidProof = "DPoP error=\"invalid_dpop_proof\", " + Self.algs
    let invalidToken = "DPoP error=\"invalid_token\", " + Self.algs
    let cases: [(String, String, DPoPContext?, String, DPoPError.Reason)] = [
      ("wrong htm", "DPoP", context(proof("a", htm: "POST")), invalidProof, .methodMismatch),
      ("wrong htu", "DPoP", context(proof("b", htu: "https://api.example.com/other")), invalidProof, .urlMismatch),
      ("missing proof", "DPoP", context(nil), invalidProof, .missingProof),
      ("no DPoP context", "DPoP", nil, invalidProof, .missingProof),
      ("bound token as Bearer", "Bearer", context(proof("c")), invalidToken, .boundTokenAsBearer),
      ("ath mismatch", "DPoP", context(proof("d", for: "another.token.value")), invalidProof, .athMismatch),
      ("thumbprint mismatch", "DPoP", context(proof("e", key: DPoPProofs.ed)), invalidProof, .thumbprintMismatch),
    ]
    for (name, scheme, dpop, expected, reason) in cases {
      let outcome = await client.authorize(authorizationHeader: scheme + " " + token, dpop: dpop)
      #expect(outcome.status == .unauthorized, "\(name)")
      #expect(challenge(outcome) == expected, "\(name)")
      #expect(outcome.error?.dpop?.reason == reason, "\(name)")
      #expect(outcome.headers["DPoP-Nonce"] == nil, "\(name)")
    }
    #expect(cases.count == 7)
  }

  @Test func replayedJTIIsRefused() async throws {
    let harness = harness()
    let client = try harness.client()
    let token = boundToken(harness)
    let proof = DPoPProofs.proof(key: DPoPProofs.ec, algorithm: .es256, token: token, iat: harness.clock.nowSeconds)
    #expect(await client.authorize(authorizationHeader: "DPoP " + token, dpop: context(proof)).status == .ok)
    let replay = await client.authorize(authorizationHeader: "DPoP " + token, dpop: context(proof))
    #expect(replay.status == .unauthorized)
    #expect(challenge(replay) == "DPoP error=\"invalid_dpop_proof\", " + Self.algs)
    #expect(replay.error?.dpop?.reason == .replayed)
    #expect(replay.error?.name == "invalid_dpop_proof")
  }

  @Test func serverNonceIsRequiredAndAnnounced() async throws {
    let harness = harness { $0.dpop.nonces = { ["nonce-2", "nonce-1"] } }
    let client = try harness.client()
    let token = boundToken(harness)
    let now = harness.clock.nowSeconds
    let without = DPoPProofs.proof(key: DPoPProofs.ec, algorithm: .es256, token: token, iat: now, jti: "n0")
    let refused = await client.authorize(authorizationHeader: "DPoP " + token, dpop: context(without))
    #expect(refused.status == .unauthorized)
    #expect(challenge(refused) == "DPoP error=\"use_dpop_nonce\", " + Self.algs)
    #expect(refused.headers["DPoP-Nonce"] == "nonce-2")
    let stale = DPoPProofs.proof(key: DPoPProofs.ec, algorithm: .es256, token: token, iat: now, jti: "n1", nonce: "old")
    #expect(
      await client.authorize(authorizationHeader: "DPoP " + token, dpop: context(stale)).error?.dpop?.reason
        == .nonceMismatch)
    let previous = DPoPProofs.proof(
      key: DPoPProofs.ec, algorithm: .es256, token: token, iat: now, jti: "n2", nonce: "nonce-1")
    #expect(await client.authorize(authorizationHeader: "DPoP " + token, dpop: context(previous)).status == .ok)
  }

  @Test func bearerPathsRefuseBoundTokensAndDPoPSchemeNeedsABinding() async throws {
    let harness = harness()
    let client = try harness.client()
    let token = boundToken(harness)
    do {
      _ = try await client.validateAccessToken(token)
      Issue.record("a DPoP-bound token passed as Bearer")
    } catch {
      #expect(error.dpop?.reason == .boundTokenAsBearer)
      #expect(error.code == .token(.invalidToken))
    }
    guard case .failure(let cached)? = client.validateAccessTokenFromCache(token) else {
      Issue.record("the synchronous path accepted a DPoP-bound token")
      return
    }
    #expect(cached.dpop?.reason == .boundTokenAsBearer)
    let plain = harness.tenant.mint(claims: harness.claims())
    let proof = DPoPProofs.proof(key: DPoPProofs.ec, algorithm: .es256, token: plain, iat: harness.clock.nowSeconds)
    let outcome = await client.authorize(authorizationHeader: "DPoP " + plain, dpop: context(proof))
    #expect(challenge(outcome) == "DPoP error=\"invalid_token\", " + Self.algs)
    #expect(outcome.error?.dpop?.reason == .tokenNotBound)
    // Plain bearer tokens are unchanged.
    #expect(await client.authorize(authorizationHeader: "Bearer " + plain).status == .ok)
  }

  @Test func disabledEnforcementIgnoresBindingAndRefusesTheScheme() async throws {
    let harness = harness { $0.dpop.enforcement = .disabled }
    let client = try harness.client()
    let token = boundToken(harness)
    #expect(await client.authorize(authorizationHeader: "Bearer " + token).status == .ok)
    let outcome = await client.authorize(authorizationHeader: "DPoP " + token, dpop: nil)
    #expect(challenge(outcome) == "Bearer")
  }

  struct FailingStore: DPoPReplayStore {
    struct Down: Error {}
    func insertIfAbsent(_ key: DPoPReplayKey, expiresAt: Int64, now: Int64) async throws -> DPoPReplayInsertion {
      throw Down()
    }
  }

  @Test func aFailingReplayStoreFailsClosedWith503() async throws {
    let harness = harness { $0.dpop.replayStore = FailingStore() }
    let client = try harness.client()
    let token = boundToken(harness)
    let proof = DPoPProofs.proof(key: DPoPProofs.ec, algorithm: .es256, token: token, iat: harness.clock.nowSeconds)
    let outcome = await client.authorize(authorizationHeader: "DPoP " + token, dpop: context(proof))
    #expect(outcome.status == .serviceUnavailable)
    #expect(outcome.headers["Retry-After"] == "30")
    #expect(outcome.error?.reason == "the DPoP replay store failed; the proof cannot be checked for replay")
  }

  @Test func cnfAsJSONStringFromIntrospectionIsParsed() async throws {
    let harness = harness()
    let client = try harness.client()
    let token = "opaque-dpop-token"
    let jkt = DPoPProofs.ec.publicKey.thumbprint()
    harness.activeIntrospection(token, ["cnf": .string("{\"jkt\":\"\(jkt)\"}")])
    let proof = DPoPProofs.proof(key: DPoPProofs.ec, algorithm: .es256, token: token, iat: harness.clock.nowSeconds)
    let claims = try await client.validateAccessToken(token, dpop: context(proof))
    #expect(claims["cnf"]?.objectValue?.string("jkt") == jkt)
    let asBearer = await client.authorize(authorizationHeader: "Bearer " + token)
    #expect(asBearer.error?.dpop?.reason == .boundTokenAsBearer)
  }

  @Test func credentialsParsing() {
    #expect(AccessTokenCredentials.parse(authorizationHeader: "DPoP abc") == .init(scheme: .dpop, token: "abc"))
    #expect(AccessTokenCredentials.parse(authorizationHeader: "dpop abc") == .init(scheme: .dpop, token: "abc"))
    #expect(AccessTokenCredentials.parse(authorizationHeader: "Bearer abc") == .init(scheme: .bearer, token: "abc"))
    #expect(AccessTokenCredentials.parse(authorizationHeader: "DPoP a b") == nil)
    #expect(AccessTokenCredentials.parse(authorizationHeader: "Basic abc") == nil)
  }

  @Test func synchronousPathChecksAndRecordsTheProof() async throws {
    let harness = harness()
    let client = try harness.client()
    let token = boundToken(harness)
    let proof = DPoPProofs.proof(key: DPoPProofs.ec, algorithm: .es256, token: token, iat: harness.clock.nowSeconds)
    _ = await client.authorize(authorizationHeader: "Bearer warm-up.jwks.only")
    guard case .success(let claims)? = client.validateAccessTokenFromCache(token, dpop: context(proof)) else {
      Issue.record("no synchronous answer with warm keys")
      return
    }
    #expect(claims.subject == "user-1")
    guard case .failure(let replay)? = client.validateAccessTokenFromCache(token, dpop: context(proof)) else {
      Issue.record("a replayed proof passed the synchronous path")
      return
    }
    #expect(replay.dpop?.reason == .replayed)
    // Nonces need the asynchronous path.
    let withNonces = try self.harness { $0.dpop.nonces = { ["n"] } }.client()
    #expect(withNonces.validateAccessTokenFromCache(token, dpop: context(proof)) == nil)
  }
}
