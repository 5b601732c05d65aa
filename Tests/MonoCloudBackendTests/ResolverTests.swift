import MonoCloudBackend
import MonoCloudCrypto
import MonoCloudJOSE
import Synchronization
import Testing

/// `metadataResolver` and `jwksResolver`: asked instead of fetching, cached like fetched
/// documents, their failures typed and never cached.
@Suite struct ResolverTests {
  struct Unavailable: Error {}

  /// Counts calls; fails while `failing` is set.
  final class Source: Sendable {
    let calls = Mutex(0)
    let failing = Mutex(false)
    var count: Int { calls.withLock { $0 } }

    func next() throws {
      calls.withLock { $0 += 1 }
      if failing.withLock({ $0 }) { throw Unavailable() }
    }
  }

  static let metadataJSON =
    #"{"issuer":"\#(tenantURL)","jwks_uri":"\#(tenantURL)/jwks","introspection_endpoint":"\#(tenantURL)/introspect"}"#

  /// A harness whose resolvers serve the fake tenant's document and keys without its fetcher.
  func harness(
    metadata: Source? = nil, jwks: Source? = nil, configure: (inout MonoCloudBackendOptions) -> Void = { _ in }
  ) -> Harness {
    var harness = Harness()
    let tenant = harness.tenant
    if let metadata {
      harness.options.metadataResolver = {
        try metadata.next()
        return try AuthorizationServerMetadata(json: Self.metadataJSON)
      }
    }
    if let jwks {
      harness.options.jwksResolver = {
        try jwks.next()
        let keys = tenant.state.withLock { $0.keys.values.map(\.publicKey) }
        return JWKSet(keys: keys)
      }
    }
    configure(&harness.options)
    return harness
  }

  @Test func theResolversAreAskedInsteadOfFetchingAndCached() async throws {
    let metadata = Source()
    let jwks = Source()
    let harness = harness(metadata: metadata, jwks: jwks)
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims())
    #expect(try await client.validateAccessToken(token).subject == "user-1")
    #expect(try await client.validateAccessToken(token).subject == "user-1")
    #expect(try await client.metadata().issuer == tenantURL)
    #expect(try await client.metadata().issuer == tenantURL)
    #expect(jwks.count == 1)
    #expect(metadata.count == 1)
    #expect(harness.tenant.requests.isEmpty)
    #expect(harness.events.all.contains(.cacheHit(.jwks)))

    // Expired after jwksCacheDuration / metadataCacheDuration (300 s): asked again, once.
    harness.clock.advance(seconds: 301)
    #expect(try await client.validateAccessToken(harness.tenant.mint(claims: harness.claims())).subject == "user-1")
    _ = try await client.metadata()
    #expect(jwks.count == 2)
    #expect(metadata.count == 2)
    #expect(harness.tenant.requests.isEmpty)
  }

  @Test func aJWKSResolverNeedsNoDiscoveryAndRefreshesForAnUnknownKid() async throws {
    let jwks = Source()
    let harness = harness(jwks: jwks)
    let client = try harness.client()
    #expect(try await client.validateAccessToken(harness.tenant.mint(claims: harness.claims())).subject == "user-1")
    #expect(harness.tenant.requests.isEmpty)
    harness.tenant.state.withLock { $0.keys["k2"] = TestKeys.jwk(TestKeys.rsa2, kid: "k2") }
    let rotated = harness.tenant.mint(kid: "k2", claims: harness.claims())
    #expect(try await client.validateAccessToken(rotated).subject == "user-1")
    #expect(jwks.count == 2)
    #expect(harness.tenant.requests.isEmpty)
  }

  @Test func aFailingJWKSResolverIsAClearErrorNotCachedAndNothingIsFetched() async throws {
    let jwks = Source()
    jwks.failing.withLock { $0 = true }
    let harness = harness(jwks: jwks)
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims())
    do throws(MonoCloudError) {
      _ = try await client.validateAccessToken(token)
      Issue.record("accepted")
    } catch {
      #expect(error.kind == .http(.network))
      #expect(error.reason == "jwksResolver failed: no JWKS")
    }
    #expect(await client.authorize(authorizationHeader: "Bearer " + token).status == 503)
    #expect(harness.tenant.requests.isEmpty)
    // The failure poisoned nothing: the next call asks again and succeeds.
    jwks.failing.withLock { $0 = false }
    #expect(try await client.validateAccessToken(token).subject == "user-1")
    #expect(jwks.count == 3)
    #expect(harness.tenant.requests.isEmpty)
  }

  @Test func aFailingMetadataResolverIsAClearErrorNotCachedAndNothingIsFetched() async throws {
    let metadata = Source()
    metadata.failing.withLock { $0 = true }
    let harness = harness(metadata: metadata)
    let client = try harness.client()
    do throws(MonoCloudError) {
      _ = try await client.metadata()
      Issue.record("accepted")
    } catch {
      #expect(error.kind == .http(.network))
      #expect(error.reason == "metadataResolver failed: no discovery document")
    }
    #expect(harness.tenant.requests.isEmpty)
    metadata.failing.withLock { $0 = false }
    // Introspection now reaches the endpoint the resolver named (the only request made).
    harness.activeIntrospection("opaque")
    #expect(try await client.validateAccessToken("opaque").subject == "user-1")
    #expect(metadata.count == 2)
    #expect(harness.tenant.requests.map(\.url) == [tenantURL + "/introspect"])
  }

  @Test func aMonoCloudErrorFromAResolverIsKept() async throws {
    var harness = Harness()
    harness.options.jwksResolver = { throw MonoCloudError.configuration(["keys not provisioned"]) }
    let client = try harness.client()
    await expectError(.configuration(["keys not provisioned"])) { () async throws(MonoCloudError) in
      _ = try await client.jwks()
    }
    #expect(harness.tenant.requests.isEmpty)
  }

  @Test func aResolvedDocumentMustNameTheTenant() async throws {
    var harness = Harness()
    harness.options.metadataResolver = {
      try AuthorizationServerMetadata(json: #"{"issuer":"https://other.example.com"}"#)
    }
    let client = try harness.client()
    await expectError(.http(.malformedResponse)) { () async throws(MonoCloudError) in _ = try await client.metadata() }
    #expect(harness.tenant.requests.isEmpty)
  }

  @Test func resolvedKeySetsNeverUseHMAC() async throws {
    let secret = Array("a-shared-secret-of-32-bytes-long".utf8)
    var harness = Harness()
    harness.options.algorithms = [.hs256, .rs256]
    harness.options.jwksResolver = {
      JWKSet(keys: [
        try JWK(importingPrivateKeyFromJSONString: #"{"kty":"oct","kid":"h","k":"\#(Base64URL.encode(secret))"}"#)
      ])
    }
    let client = try harness.client()
    var header = JSONObject()
    header["alg"] = "HS256"
    header["kid"] = "h"
    let input = Base64URL.encode(JSONWriter.bytes(header)) + "." + Base64URL.encode(JSONWriter.bytes(harness.claims()))
    let token =
      input + "." + Base64URL.encode(HashAlgorithm.sha256.authenticationCode(key: secret, message: Array(input.utf8)))
    await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(token)
    }
  }

  @Test func staticValuesAndResolversExcludeEachOther() {
    var options = MonoCloudBackendOptions(tenantDomain: "t.example.com", audience: "a")
    options.staticMetadata = Self.metadataJSON
    options.metadataResolver = { try AuthorizationServerMetadata(json: Self.metadataJSON) }
    options.staticJWKS = #"{"keys":[]}"#
    options.jwksResolver = { JWKSet(keys: []) }
    do {
      _ = try MonoCloudBackendOptions.resolve(overrides: options, environment: [:])
      Issue.record("accepted")
    } catch {
      #expect(
        error.kind
          == .configuration([
            "staticMetadata and metadataResolver exclude each other", "staticJWKS and jwksResolver exclude each other",
          ]))
    }
  }
}
