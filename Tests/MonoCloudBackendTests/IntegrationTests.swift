import Foundation
import MonoCloudBackend
import MonoCloudURLSession
import Testing

/// The fake tenant started by `Scripts/ci-backend-integration.sh` (Tests/Support/fake_tenant.py).
enum IntegrationTenant {
  static let port = ProcessInfo.processInfo.environment["MONOCLOUD_INTEGRATION_PORT"].flatMap(Int.init)
  static var url: String { "http://127.0.0.1:\(port ?? 0)" }

  static func options(
    clientId: String = "basic-client", secret: ClientSecret? = .string("basic-secret"),
    method: ClientAuthMethod? = nil
  ) -> MonoCloudBackendOptions {
    var options = MonoCloudBackendOptions(
      tenantDomain: url, audience: "https://api.example.com", clientId: clientId, clientSecret: secret,
      clientAuthMethod: method)
    options.fetcher = URLSessionFetcher().fetcher
    return options
  }

  static func stats() async throws -> [String: Int] {
    let response = try await URLSessionFetcher().fetch(HTTPRequest(method: "GET", url: url + "/stats"))
    let object = try JSONReader.parseObject(response.body)
    var counts: [String: Int] = [:]
    for member in object.members { counts[member.key] = member.value.int64Value.map(Int.init) }
    return counts
  }
}

@Suite(
  .enabled(
    if: IntegrationTenant.port != nil,
    "needs the fake tenant: run Scripts/ci-backend-integration.sh (sets MONOCLOUD_INTEGRATION_PORT)"),
  .serialized)
struct IntegrationTests {
  @Test(arguments: [
    ("basic-client", "basic-secret", ClientAuthMethod.clientSecretBasic),
    ("post-client", "post-secret", .clientSecretPost),
    ("jwt-client", "jwt-secret-0123456789abcdef0123456789", .clientSecretJWT),
  ])
  func introspectionWithEachSecretMethod(clientId: String, secret: String, method: ClientAuthMethod) async throws {
    let client = try MonoCloudBackendClient(
      options: IntegrationTenant.options(clientId: clientId, secret: .string(secret), method: method), environment: [:])
    let claims = try await client.validateAccessToken("active-token", scopes: ["read"])
    #expect(claims.subject == "user-1")
    #expect(claims["active"] == nil)
    await expectError(.token(.inactiveToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken("revoked-token")
    }
  }

  @Test func privateKeyJWTAssertionVerifiedByTheTenant() async throws {
    let path = try #require(ProcessInfo.processInfo.environment["MONOCLOUD_INTEGRATION_CLIENT_KEY"])
    let pem = try String(contentsOfFile: path, encoding: .utf8)
    let client = try MonoCloudBackendClient(
      options: IntegrationTenant.options(clientId: "pkjwt-client", secret: .string(pem), method: .privateKeyJWT),
      environment: [:])
    let claims = try await client.validateAccessToken("active-token")
    #expect(claims.subject == "user-1")
  }

  @Test func jwtSignedByTheTenantValidatesAgainstItsJWKS() async throws {
    let client = try MonoCloudBackendClient(options: IntegrationTenant.options(), environment: [:])
    let fetcher = URLSessionFetcher()
    let minted = try await fetcher.fetch(HTTPRequest(method: "GET", url: IntegrationTenant.url + "/mint"))
    let token = String(decoding: minted.body, as: UTF8.self)
    let claims = try await client.validateAccessToken(token, scopes: ["read"])
    #expect(claims.subject == "jwt-user")
    let expired = try await fetcher.fetch(HTTPRequest(method: "GET", url: IntegrationTenant.url + "/mint?expired=1"))
    await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(String(decoding: expired.body, as: UTF8.self))
    }
  }

  @Test func wrongSecretIsInvalidClient() async throws {
    let client = try MonoCloudBackendClient(
      options: IntegrationTenant.options(secret: .string("wrong")), environment: [:])
    await expectError(.authorizationServer(error: "invalid_client", description: "bad basic credentials")) {
      () async throws(MonoCloudError) in _ = try await client.validateAccessToken("active-token")
    }
    #expect(await client.authorize(authorizationHeader: "Bearer active-token").status == 500)
  }

  @Test func resultsAreCachedAndDiscoveryFetchedOnce() async throws {
    let client = try MonoCloudBackendClient(options: IntegrationTenant.options(), environment: [:])
    let before = try await IntegrationTenant.stats()
    for _ in 0..<5 { _ = try await client.validateAccessToken("active-token") }
    let outcome = await client.authorize(authorizationHeader: "Bearer active-token", scopes: ["read"])
    #expect(outcome.status == 200)
    let after = try await IntegrationTenant.stats()
    #expect((after["/introspect"] ?? 0) - (before["/introspect"] ?? 0) == 1)
    #expect(
      (after["/.well-known/openid-configuration"] ?? 0) - (before["/.well-known/openid-configuration"] ?? 0) == 1)
    #expect(try await client.jwks().keys.count == 1)
  }

  @Test func certificateBoundTokens() async throws {
    let client = try MonoCloudBackendClient(options: IntegrationTenant.options(), environment: [:])
    let certificate = Data([0x30, 0x0B, 0x30, 0x03, 0x02, 0x01, 0x05, 0x30, 0x00, 0x03, 0x02, 0x00, 0xAA])
      .base64EncodedString()
    _ = try await client.validateAccessToken("bound-token", clientCertificate: certificate)
    await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken("bound-token")
    }
  }

  @Test func fetcherRefusesCrossHostRedirects() async throws {
    let fetcher = URLSessionFetcher()
    await #expect(throws: FetchError.redirectRefused) {
      _ = try await fetcher.fetch(HTTPRequest(method: "GET", url: IntegrationTenant.url + "/redirect-cross"))
    }
    let followed = try await fetcher.fetch(HTTPRequest(method: "GET", url: IntegrationTenant.url + "/redirect-same"))
    #expect(followed.status == 200)
    #expect(String(decoding: followed.body, as: UTF8.self).contains("introspection_endpoint"))
  }

  @Test func fetcherCapsTheBody() async throws {
    let fetcher = URLSessionFetcher(maxResponseBytes: 1 << 20)
    await #expect(throws: FetchError.responseTooLarge(limit: 1 << 20)) {
      _ = try await fetcher.fetch(HTTPRequest(method: "GET", url: IntegrationTenant.url + "/big"))
    }
  }

  @Test func clientTimesOutASlowTenant() async throws {
    var options = IntegrationTenant.options()
    options.staticMetadata =
      #"{"issuer":"\#(IntegrationTenant.url)","jwks_uri":"\#(IntegrationTenant.url)/slow","introspection_endpoint":"\#(IntegrationTenant.url)/html"}"#
    options.responseTimeout = .milliseconds(1000)
    let client = try MonoCloudBackendClient(options: options, environment: [:])
    let start = ContinuousClock.now
    await expectError(.http(.timeout)) { () async throws(MonoCloudError) in _ = try await client.jwks() }
    // /slow answers after 10 s: an error well before that came from the client's own deadline
    // (a bound relative to the tenant's delay, not a speed figure).
    #expect(ContinuousClock.now - start < .seconds(8))
    // The introspection endpoint answers text/html: refused by content type.
    await expectError(.http(.unexpectedContentType)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken("active-token")
    }
  }

  @Test func unreachableTenantIsANetworkError() async throws {
    var options = IntegrationTenant.options()
    options.policy.tenantDomain = "http://127.0.0.1:9"  // discard port: nothing listens
    let client = try MonoCloudBackendClient(options: options, environment: [:])
    await expectError(.http(.network)) { () async throws(MonoCloudError) in _ = try await client.metadata() }
    #expect(await client.authorize(authorizationHeader: "Bearer x").status == 503)
  }
}
