import MonoCloudBackend
import MonoCloudMockProvider
import Synchronization
import Testing
import Vapor

@testable import MonoCloudVapor

/// A clock the test moves: the memo's answers end with the second they were given in.
private final class SteppedClock: Sendable {
  private let milliseconds: Mutex<Int64>

  init() {
    // The current second's start, so that the tokens' real-time claims hold.
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    milliseconds = Mutex(Int64(time.tv_sec) * 1000)
  }

  var clock: MonoCloudClock { MonoCloudClock { self.milliseconds.withLock { $0 } } }

  func advance(milliseconds step: Int64) { milliseconds.withLock { $0 += step } }
}

@Suite("Each thread's last accepted header")
struct LastAcceptedHeaderTests {
  @Test("answers again only for the same rule, exact header, client and second; refusals are not kept")
  func memoBoundaries() async throws {
    let time = SteppedClock()
    try await withProtectedApp(configure: { $0.clock = time.clock }) { app, provider in
      let orders = TokenAuthorizer(
        rule: AccessRule(scopes: ["read:orders"], groups: [], matchAll: nil), maxAuthorizationHeaderBytes: 8192,
        tokenResolver: nil, certificateResolver: nil)
      let staff = TokenAuthorizer(
        rule: AccessRule(scopes: [], groups: ["admin"], matchAll: nil), maxAuthorizationHeaderBytes: 8192,
        tokenResolver: nil, certificateResolver: nil)
      let token = try provider.jwt(provider.claims(groups: ["ops"]))
      let other = try provider.jwt(provider.claims(groups: ["admin"]), algorithm: .es256)
      let request = { (header: String) in
        Request(application: app, headers: ["Authorization": header], on: app.eventLoopGroup.next())
      }
      let header = "Bearer \(token)"
      let client = try #require(app.monocloud.client)
      let kept = { (header: String, authorizer: TokenAuthorizer) in
        LastAcceptedHeader.principal(for: header, rule: authorizer.identity, client: client)
      }
      // The keys are fetched once; the next answer from the caches is kept for this thread.
      #expect(Decision(await orders.authorize(request(header))).status == 200)
      let first = try #require(orders.authorizeFromCache(request(header)))
      #expect(Decision(first).status == 200)
      let principal = try #require(kept(header, orders))
      #expect(Decision(.success(principal)) == Decision(first))
      #expect(orders.authorizeFromCache(request(header)).map(Decision.init) == Decision(first))

      // Another rule on the same thread gives its own answer; its refusal is not kept.
      #expect(kept(header, staff) == nil)
      #expect(staff.authorizeFromCache(request(header)).map(Decision.init)?.status == 403)
      #expect(kept(header, orders) != nil)

      // Only the exact header: another letter case of the scheme, one byte more or less.
      for near in ["bearer \(token)", header + "A", String(header.dropLast())] { #expect(kept(near, orders) == nil) }

      // Only the same client: another one, even with the same options, has no memo.
      var twinOptions = clientOptions(for: provider)
      twinOptions.clock = time.clock
      let twin = try MonoCloudBackendClient(options: twinOptions, environment: [:])
      #expect(LastAcceptedHeader.principal(for: header, rule: orders.identity, client: twin) == nil)

      // Only the same second: the answer made in it ends with it, and is made anew.
      time.advance(milliseconds: 999)
      #expect(kept(header, orders) != nil)
      time.advance(milliseconds: 1)
      #expect(kept(header, orders) == nil)
      #expect(orders.authorizeFromCache(request(header)).map(Decision.init)?.status == 200)
      #expect(kept(header, orders) != nil)

      // Another accepted token (its key is in the cached set) replaces it.
      #expect(orders.authorizeFromCache(request("Bearer \(other)")).map(Decision.init)?.status == 200)
      #expect(kept("Bearer \(other)", orders) != nil)
      #expect(kept(header, orders) == nil)
    }
  }
}
