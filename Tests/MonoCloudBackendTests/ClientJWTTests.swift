import MonoCloudBackend
import MonoCloudJOSE
import Testing

@Suite struct ClientJWTTests {
  @Test func validJWTIsValidatedLocally() async throws {
    let harness = Harness()
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims())
    let claims = try await client.validateAccessToken(token, scopes: ["read"])
    #expect(claims.subject == "user-1")
    #expect(claims.scopes == ["read", "write"])
    #expect(harness.tenant.discoveryCount == 1)
    #expect(harness.tenant.jwksCount == 1)
    #expect(harness.tenant.introspectionCount == 0)
    // Warm: no more requests, and the synchronous path answers.
    _ = try await client.validateAccessToken(token)
    #expect(harness.tenant.requests.count == 2)
    guard case .success(let cached)? = client.validateAccessTokenFromCache(token) else {
      Issue.record("no synchronous answer with warm caches")
      return
    }
    #expect(cached == claims)
  }

  @Test func thousandConcurrentValidationsOnAColdCacheMakeOneDiscoveryAndOneJWKSRequest() async throws {
    let harness = Harness()
    harness.tenant.state.withLock { $0.delayMilliseconds = 20 }
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims())
    let successes = await withTaskGroup(of: Bool.self) { group in
      for _ in 0..<1000 { group.addTask { (try? await client.validateAccessToken(token)) != nil } }
      var count = 0
      for await success in group where success { count += 1 }
      return count
    }
    #expect(successes == 1000)
    #expect(harness.tenant.discoveryCount == 1)
    #expect(harness.tenant.jwksCount == 1)
  }

  @Test func unknownKidRefreshesOncePerCooldown() async throws {
    let harness = Harness()
    let client = try harness.client()
    _ = try await client.validateAccessToken(harness.tenant.mint(claims: harness.claims()))
    #expect(harness.tenant.jwksCount == 1)
    // The tenant rotates in k2: the first token with k2 triggers a refresh and passes.
    harness.tenant.state.withLock { $0.keys["k2"] = TestKeys.jwk(TestKeys.rsa2, kid: "k2") }
    _ = try await client.validateAccessToken(harness.tenant.mint(kid: "k2", claims: harness.claims()))
    #expect(harness.tenant.jwksCount == 2)
    // A kid the tenant does not have: within the cooldown no request, the token is refused.
    await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(harness.tenant.mint(kid: "k9", claims: harness.claims()))
    }
    #expect(harness.tenant.jwksCount == 2)
    harness.clock.advance(seconds: 30)
    await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(harness.tenant.mint(kid: "k9", claims: harness.claims()))
    }
    #expect(harness.tenant.jwksCount == 3)
    #expect(harness.events.all.contains(.refreshSuppressed(.jwks)))
  }

  @Test func concurrentTokensWithANewKidShareOneRefresh() async throws {
    let harness = Harness()
    let client = try harness.client()
    _ = try await client.validateAccessToken(harness.tenant.mint(claims: harness.claims()))
    harness.tenant.state.withLock {
      $0.keys["k2"] = TestKeys.jwk(TestKeys.rsa2, kid: "k2")
      $0.delayMilliseconds = 20
    }
    let token = harness.tenant.mint(kid: "k2", claims: harness.claims())
    let successes = await withTaskGroup(of: Bool.self) { group in
      for _ in 0..<200 { group.addTask { (try? await client.validateAccessToken(token)) != nil } }
      var count = 0
      for await success in group where success { count += 1 }
      return count
    }
    #expect(successes == 200)
    #expect(harness.tenant.jwksCount == 2)
  }

  @Test func cachedKeysSurviveAnOutageForTheGracePeriod() async throws {
    let harness = Harness { $0.staleGracePeriod = .seconds(600) }
    let client = try harness.client()
    _ = try await client.validateAccessToken(harness.tenant.mint(claims: harness.claims()))
    harness.tenant.state.withLock { $0.down = true }
    harness.clock.advance(seconds: 301)  // JWKS and metadata expired
    let token = harness.tenant.mint(claims: harness.claims())
    _ = try await client.validateAccessToken(token)
    #expect(harness.events.all.contains(.servingStale(.jwks)))
    harness.clock.advance(seconds: 600)  // past expiry + grace
    await expectError(.http(.network)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(harness.tenant.mint(claims: harness.claims()))
    }
    let outcome = await client.authorize(authorizationHeader: "Bearer " + harness.tenant.mint(claims: harness.claims()))
    #expect(outcome.status == 503)
  }

  @Test func claimChecks() async throws {
    let harness = Harness()
    let client = try harness.client()
    let cases: [(JSONObject, JOSEError.Code)] = [
      (["iss": "https://evil.example.com"], .invalidToken),
      (["aud": "https://other.example.com"], .invalidToken),
      (["exp": .number(JSONNumber(harness.clock.nowSeconds - 301))], .invalidToken),
      (["nbf": .number(JSONNumber(harness.clock.nowSeconds + 301))], .invalidToken),
      (["sub": 5], .invalidToken),
    ]
    for (override, code) in cases {
      await expectError(.token(code)) { () async throws(MonoCloudError) in
        _ = try await client.validateAccessToken(harness.tenant.mint(claims: harness.claims(override)))
      }
    }
    #expect(cases.count == 5)
    // Within tolerance passes; arrays of audiences are accepted.
    let lenient = harness.claims([
      "exp": .number(JSONNumber(harness.clock.nowSeconds - 299)), "aud": ["x", .string(audience)],
    ])
    _ = try await client.validateAccessToken(harness.tenant.mint(claims: lenient))
    var missingIssuer = harness.claims()
    missingIssuer["iss"] = nil
    await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(harness.tenant.mint(claims: missingIssuer))
    }
  }

  @Test func scopesAndGroups() async throws {
    let harness = Harness { $0.policy.groupsClaim = "roles" }
    let client = try harness.client()
    let token = harness.tenant.mint(
      claims: harness.claims(["roles": ["admin", ["id": "g-2", "name": "Editors"]]]))
    _ = try await client.validateAccessToken(token, scopes: ["read", "write"], groups: ["admin"])
    _ = try await client.validateAccessToken(token, groups: ["g-2"])
    _ = try await client.validateAccessToken(token, groups: ["Editors", "nobody"])  // any of
    await expectError(.token(.insufficientScope)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(token, scopes: ["read", "delete"])
    }
    await expectError(.token(.insufficientGroups)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(token, groups: ["nobody"])
    }
    let matchAll = Harness {
      $0.policy.groupsClaim = "roles"
      $0.policy.groupsMatchAll = true
    }
    let strictClient = try matchAll.client()
    let strictToken = matchAll.tenant.mint(claims: matchAll.claims(["roles": ["admin", "ops"]]))
    _ = try await strictClient.validateAccessToken(strictToken, groups: ["admin", "ops"])
    await expectError(.token(.insufficientGroups)) { () async throws(MonoCloudError) in
      _ = try await strictClient.validateAccessToken(strictToken, groups: ["admin", "nobody"])
    }
    let outcome = await strictClient.authorize(
      authorizationHeader: "Bearer " + strictToken, scopes: ["admin:all"])
    #expect(outcome.status == 403)
  }

  @Test func malformedTokensAreInvalid() async throws {
    let harness = Harness()
    let client = try harness.client()
    for token in ["a.b.c", "e30.e30.", "!!.e30.sig", "e30.W10.sig"] {
      await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
        _ = try await client.validateJWTAccessToken(token)
      }
    }
    await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateJWTAccessToken("opaque")
    }
    let token = harness.tenant.mint(claims: harness.claims())
    let tampered = token.dropLast(2) + (token.hasSuffix("AA") ? "AB" : "AA")
    await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateJWTAccessToken(String(tampered))
    }
  }

  @Test func decodeJwtDoesNotVerify() throws {
    let token = rs256(["sub": "x"], key: TestKeys.jwk(TestKeys.rsa2, kid: "any"))
    let decoded = try MonoCloudBackendClient.decodeJWT(token)
    #expect(decoded.header.string("kid") == "any")
    #expect(decoded.header.string("alg") == "RS256")
    #expect(decoded.payload.string("sub") == "x")
    #expect(decoded.signature.count == 256)
  }

  @Test func dispatch() async throws {
    let harness = Harness()
    let client = try harness.client()
    harness.activeIntrospection("opaque-token")
    _ = try await client.validateAccessToken("opaque-token")
    #expect(harness.tenant.introspectionCount == 1)
    #expect(harness.tenant.jwksCount == 0)
    let token = harness.tenant.mint(claims: harness.claims())
    _ = try await client.validateAccessToken(token)
    #expect(harness.tenant.jwksCount == 1)
    #expect(harness.tenant.introspectionCount == 1)

    let introspecting = Harness { $0.introspectJWTTokens = true }
    let introspectingClient = try introspecting.client()
    let jwt = introspecting.tenant.mint(claims: introspecting.claims())
    introspecting.activeIntrospection(jwt)
    _ = try await introspectingClient.validateAccessToken(jwt)
    #expect(introspecting.tenant.introspectionCount == 1)
    #expect(introspecting.tenant.jwksCount == 0)
  }

  @Test func staticMetadataAndJWKSWorkOffline() async throws {
    var harness = Harness()
    harness.options.fetcher = nil
    harness.options.staticMetadata =
      #"{"issuer":"https://offline.example.com","jwks_uri":"https://x/jwks","introspection_endpoint":"https://x/i"}"#
    let key = TestKeys.jwk(TestKeys.rsa, kid: "k1")
    harness.options.staticJWKS = JSONWriter.string(["keys": [.object(key.publicKey.jsonObject())]] as JSONObject)
    let client = try harness.client()
    #expect(client.expectedIssuer == "https://offline.example.com")
    let token = rs256(harness.claims(["iss": "https://offline.example.com"]), key: key)
    _ = try await client.validateAccessToken(token)
    #expect(try await client.metadata().issuer == "https://offline.example.com")
    #expect(try await client.jwks().keys.count == 1)
    // Offline (static JWKS, no fetcher): a token that is not a JWT is simply invalid.
    #expect(client.isOffline)
    await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken("opaque")
    }
    #expect(client.validateAccessTokenFromCache("opaque").map { (try? $0.get()) == nil } == true)
    // Without a static JWKS, a client without a fetcher is not offline: introspection is a
    // configuration error.
    harness.options.staticJWKS = nil
    let noFetcher = try harness.client()
    #expect(!noFetcher.isOffline)
    await expectError(
      .configuration(["no fetcher: set options.fetcher (MonoCloudURLSession provides URLSessionFetcher)"])
    ) {
      () async throws(MonoCloudError) in _ = try await noFetcher.validateAccessToken("opaque")
    }
  }

  /// A verifier imports public keys only: the static JWKS's private members are ignored (here an
  /// inconsistent `d` the full import would refuse), and `jwks()` holds the public half.
  @Test func staticJWKSPrivateMembersAreIgnored() async throws {
    var harness = Harness()
    harness.options.fetcher = nil
    harness.options.staticMetadata = #"{"issuer":"https://offline.example.com","jwks_uri":"https://x/jwks"}"#
    let key = TestKeys.jwk(TestKeys.rsa, kid: "k1")
    var member = key.jsonObject()
    member["d"] = "AQAB"
    member["qi"] = member["dq"]
    #expect(throws: JOSEError.self) { try JWK(importingPrivateKeyFrom: member) }
    harness.options.staticJWKS = JSONWriter.string(["keys": [.object(member)]] as JSONObject)
    let client = try harness.client()
    let keys = try await client.jwks().keys
    #expect(keys.count == 1)
    #expect(keys.allSatisfy { !$0.isPrivate })
    #expect(keys.first?.thumbprint() == key.thumbprint())
    let token = rs256(harness.claims(["iss": "https://offline.example.com"]), key: key)
    _ = try await client.validateAccessToken(token)
  }

  @Test func discoveryIssuerMustMatchTheTenant() async throws {
    let harness = Harness()
    harness.tenant.state.withLock { $0.discoveryIssuer = "https://evil.example.com" }
    let client = try harness.client()
    await expectError(.http(.malformedResponse)) { () async throws(MonoCloudError) in
      _ = try await client.metadata()
    }
  }

  @Test func badStaticDocumentsAreConfigurationErrors() {
    var harness = Harness()
    harness.options.staticJWKS = "{}"
    harness.options.staticMetadata = "[]"
    #expect(throws: MonoCloudError.self) { _ = try harness.client() }
    do {
      _ = try harness.client()
    } catch {
      guard case .configuration(let problems) = error.kind else {
        Issue.record("\(error)")
        return
      }
      #expect(problems.count == 2)
    }
  }
}
