import MonoCloudBackend
import MonoCloudCrypto
import MonoCloudJOSE
import Testing

@Suite struct ClientAuthenticationTests {
  func introspectionRequest(
    _ configure: @escaping (inout MonoCloudBackendOptions) -> Void
  ) async throws -> (HTTPRequest, Harness) {
    let harness = Harness(configure: configure)
    let client = try harness.client()
    harness.activeIntrospection("tok")
    _ = try await client.validateAccessToken("tok")
    return (try #require(harness.tenant.requests.last), harness)
  }

  @Test func clientSecretBasicFormEncodesBeforeBase64() async throws {
    let (request, _) = try await introspectionRequest {
      $0.clientId = "client:1 é"
      $0.clientSecret = .string("p@ss+word/=")
    }
    // "client%3A1+%C3%A9:p%40ss%2Bword%2F%3D" in base64.
    let expected = Base64.encode(Array("client%3A1+%C3%A9:p%40ss%2Bword%2F%3D".utf8))
    #expect(request.header("Authorization") == "Basic " + expected)
    #expect(formField(request.body, "client_secret") == nil)
    #expect(formField(request.body, "client_id") == nil)
  }

  @Test func clientSecretPostSendsBothInTheForm() async throws {
    let (request, _) = try await introspectionRequest {
      $0.clientAuthMethod = .clientSecretPost
    }
    #expect(request.header("Authorization") == nil)
    #expect(formField(request.body, "client_id") == "client-1")
    #expect(formField(request.body, "client_secret") == "secret-1")
    #expect(formField(request.body, "token") == "tok")
  }

  func checkAssertion(
    _ request: HTTPRequest, now: Int64, algorithm: String, key: [UInt8]? = nil, hash: HashAlgorithm = .sha256
  ) throws {
    #expect(
      formField(request.body, "client_assertion_type") == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
    #expect(formField(request.body, "client_id") == "client-1")
    #expect(request.header("Authorization") == nil)
    let assertion = try #require(formField(request.body, "client_assertion"))
    let jwt = try MonoCloudBackendClient.decodeJWT(assertion)
    #expect(jwt.header.string("alg") == algorithm)
    #expect(jwt.payload.string("iss") == "client-1")
    #expect(jwt.payload.string("sub") == "client-1")
    #expect(jwt.payload.string("aud") == tenantURL)
    #expect(jwt.payload.int64("iat") == now)
    #expect(jwt.payload.int64("nbf") == now)
    #expect(jwt.payload.int64("exp") == now + 60)
    #expect((jwt.payload.string("jti")?.count ?? 0) >= 16)
    if let key {
      #expect(jwt.signature == hash.authenticationCode(key: key, message: jwt.signingInput))
    }
  }

  @Test func clientSecretJWTWithAStringSecretIsHS256() async throws {
    let (request, harness) = try await introspectionRequest { $0.clientAuthMethod = .clientSecretJWT }
    try checkAssertion(request, now: harness.clock.nowSeconds, algorithm: "HS256", key: Array("secret-1".utf8))
  }

  @Test(arguments: [("HS384", HashAlgorithm.sha384), ("HS512", .sha512), ("HS256", .sha256)])
  func clientSecretJWTWithAnOctJWKUsesItsAlg(alg: String, hash: HashAlgorithm) async throws {
    let key = Array("a-longer-symmetric-key-for-hmac-signing-of-assertions".utf8)
    let jwk = #"{"kty":"oct","alg":"\#(alg)","k":"\#(Base64URL.encode(key))"}"#
    let (request, harness) = try await introspectionRequest {
      $0.clientAuthMethod = .clientSecretJWT
      $0.clientSecret = .jwk(jwk)
    }
    try checkAssertion(request, now: harness.clock.nowSeconds, algorithm: alg, key: key, hash: hash)
  }

  @Test func assertionsHaveFreshJTIs() async throws {
    let harness = Harness {
      $0.clientAuthMethod = .clientSecretJWT
      $0.introspectionCacheDuration = .zero
    }
    let client = try harness.client()
    for _ in 0..<2 { _ = try? await client.validateAccessToken("tok") }
    let jtis = try harness.tenant.requests.filter { $0.url.hasSuffix("/introspect") }.map {
      try MonoCloudBackendClient.decodeJWT(formField($0.body, "client_assertion") ?? "").payload.string("jti")
    }
    #expect(jtis.count == 2)
    #expect(jtis[0] != jtis[1])
  }

  @Test func privateKeyJWTWithAnRSAPEMIsRS256() async throws {
    let (request, harness) = try await introspectionRequest {
      $0.clientAuthMethod = .privateKeyJWT
      $0.clientSecret = .string(TestKeys.rsa)
    }
    try checkAssertion(request, now: harness.clock.nowSeconds, algorithm: "RS256")
    try verifyAssertion(request, publicKey: TestKeys.jwk(TestKeys.rsa, kid: "c").publicKey)
  }

  @Test func privateKeyJWTWithAnRSAJWKUsesItsAlg() async throws {
    var jwk = TestKeys.jwk(TestKeys.rsa, kid: "client-key").jsonObject()
    jwk["alg"] = "PS256"
    let json = JSONWriter.string(jwk)
    let (request, harness) = try await introspectionRequest {
      $0.clientAuthMethod = .privateKeyJWT
      $0.clientSecret = .jwk(json)
    }
    try checkAssertion(request, now: harness.clock.nowSeconds, algorithm: "PS256")
    let assertion = try MonoCloudBackendClient.decodeJWT(formField(request.body, "client_assertion") ?? "")
    #expect(assertion.header.string("kid") == "client-key")
    try verifyAssertion(request, publicKey: TestKeys.jwk(TestKeys.rsa, kid: "client-key").publicKey, algorithm: .ps256)
  }

  @Test func privateKeyJWTWithAnEd25519KeyIsEdDSA() async throws {
    let (request, harness) = try await introspectionRequest {
      $0.clientAuthMethod = .privateKeyJWT
      $0.clientSecret = .string(TestKeys.ed25519)
    }
    try checkAssertion(request, now: harness.clock.nowSeconds, algorithm: "EdDSA")
    try verifyAssertion(request, publicKey: TestKeys.jwk(TestKeys.ed25519, kid: "c").publicKey, algorithm: .edDSA)
  }

  @Test func privateKeyJWTRefusesPublicAndSymmetricKeys() async throws {
    let publicJWK = TestKeys.jwk(TestKeys.rsa, kid: "c").publicKey.jsonString
    for secret in [ClientSecret.jwk(publicJWK), .jwk(#"{"kty":"oct","k":"c2VjcmV0c2VjcmV0"}"#), .string("not a key")] {
      let harness = Harness {
        $0.clientAuthMethod = .privateKeyJWT
        $0.clientSecret = secret
      }
      let client = try harness.client()
      do throws(MonoCloudError) {
        _ = try await client.validateAccessToken("tok")
        Issue.record("accepted")
      } catch {
        guard case .configuration = error.kind else {
          Issue.record("\(error)")
          continue
        }
      }
      #expect(harness.tenant.introspectionCount == 0)
    }
  }

  func verifyAssertion(_ request: HTTPRequest, publicKey: JWK, algorithm: JWSAlgorithm = .rs256) throws {
    let assertion = try #require(formField(request.body, "client_assertion"))
    let verifier = JWSVerifier(keySet: JWKSet(keys: [publicKey]), algorithms: [algorithm])
    _ = try verifier.verify(assertion)
  }

  @Test(arguments: [ClientAuthMethod.tlsClientAuth, .selfSignedTLSClientAuth])
  func mutualTLSSendsClientIdToTheAlias(method: ClientAuthMethod) async throws {
    let (request, _) = try await introspectionRequest {
      $0.clientAuthMethod = method
      $0.clientSecret = nil
    }
    #expect(request.url == "https://mtls.tenant.example.com/introspect")
    #expect(request.requiresClientCertificate)
    #expect(formField(request.body, "client_id") == "client-1")
    #expect(formField(request.body, "client_secret") == nil)
    #expect(request.header("Authorization") == nil)
  }

  @Test func missingSecretIsAConfigurationError() async throws {
    let harness = Harness { $0.clientSecret = nil }
    let client = try harness.client()
    await expectError(
      .configuration(["clientSecret is required for client_secret_basic (MONOCLOUD_BACKEND_CLIENT_SECRET)"])
    ) { () async throws(MonoCloudError) in _ = try await client.validateAccessToken("x") }
    #expect(harness.tenant.requests.isEmpty)
  }
}

@Suite struct TransportTests {
  func failing(_ respond: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) throws
    -> MonoCloudBackendClient
  {
    // The smallest public timeout: the timeout path is tested exactly as users configure it.
    var harness = Harness { $0.responseTimeout = .milliseconds(1000) }
    harness.options.fetcher = Fetcher(respond)
    return try harness.client()
  }

  @Test func timeoutHoldsForAFetcherThatNeverAnswers() async throws {
    let client = try failing { _ in await NeverAnswering.suspendForever() }
    await expectError(.http(.timeout)) { () async throws(MonoCloudError) in _ = try await client.metadata() }
    // Reaching this line with a timeout outcome is the proof: the operation never answers. No wall-clock
    // bound: under `swift test` CPU-heavy vector suites share the cooperative pool and delay every timer.
    #expect(await client.authorize(authorizationHeader: "Bearer x").status == 503)
  }

  @Test func oversizedResponsesAreRefused() async throws {
    let client = try failing { _ in
      HTTPResponse(
        status: 200, headers: [("Content-Type", "application/json")], body: [UInt8](repeating: 32, count: (1 << 20) + 1)
      )
    }
    await expectError(.http(.responseTooLarge(limit: 1 << 20))) { () async throws(MonoCloudError) in
      _ = try await client.metadata()
    }
  }

  @Test func fetcherReportedLimitsKeepTheirMeaning() async throws {
    let tooLarge = try failing { _ in throw FetchError.responseTooLarge(limit: 1 << 20) }
    await expectError(.http(.responseTooLarge(limit: 1 << 20))) { () async throws(MonoCloudError) in
      _ = try await tooLarge.metadata()
    }
    let redirect = try failing { _ in throw FetchError.redirectRefused }
    await expectError(.http(.redirectRefused)) { () async throws(MonoCloudError) in _ = try await redirect.metadata() }
    struct Other: Error {}
    let other = try failing { _ in throw Other() }
    await expectError(.http(.network)) { () async throws(MonoCloudError) in _ = try await other.metadata() }
  }

  @Test(arguments: ["text/html", "application/jsonx", "", "text/json"])
  func wrongContentTypesAreRefused(contentType: String) async throws {
    let client = try failing { _ in
      HTTPResponse(status: 200, headers: [("Content-Type", contentType)], body: Array(#"{"issuer":"x"}"#.utf8))
    }
    await expectError(.http(.unexpectedContentType)) { () async throws(MonoCloudError) in
      _ = try await client.metadata()
    }
  }

  @Test func jsonSuffixContentTypesAreAccepted() async throws {
    let client = try failing { _ in
      HTTPResponse(
        status: 200, headers: [("content-type", "Application/JWK-Set+JSON; charset=utf-8")],
        body: Array(#"{"issuer":"https://tenant.example.com"}"#.utf8))
    }
    #expect(try await client.metadata().issuer == tenantURL)
  }

  @Test func malformedBodies() async throws {
    let client = try failing { _ in
      HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array("[1]".utf8))
    }
    await expectError(.http(.malformedResponse)) { () async throws(MonoCloudError) in _ = try await client.metadata() }
  }

  @Test func forcedRefreshRefetches() async throws {
    let harness = Harness()
    let client = try harness.client()
    _ = try await client.metadata()
    _ = try await client.metadata()
    _ = try await client.metadata(forceRefresh: true)
    #expect(harness.tenant.discoveryCount == 2)
    _ = try await client.jwks()
    _ = try await client.jwks(forceRefresh: true)
    #expect(harness.tenant.jwksCount == 2)
  }
}
