import MonoCloudBackend
import MonoCloudCrypto
import MonoCloudJOSE
import Testing

@Suite struct ClientIntrospectionTests {
  @Test func requestShapeAndClaims() async throws {
    let harness = Harness()
    let client = try harness.client()
    harness.activeIntrospection("tok en&1", ["client_id": "c"])
    let claims = try await client.introspectAccessToken("tok en&1", scopes: ["write"])
    #expect(claims["active"] == nil)
    #expect(claims.subject == "user-1")
    #expect(claims["client_id"] == "c")
    let request = try #require(harness.tenant.requests.last)
    #expect(request.method == "POST")
    #expect(request.url == tenantURL + "/introspect")
    #expect(request.header("Accept") == "application/json")
    #expect(request.header("content-type") == "application/x-www-form-urlencoded")
    #expect(String(decoding: request.body, as: UTF8.self) == "token=tok+en%261&token_type_hint=access_token")
    #expect(request.requiresClientCertificate == false)
  }

  @Test func inactiveResultsAreCachedForTheDuration() async throws {
    let harness = Harness { $0.introspectionCacheDuration = .seconds(60) }
    let client = try harness.client()
    for _ in 0..<3 {
      await expectError(.token(.inactiveToken)) { () async throws(MonoCloudError) in
        _ = try await client.validateAccessToken("revoked")
      }
    }
    #expect(harness.tenant.introspectionCount == 1)
    harness.clock.advance(seconds: 60)
    await expectError(.token(.inactiveToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken("revoked")
    }
    #expect(harness.tenant.introspectionCount == 2)
    let outcome = await client.authorize(authorizationHeader: "bearer revoked")
    #expect(outcome.status == 401)
    #expect(outcome.headers.first?.value == "Bearer error=\"invalid_token\"")
  }

  @Test func activeResultsLiveUntilTheEarlierOfExpAndDuration() async throws {
    let harness = Harness { $0.introspectionCacheDuration = .seconds(300) }
    let client = try harness.client()
    harness.activeIntrospection("short", lifetime: 100)
    harness.activeIntrospection("long", lifetime: 10_000)
    _ = try await client.validateAccessToken("short")
    _ = try await client.validateAccessToken("long")
    harness.clock.advance(seconds: 99)
    _ = try await client.validateAccessToken("short")
    _ = try await client.validateAccessToken("long")
    #expect(harness.tenant.introspectionCount == 2)
    harness.clock.advance(seconds: 1)  // "short" reached exp
    _ = try? await client.validateAccessToken("short")
    #expect(harness.tenant.introspectionCount == 3)
    harness.clock.advance(seconds: 200)  // "long" reached now + duration
    _ = try await client.validateAccessToken("long")
    #expect(harness.tenant.introspectionCount == 4)
  }

  @Test func checksRunOnEveryCacheHit() async throws {
    let harness = Harness()
    let client = try harness.client()
    harness.activeIntrospection("t", ["groups": ["a"]])
    _ = try await client.validateAccessToken("t")
    await expectError(.token(.insufficientScope)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken("t", scopes: ["admin"])
    }
    await expectError(.token(.insufficientGroups)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken("t", groups: ["b"])
    }
    #expect(harness.tenant.introspectionCount == 1)
    #expect(harness.events.all.filter { $0 == .cacheHit(.introspection) }.count == 2)
  }

  @Test func concurrentIntrospectionsOfOneTokenShareOneRequest() async throws {
    let harness = Harness()
    harness.tenant.state.withLock { $0.delayMilliseconds = 30 }
    let client = try harness.client()
    harness.activeIntrospection("shared")
    let successes = await withTaskGroup(of: Bool.self) { group in
      for _ in 0..<200 { group.addTask { (try? await client.validateAccessToken("shared")) != nil } }
      var count = 0
      for await success in group where success { count += 1 }
      return count
    }
    #expect(successes == 200)
    #expect(harness.tenant.introspectionCount == 1)
    #expect(harness.tenant.discoveryCount == 1)
  }

  @Test func cacheKeyIsTheHashNotTheToken() async throws {
    let cache = InMemoryIntrospectionCache()
    let harness = Harness { $0.cache = ExternalCache() }
    let external = try #require(harness.options.cache as? ExternalCache)
    let client = try harness.client()
    harness.activeIntrospection("secret-token")
    _ = try await client.validateAccessToken("secret-token")
    let keys = external.keys
    #expect(keys == [MonoCloudBackendClient.cacheKey(for: "secret-token")])
    #expect(keys.first?.count == 43)
    #expect(!keys.joined().contains("secret-token"))
    #expect(
      MonoCloudBackendClient.cacheKey(for: "abc") == Base64URL.encode(SHA256.hash(Array("abc".utf8))))
    // A hit through the external cache makes no request.
    _ = try await client.validateAccessToken("secret-token")
    #expect(harness.tenant.introspectionCount == 1)
    _ = cache
  }

  @Test func missingClientIdIsAConfigurationErrorBeforeAnyRequest() async throws {
    let harness = Harness { $0.clientId = nil }
    let client = try harness.client()
    await expectError(.configuration(["clientId is required for introspection (MONOCLOUD_BACKEND_CLIENT_ID)"])) {
      () async throws(MonoCloudError) in _ = try await client.validateAccessToken("opaque")
    }
    #expect(client.validateAccessTokenFromCache("opaque") != nil)
    #expect(harness.tenant.requests.isEmpty)
    let outcome = await client.authorize(authorizationHeader: "Bearer opaque")
    #expect(outcome.status == 500)
  }

  @Test(arguments: [
    (400, #"{"error":"invalid_request","error_description":"bad"}"#, "invalid_request", 500),
    (401, #"{"error":"invalid_client"}"#, "invalid_client", 500),
    (401, "not json", "invalid_client", 500),
  ])
  func authorizationServerErrors(status: Int, body: String, error: String, outcomeStatus: Int) async throws {
    let harness = Harness()
    harness.tenant.state.withLock {
      $0.introspectionStatus = status
      $0.introspectionBody = body
    }
    let client = try harness.client()
    do throws(MonoCloudError) {
      _ = try await client.validateAccessToken("x")
      Issue.record("accepted")
    } catch let failure {
      guard case .authorizationServer(let code, _) = failure.kind else {
        Issue.record("\(failure)")
        return
      }
      #expect(code == error)
      #expect(!failure.reason.contains("x "))
    }
    #expect(await client.authorize(authorizationHeader: "Bearer x").status.code == outcomeStatus)
  }

  @Test(arguments: [(500, 503), (503, 503), (429, 503), (404, 500), (302, 500)])
  func otherStatusesAreHTTPErrors(status: Int, outcomeStatus: Int) async throws {
    let harness = Harness()
    harness.tenant.state.withLock { $0.introspectionStatus = status }
    let client = try harness.client()
    await expectError(.http(.status(status))) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken("x")
    }
    let outcome = await client.authorize(authorizationHeader: "Bearer x")
    #expect(outcome.status.code == outcomeStatus)
    if outcomeStatus == 503 { #expect(outcome.headers.contains { $0.name == "Retry-After" }) }
  }

  @Test(arguments: [("120", "120"), ("99999", "3600"), ("Wed, 21 Oct 2015 07:28:00 GMT", "30"), ("-5", "30")])
  func tenantRetryAfterIsPassedOn(header: String, expected: String) async throws {
    let harness = Harness()
    harness.tenant.state.withLock {
      $0.introspectionStatus = 503
      $0.retryAfter = header
    }
    let client = try harness.client()
    let outcome = await client.authorize(authorizationHeader: "Bearer x")
    #expect(outcome.status == 503)
    #expect(outcome.headers.first { $0.name == "Retry-After" }?.value == expected)
  }

  @Test func certificateBinding() async throws {
    // The outer shape of an X.509 certificate: SEQUENCE { tbs SEQUENCE, algorithm SEQUENCE, BIT STRING }.
    let tbs: [UInt8] = [0x30, 0x81, 0xC8] + [UInt8](repeating: 0xFB, count: 200)
    let der: [UInt8] = [0x30, 0x81, 0xD1] + tbs + [0x30, 0x00, 0x03, 0x02, 0x00, 0xAA]
    let thumbprint = Base64URL.encode(SHA256.hash(der))
    let body = Base64Encoding.standard(der)
    let pem = "-----BEGIN CERTIFICATE-----\n\(body)\n-----END CERTIFICATE-----\n"
    let urlEncodedPEM = pem.replacingAll("\n", with: "%0A").replacingAll(" ", with: "%20").replacingAll(
      "+", with: "%2B"
    ).replacingAll("/", with: "%2F").replacingAll("=", with: "%3D")

    for mode in [CertificateBindingMode.whenPresent, .required, .dangerouslyIgnore] {
      let harness = Harness { $0.policy.certificateBinding = mode }
      let client = try harness.client()
      harness.activeIntrospection("bound", ["cnf": ["x5t#S256": .string(thumbprint)]])
      harness.activeIntrospection("unbound")
      for certificate in [pem, body, urlEncodedPEM] {
        _ = try await client.validateAccessToken("bound", clientCertificate: certificate)
      }
      let otherCertificate = Base64Encoding.standard([
        0x30, 0x0B, 0x30, 0x03, 0x02, 0x01, 0x05, 0x30, 0x00, 0x03, 0x02, 0x00, 0xAA,
      ])
      if mode == .dangerouslyIgnore {
        _ = try await client.validateAccessToken("bound")
        _ = try await client.validateAccessToken("bound", clientCertificate: otherCertificate)
        _ = try await client.validateAccessToken("unbound")
      } else {
        await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
          _ = try await client.validateAccessToken("bound")
        }
        await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
          _ = try await client.validateAccessToken("bound", clientCertificate: otherCertificate)
        }
        if mode == .required {
          await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
            _ = try await client.validateAccessToken("unbound", clientCertificate: pem)
          }
        } else {
          _ = try await client.validateAccessToken("unbound")
        }
      }
    }
  }

  @Test func eventsReportFetchesAndCacheUse() async throws {
    let harness = Harness()
    let client = try harness.client()
    harness.activeIntrospection("e")
    _ = try await client.validateAccessToken("e")
    _ = try await client.validateAccessToken("e")
    let events = harness.events.all
    #expect(events.contains(.fetchStarted(.metadata, url: tenantURL + "/.well-known/openid-configuration")))
    #expect(events.contains(.fetchStarted(.introspection, url: tenantURL + "/introspect")))
    #expect(events.contains(.introspected(active: true)))
    #expect(events.contains(.cacheMiss(.introspection)))
    #expect(events.contains(.cacheHit(.introspection)))
    #expect(
      events.contains {
        if case .fetchFinished(.introspection, _, 200, _) = $0 { return true }
        return false
      })
  }
}

/// An external (non-built-in) cache, to see exactly what the client stores.
final class ExternalCache: IntrospectionCache {
  private let entries = Recorder<(String, String, Int64)>()
  var keys: [String] { Array(Set(entries.all.map(\.0))) }
  func get(_ key: String) async -> String? { entries.all.last { $0.0 == key }?.1 }
  func set(_ key: String, value: String, expiresAt: Int64) async { entries.append((key, value, expiresAt)) }
  func delete(_ key: String) async {}
}

enum Base64Encoding {
  static func standard(_ bytes: [UInt8]) -> String { Base64.encode(bytes) }
}

extension String {
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for character in self { out += character == target ? replacement : String(character) }
    return out
  }
}
