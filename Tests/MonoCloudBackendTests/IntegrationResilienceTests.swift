import Foundation
import MonoCloudBackend
import MonoCloudURLSession
import Testing

/// One independent tenant of the fake server (`/t/<name>/…` of Tests/Support/fake_tenant.py):
/// its own keys, JWKS mode and request counts, so these tests can run in parallel.
struct IsolatedTenant {
  let name: String
  let fetcher = URLSessionFetcher()

  init(_ label: String) {
    name = label + "-" + UUID().uuidString.prefix(8).lowercased()
  }

  var url: String { IntegrationTenant.url + "/t/" + name }

  func options(clock: ManualClock? = nil) -> MonoCloudBackendOptions {
    var options = IntegrationTenant.options()
    options.policy.tenantDomain = url
    options.clock = clock?.clock
    return options
  }

  /// RS256 tokens signed with the tenant's newest key; `kid` overrides the header kid
  /// (`count` > 1: kids `kid-0` … `kid-(count-1)`).
  func mint(kid: String? = nil, count: Int = 1) async throws -> [String] {
    var query = "count=\(count)"
    if let kid { query += "&kid=\(kid)" }
    let response = try await fetcher.fetch(HTTPRequest(method: "GET", url: url + "/mint?" + query))
    try #require(response.status == 200)
    return String(decoding: response.body, as: UTF8.self).split(separator: "\n").map(String.init)
  }

  /// `jwks=ok|500|hang|refuse`, `hang_ms=…`, `rotate=1`, `retire=1`.
  func control(_ query: String) async throws {
    let response = try await fetcher.fetch(HTTPRequest(method: "POST", url: url + "/_control?" + query))
    try #require(response.status == 200)
  }

  /// Requests this tenant received, per endpoint (0 when none).
  func requests(_ path: String) async throws -> Int {
    let response = try await fetcher.fetch(HTTPRequest(method: "GET", url: url + "/_stats"))
    let object = try JSONReader.parseObject(response.body)
    return object.members.first { $0.key == path }?.value.int64Value.map(Int.init) ?? 0
  }

  func jwksRequests() async throws -> Int { try await requests("/jwks") }
  func discoveryRequests() async throws -> Int { try await requests("/.well-known/openid-configuration") }
  func introspectionRequests() async throws -> Int { try await requests("/introspect") }
}

/// Validates all `tokens` at once; tallies the outcomes (`ok` or the error code).
func validateConcurrently(_ client: MonoCloudBackendClient, _ tokens: [String]) async -> [String: Int] {
  await withTaskGroup(of: String.self) { group in
    for token in tokens {
      group.addTask {
        do throws(MonoCloudError) {
          _ = try await client.validateAccessToken(token)
          return "ok"
        } catch {
          return error.name
        }
      }
    }
    var tally: [String: Int] = [:]
    for await outcome in group { tally[outcome, default: 0] += 1 }
    return tally
  }
}

/// Key rotation, kid floods, cold-cache stampedes, JWKS outages and inactive tokens through
/// the real `URLSessionFetcher` against the fake tenant (Scripts/ci-backend-integration.sh).
@Suite(
  .enabled(
    if: IntegrationTenant.port != nil,
    "needs the fake tenant: run Scripts/ci-backend-integration.sh (sets MONOCLOUD_INTEGRATION_PORT)"))
struct IntegrationResilienceTests {
  static func realNow() -> ManualClock { ManualClock(seconds: Int64(Date().timeIntervalSince1970)) }

  @Test func rotatedSigningKeyIsPickedUpByOneKidMissRefresh() async throws {
    let tenant = IsolatedTenant("rotation")
    let client = try MonoCloudBackendClient(options: tenant.options(), environment: [:])
    let old = try #require(try await tenant.mint().first)
    #expect(try await client.validateAccessToken(old).subject == "jwt-user")
    #expect(try await tenant.jwksRequests() == 1)

    try await tenant.control("rotate=1")
    let new = try #require(try await tenant.mint().first)
    // The cached keys keep working; the new kid is not known yet.
    #expect(try await client.validateAccessToken(old).subject == "jwt-user")
    #expect(client.validateAccessTokenFromCache(new) == nil)
    #expect(try await tenant.jwksRequests() == 1)
    // The unknown kid triggers one refresh, after which both keys validate.
    #expect(try await client.validateAccessToken(new).subject == "jwt-user")
    #expect(try await client.validateAccessToken(old).subject == "jwt-user")
    #expect(try await client.validateAccessToken(new).subject == "jwt-user")
    #expect(try await tenant.jwksRequests() == 2)
    #expect(try await client.jwks().keys.count == 2)

    // The tenant retires the old key: it works until the client's next refresh, then not.
    try await tenant.control("retire=1")
    #expect(try await client.validateAccessToken(old).subject == "jwt-user")
    #expect(try await client.jwks(forceRefresh: true).keys.count == 1)
    await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(old)
    }
    #expect(try await client.validateAccessToken(new).subject == "jwt-user")
    // The old kid's miss fell within the cooldown of the rotation refresh: no request.
    #expect(try await tenant.jwksRequests() == 3)
  }

  @Test func unknownKidFloodRefreshesAtMostOncePerCooldown() async throws {
    let tenant = IsolatedTenant("flood")
    let clock = Self.realNow()
    var options = tenant.options(clock: clock)
    options.jwksRefreshCooldown = .seconds(30)
    let client = try MonoCloudBackendClient(options: options, environment: [:])
    let good = try #require(try await tenant.mint().first)
    _ = try await client.validateAccessToken(good)
    #expect(try await tenant.jwksRequests() == 1)

    let flood = try await tenant.mint(kid: "ghost", count: 200)
    #expect(flood.count == 200)
    #expect(await validateConcurrently(client, flood) == ["invalid_token": 200])
    #expect(try await tenant.jwksRequests() == 2)
    for token in flood.prefix(20) {
      await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
        _ = try await client.validateAccessToken(token)
      }
    }
    #expect(try await client.validateAccessToken(good).subject == "jwt-user")
    #expect(try await tenant.jwksRequests() == 2)

    // After the cooldown one more refresh is allowed, and only one.
    clock.advance(seconds: 31)
    #expect(await validateConcurrently(client, flood) == ["invalid_token": 200])
    #expect(try await tenant.jwksRequests() == 3)
    #expect(try await tenant.discoveryRequests() == 1)
  }

  @Test func thousandConcurrentValidationsOnAColdCacheFetchOnce() async throws {
    let tenant = IsolatedTenant("stampede")
    let client = try MonoCloudBackendClient(options: tenant.options(), environment: [:])
    let token = try #require(try await tenant.mint().first)
    #expect(await validateConcurrently(client, Array(repeating: token, count: 1000)) == ["ok": 1000])
    #expect(try await tenant.discoveryRequests() == 1)
    #expect(try await tenant.jwksRequests() == 1)
  }

  @Test(arguments: [
    ("500", MonoCloudError.HTTPFailure.status(500)),
    ("hang", .timeout),
    ("refuse", .network),
  ])
  func jwksOutageIsTypedAndCachedKeysServeWithinGrace(
    mode: String, failure: MonoCloudError.HTTPFailure
  ) async throws {
    // Cold cache: the typed error, and 503 for a middleware.
    let cold = IsolatedTenant("cold-\(mode)")
    try await cold.control("jwks=\(mode)&hang_ms=10000")
    var coldOptions = cold.options()
    coldOptions.responseTimeout = .milliseconds(1000)
    let coldClient = try MonoCloudBackendClient(options: coldOptions, environment: [:])
    let coldToken = try #require(try await cold.mint().first)
    let start = ContinuousClock.now
    await expectError(.http(failure)) { () async throws(MonoCloudError) in
      _ = try await coldClient.validateAccessToken(coldToken)
    }
    let outcome = await coldClient.authorize(authorizationHeader: "Bearer " + coldToken)
    #expect(outcome.status == 503)
    #expect(outcome.error?.kind == .http(failure))
    #expect(outcome.headers.contains { $0.name == "Retry-After" })
    // A hanging tenant answers after 10 s: both answers well before that came from the client's
    // own deadline (a bound relative to the tenant's delay, not a speed figure).
    if mode == "hang" { #expect(ContinuousClock.now - start < .seconds(8)) }
    if mode == "500" { #expect(try await cold.jwksRequests() == 2) }
    if mode == "refuse" { #expect(try await cold.jwksRequests() == 0) }

    // Warm cache: the JWKS breaks after the keys were fetched.
    let warm = IsolatedTenant("warm-\(mode)")
    let clock = Self.realNow()
    let events = Recorder<MonoCloudEvent>()
    var options = warm.options(clock: clock)
    options.responseTimeout = .milliseconds(1000)
    options.jwksCacheDuration = .seconds(300)
    options.metadataCacheDuration = .seconds(300)
    options.staleGracePeriod = .seconds(60)
    options.jwksRefreshCooldown = .seconds(30)
    options.onEvent = { events.append($0) }
    let client = try MonoCloudBackendClient(options: options, environment: [:])
    let token = try #require(try await warm.mint().first)
    #expect(try await client.validateAccessToken(token).subject == "jwt-user")
    try await warm.control("jwks=\(mode)&hang_ms=10000")
    // Expired but within grace: the failed refresh is reported, the cached keys still serve.
    clock.advance(seconds: 301)
    #expect(try await client.validateAccessToken(token).subject == "jwt-user")
    #expect(events.all.contains(.servingStale(.jwks)))
    // No new attempt before the retry interval.
    let attempts = try await warm.jwksRequests()
    #expect(try await client.validateAccessToken(token).subject == "jwt-user")
    #expect(try await warm.jwksRequests() == attempts)
    if mode == "500" { #expect(attempts == 2) }
    // Past the grace period: the typed error.
    clock.advance(seconds: 61)
    await expectError(.http(failure)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(token)
    }
    #expect(await client.authorize(authorizationHeader: "Bearer " + token).status == 503)
    // The tenant recovers: keys are fetched again (once the discovery document, which
    // carries the jwks_uri in "refuse" mode, has expired too).
    try await warm.control("jwks=ok")
    clock.advance(seconds: 300)
    #expect(try await client.validateAccessToken(token).subject == "jwt-user")
  }

  @Test func inactiveTokensAreRejectedAndCachedAsInactive() async throws {
    let tenant = IsolatedTenant("inactive")
    let client = try MonoCloudBackendClient(options: tenant.options(), environment: [:])
    for _ in 0..<5 {
      await expectError(.token(.inactiveToken)) { () async throws(MonoCloudError) in
        _ = try await client.validateAccessToken("revoked-token")
      }
    }
    let outcome = await client.authorize(authorizationHeader: "Bearer revoked-token")
    #expect(outcome.status == 401)
    #expect(outcome.error?.kind == .token(.inactiveToken))
    guard case .failure(let cached)? = client.validateAccessTokenFromCache("revoked-token") else {
      Issue.record("the inactive answer is not cached")
      return
    }
    #expect(cached.kind == .token(.inactiveToken))
    #expect(try await tenant.introspectionRequests() == 1)

    // Concurrent first sightings of another inactive token share one request.
    #expect(
      await validateConcurrently(client, Array(repeating: "other-revoked", count: 500)) == ["inactive_token": 500])
    #expect(try await tenant.introspectionRequests() == 2)
    // An active token is still introspected and accepted.
    #expect(try await client.validateAccessToken("active-token").subject == "user-1")
    #expect(try await tenant.introspectionRequests() == 3)
    #expect(try await tenant.discoveryRequests() == 1)
  }
}
