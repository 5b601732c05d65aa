import MonoCloudCrypto
import MonoCloudJOSE
import Testing

@testable import MonoCloudBackend

/// The verified-token cache skips only the signature check and payload parse of a token seen
/// before under the same key set: every claim rule still applies on every call.
@Suite struct VerifiedTokenCacheTests {
  /// The tokens remembered under the client's current key set.
  private func remembered(_ client: MonoCloudBackendClient) -> Int {
    client.jwksCache.freshValue()?.verifiedTokens?.count ?? -1
  }

  @Test func aTokenIsVerifiedOnceAndAnsweredFromTheCacheAfterwards() async throws {
    let harness = Harness()
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims())
    let first = try await client.validateAccessToken(token)
    #expect(remembered(client) == 1)
    let second = try await client.validateAccessToken(token)
    #expect(second == first)
    guard case .success(let synchronous)? = client.validateAccessTokenFromCache(token) else {
      Issue.record("no synchronous answer for a remembered token")
      return
    }
    #expect(synchronous == first)
    #expect(remembered(client) == 1)
    #expect(harness.tenant.jwksCount == 1)
  }

  @Test func expiryIsCheckedOnEveryUse() async throws {
    let harness = Harness {
      $0.policy.clockSkew = .zero
      $0.policy.clockTolerance = .zero
    }
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims(lifetime: 60))
    _ = try await client.validateAccessToken(token)
    #expect(remembered(client) == 1)
    harness.clock.advance(seconds: 61)  // past exp, well within the key set's lifetime
    #expect(remembered(client) == 1)
    await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(token)
    }
    #expect(client.validateAccessTokenFromCache(token).map { (try? $0.get()) == nil } ?? true)
  }

  @Test func scopesAndGroupsAreCheckedOnEveryUse() async throws {
    let harness = Harness()
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims(["groups": ["staff"]]))
    _ = try await client.validateAccessToken(token, scopes: ["read"], groups: ["staff"])
    await expectError(.token(.insufficientScope)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(token, scopes: ["admin"])
    }
    await expectError(.token(.insufficientGroups)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(token, groups: ["admin"])
    }
    _ = try await client.validateAccessToken(token, scopes: ["write"])
  }

  @Test func aTamperedCopyOfARememberedTokenIsVerifiedAndRefused() async throws {
    let harness = Harness()
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims())
    _ = try await client.validateAccessToken(token)
    // Same header and payload, last signature character changed; and one extra byte.
    var bytes = Array(token.utf8)
    bytes[bytes.count - 2] = bytes[bytes.count - 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
    for forged in [String(decoding: bytes, as: UTF8.self), token + "A"] {
      await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
        _ = try await client.validateAccessToken(forged)
      }
    }
    #expect(remembered(client) == 1)
  }

  @Test func aKeySetRefreshForgetsEveryTokenAndARemovedKeyStopsValidating() async throws {
    let harness = Harness()
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims())
    _ = try await client.validateAccessToken(token)
    #expect(remembered(client) == 1)
    // The tenant retires k1 and publishes k2; the key set is refetched after its lifetime.
    harness.tenant.state.withLock { $0.keys = ["k2": TestKeys.jwk(TestKeys.rsa2, kid: "k2")] }
    harness.clock.advance(seconds: 301)
    await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(token)
    }
    // One refetch for the expired set, one more because k1 is now unknown.
    #expect(harness.tenant.jwksCount == 3)
    #expect(remembered(client) == 0)
  }

  @Test func aCertificateBoundTokenNeedsItsCertificateOnEveryUse() async throws {
    let tbs: [UInt8] = [0x30, 0x81, 0xC8] + [UInt8](repeating: 0xFB, count: 200)
    let der: [UInt8] = [0x30, 0x81, 0xD1] + tbs + [0x30, 0x00, 0x03, 0x02, 0x00, 0xAA]
    let certificate = Base64Encoding.standard(der)
    let harness = Harness()
    let client = try harness.client()
    let token = harness.tenant.mint(
      claims: harness.claims(["cnf": ["x5t#S256": .string(Base64URL.encode(SHA256.hash(der)))]]))
    _ = try await client.validateAccessToken(token, clientCertificate: certificate)
    #expect(remembered(client) == 1)
    await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(token)
    }
    _ = try await client.validateAccessToken(token, clientCertificate: certificate)
  }

  @Test func sizeZeroTurnsTheCacheOffAndTheEnvironmentSetsTheSize() async throws {
    let off = Harness { $0.verifiedTokenCacheSize = 0 }
    let client = try off.client()
    let token = off.tenant.mint(claims: off.claims())
    _ = try await client.validateAccessToken(token)
    _ = try await client.validateAccessToken(token)
    #expect(client.jwksCache.freshValue()?.verifiedTokens == nil)

    let variable = BackendSetting.verifiedTokenCacheSize.variableName
    #expect(variable == "MONOCLOUD_BACKEND_VERIFIED_TOKEN_CACHE_SIZE")
    let fromEnvironment = try Harness().client(environment: [variable: " 7 "])
    #expect(fromEnvironment.options.verifiedTokenCacheSize == 7)
    #expect(try Harness().client().options.verifiedTokenCacheSize == 1024)
    for bad in ["-1", "many", "1000001"] {
      #expect(throws: MonoCloudError.self) { try Harness().client(environment: [variable: bad]) }
    }
    #expect(throws: MonoCloudError.self) { try Harness { $0.verifiedTokenCacheSize = -1 }.client() }
    #expect(throws: MonoCloudError.self) { try Harness { $0.verifiedTokenCacheSize = 1_000_001 }.client() }
  }

  /// A passed check is kept with its inputs: the clock second, scopes and groups.
  @Test func aPassedCheckIsKeptWithItsInputs() async throws {
    let harness = Harness()
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims(["groups": ["staff"]]))
    let claims = try await client.validateAccessToken(token, scopes: ["read"], groups: ["staff"])
    let kept = try #require(client.jwksCache.freshValue()?.verifiedTokens?.remembered(token)?.acceptance)
    #expect(kept.second == harness.clock.nowSeconds)
    #expect(kept.scopes == ["read"] && kept.groups == ["staff"])
    #expect(kept.claims == claims)
    // A refusal keeps nothing new; a certificate is never kept.
    await expectError(.token(.insufficientScope)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(token, scopes: ["admin"])
    }
    #expect(client.jwksCache.freshValue()?.verifiedTokens?.remembered(token)?.acceptance?.scopes == ["read"])
  }

  /// The kept answer is given only for the same second, scopes and groups without a
  /// certificate. A planted answer (claims the token does not carry) shows which calls take it.
  @Test func theKeptAnswerIsGivenOnlyForTheSameInputs() async throws {
    let harness = Harness()
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims())
    let real = try await client.validateAccessToken(token, scopes: ["read"])
    let cache = try #require(client.jwksCache.freshValue()?.verifiedTokens)
    let planted = TokenClaims(["sub": "planted"])
    func plant() {
      cache.remember(.init(second: harness.clock.nowSeconds, scopes: ["read"], groups: [], claims: planted), for: token)
    }
    plant()
    #expect(try await client.validateAccessToken(token, scopes: ["read"]) == planted)
    #expect(client.validateAccessTokenFromCache(token, scopes: ["read"]).map { try? $0.get() } == planted)
    #expect(try await client.validateAccessToken(token, scopes: ["write"]) == real)
    plant()
    #expect(try await client.validateAccessToken(token) == real)
    plant()
    await expectError(.token(.insufficientGroups)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(token, scopes: ["read"], groups: ["staff"])
    }
    plant()
    let certificate = Base64Encoding.standard([0x30, 0x03, 0x02, 0x01, 0x01])
    #expect(try await client.validateAccessToken(token, scopes: ["read"], clientCertificate: certificate) == real)
    plant()
    harness.clock.advance(seconds: 1)
    #expect(try await client.validateAccessToken(token, scopes: ["read"]) == real)
  }

  @Test func theCacheEvictsInInsertionOrderAndIgnoresHugeTokens() {
    let cache = VerifiedTokenCache(capacity: 3)
    let payload: JSONObject = ["sub": "user-1"]
    for index in 0..<5 { cache.insert("token-\(index)", payload: payload) }
    #expect(cache.count == 3)
    #expect(cache.payload(for: "token-0") == nil)
    #expect(cache.payload(for: "token-1") == nil)
    for index in 2..<5 { #expect(cache.payload(for: "token-\(index)") == payload) }
    cache.insert("token-4", payload: ["sub": "again"])  // an update does not evict
    #expect(cache.count == 3)
    #expect(cache.payload(for: "token-2") == payload)
    #expect(cache.payload(for: "token-") == nil)
    #expect(cache.payload(for: "token-44") == nil)
    cache.insert(String(repeating: "x", count: VerifiedTokenCache.maximumTokenByteCount + 1), payload: payload)
    #expect(cache.count == 3)
  }

  /// The table key covers a token's length and last bytes only: a token that shares them with
  /// a remembered one (a forged header or payload in front of a real signature) lands in the
  /// same slot and is still told apart by the full comparison, at every position of a change.
  @Test func tokensThatShareTheKeyedTailAreToldApart() {
    let cache = VerifiedTokenCache(capacity: 4)
    let payload: JSONObject = ["sub": "user-1"]
    let tail = String(repeating: "s", count: VerifiedTokenCache.keyedByteCount)
    let token = String(repeating: "h", count: 300) + "." + tail
    cache.insert(token, payload: payload)
    var refused = 0
    let bytes = Array(token.utf8)
    for position in bytes.indices {
      var forged = bytes
      forged[position] = forged[position] == UInt8(ascii: "Z") ? UInt8(ascii: "Y") : UInt8(ascii: "Z")
      if cache.payload(for: String(decoding: forged, as: UTF8.self)) == nil { refused += 1 }
    }
    #expect(refused == bytes.count)
    #expect(cache.payload(for: token) == payload)
    // A token of the same tail and length replaces the other in its slot: one entry.
    let sibling = String(repeating: "g", count: 300) + "." + tail
    cache.insert(sibling, payload: ["sub": "user-2"])
    #expect(cache.count == 1)
    #expect(cache.payload(for: sibling) == ["sub": "user-2"])
    #expect(cache.payload(for: token) == nil)
  }
}
