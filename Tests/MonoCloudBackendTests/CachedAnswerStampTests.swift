import MonoCloudJOSE
import Testing

@testable import MonoCloudBackend

/// A stamped cached answer stands exactly while the core would give it again: the same fetched
/// key set, still fresh, and the same clock second. Refusals are never stamped.
@Suite struct CachedAnswerStampTests {
  @Test func anAcceptedJWTIsStampedForItsSecondOnly() async throws {
    let harness = Harness()
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims())
    let claims = try await client.validateAccessToken(token, scopes: ["read"])
    var stamp: CachedAnswerStamp?
    let answer = client.validateAccessTokenFromCache(token, scopes: ["read"], stamp: &stamp)
    #expect(answer.map { try? $0.get() } == .some(claims))
    let current = try #require(stamp)
    #expect(client.isCurrent(current))
    harness.clock.advance(seconds: 1)
    #expect(!client.isCurrent(current))
    // The next second's answer has its own stamp.
    _ = client.validateAccessTokenFromCache(token, scopes: ["read"], stamp: &stamp)
    #expect(stamp.map(client.isCurrent) == true)
  }

  @Test func refusalsAreNeverStamped() async throws {
    let harness = Harness {
      $0.policy.clockSkew = .zero
      $0.policy.clockTolerance = .zero
    }
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims(lifetime: 60))
    _ = try await client.validateAccessToken(token)
    var stamp: CachedAnswerStamp?
    _ = client.validateAccessTokenFromCache(token, stamp: &stamp)
    #expect(stamp != nil)
    // A missing scope, then an expired token: each answer clears the stamp it was given.
    let unscoped = client.validateAccessTokenFromCache(token, scopes: ["admin"], stamp: &stamp)
    #expect(unscoped.map { (try? $0.get()) == nil } == true)
    #expect(stamp == nil)
    _ = client.validateAccessTokenFromCache(token, stamp: &stamp)
    #expect(stamp != nil)
    harness.clock.advance(seconds: 61)
    let expired = client.validateAccessTokenFromCache(token, stamp: &stamp)
    #expect(expired.map { (try? $0.get()) == nil } == true)
    #expect(stamp == nil)
  }

  @Test func aNewKeySetRetiresTheStampWithinTheSameSecond() async throws {
    let harness = Harness()
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims())
    _ = try await client.validateAccessToken(token)
    var stamp: CachedAnswerStamp?
    _ = client.validateAccessTokenFromCache(token, stamp: &stamp)
    let old = try #require(stamp)
    #expect(client.isCurrent(old))
    // The tenant adds k2; a token signed by it makes the client refetch the set, at once.
    harness.tenant.state.withLock { $0.keys["k2"] = TestKeys.jwk(TestKeys.rsa2, kid: "k2") }
    _ = try await client.validateAccessToken(harness.tenant.mint(kid: "k2", claims: harness.claims()))
    #expect(harness.tenant.jwksCount == 2)
    #expect(!client.isCurrent(old))
  }
}
