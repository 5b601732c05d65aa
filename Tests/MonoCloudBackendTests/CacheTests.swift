import MonoCloudBackend
import Testing

@Suite struct SingleFlightCacheTests {
  typealias Cache = SingleFlightCache<Int>

  func timing(ttl: Int64 = 300, grace: Int64 = 3600, cooldown: Int64 = 30, retry: Int64 = 30) -> Cache.Timing {
    Cache.Timing(timeToLive: ttl * 1000, grace: grace * 1000, cooldown: cooldown * 1000, retryInterval: retry * 1000)
  }

  @Test func thousandConcurrentCallersShareOneLoad() async {
    let loads = Counter()
    let clock = ManualClock()
    let cache = Cache(resource: .jwks, timing: timing(), clock: clock.clock, onEvent: nil) {
      loads.increment()
      try? await Task.sleep(for: .milliseconds(50))
      return .success(42)
    }
    let values = await withTaskGroup(of: Int?.self) { group in
      for _ in 0..<1000 { group.addTask { try? await cache.value().get() } }
      var values: [Int?] = []
      for await value in group { values.append(value) }
      return values
    }
    #expect(values.count == 1000)
    #expect(values.allSatisfy { $0 == 42 })
    #expect(loads.count == 1)
  }

  @Test func expiryTriggersOneReload() async throws {
    let loads = Counter()
    let clock = ManualClock()
    let cache = Cache(resource: .metadata, timing: timing(ttl: 10), clock: clock.clock, onEvent: nil) {
      loads.increment()
      return .success(loads.count)
    }
    #expect(try await cache.value().get() == 1)
    clock.advance(seconds: 9)
    #expect(cache.freshValue() == 1)
    #expect(try await cache.value().get() == 1)
    clock.advance(seconds: 1)
    #expect(cache.freshValue() == nil)
    #expect(try await cache.value().get() == 2)
    #expect(try await cache.value(forceRefresh: true).get() == 3)
    #expect(loads.count == 3)
  }

  @Test func failedRefreshServesStaleWithinGrace() async throws {
    let clock = ManualClock()
    let failing = ManualFlag()
    let loads = Counter()
    let events = Recorder<MonoCloudEvent>()
    let cache = Cache(
      resource: .jwks, timing: timing(ttl: 100, grace: 1000, retry: 30), clock: clock.clock,
      onEvent: { events.append($0) }
    ) {
      loads.increment()
      return failing.isSet ? .failure(.http(.network, "down")) : .success(7)
    }
    #expect(try await cache.value().get() == 7)
    failing.set()
    clock.advance(seconds: 100)
    #expect(try await cache.value().get() == 7)  // stale, within grace
    #expect(events.all.contains(.servingStale(.jwks)))
    #expect(loads.count == 2)
    // No new attempt before the retry interval.
    clock.advance(seconds: 29)
    #expect(try await cache.value().get() == 7)
    #expect(loads.count == 2)
    clock.advance(seconds: 1)
    #expect(try await cache.value().get() == 7)
    #expect(loads.count == 3)
    // Past expiry + grace the error surfaces.
    clock.advance(seconds: 1000)
    let result = await cache.value()
    guard case .failure(let error) = result else {
      Issue.record("stale value served past the grace period")
      return
    }
    #expect(error.kind == .http(.network))
  }

  @Test func failureWithoutCachedValueSurfaces() async {
    let cache = Cache(resource: .jwks, timing: timing(), clock: ManualClock().clock, onEvent: nil) {
      .failure(.http(.timeout, "slow"))
    }
    guard case .failure(let error) = await cache.value() else {
      Issue.record("no failure")
      return
    }
    #expect(error.kind == .http(.timeout))
  }

  @Test func unknownKeyRefreshIsLimitedByCooldown() async throws {
    let clock = ManualClock()
    let loads = Counter()
    let cache = Cache(resource: .jwks, timing: timing(ttl: 300, cooldown: 30), clock: clock.clock, onEvent: nil) {
      loads.increment()
      return .success(loads.count)
    }
    #expect(try await cache.value().get() == 1)
    #expect(try await cache.refreshForUnknownKey()?.get() == 2)
    #expect(await cache.refreshForUnknownKey() == nil)  // within cooldown
    clock.advance(seconds: 29)
    #expect(await cache.refreshForUnknownKey() == nil)
    clock.advance(seconds: 1)
    #expect(try await cache.refreshForUnknownKey()?.get() == 3)
    #expect(loads.count == 3)
    #expect(try await cache.value().get() == 3)  // the refreshed value is cached
  }

  @Test func staticValueNeverLoads() async throws {
    let clock = ManualClock()
    let cache = Cache(resource: .jwks, staticValue: 5, clock: clock.clock)
    clock.advance(seconds: 1_000_000)
    #expect(try await cache.value().get() == 5)
    #expect(try await cache.value(forceRefresh: true).get() == 5)
    #expect(await cache.refreshForUnknownKey() == nil)
  }
}

extension Result where Success: Equatable, Failure == MonoCloudError {
  static func == (a: Result, b: Result) -> Bool {
    switch (a, b) {
    case (.success(let x), .success(let y)): return x == y
    case (.failure(let x), .failure(let y)): return x == y
    default: return false
    }
  }
}

final class ManualFlag: Sendable {
  private let counter = Counter()
  func set() { counter.increment() }
  var isSet: Bool { counter.count > 0 }
}

@Suite struct InMemoryIntrospectionCacheTests {
  @Test func storesAndExpires() {
    let cache = InMemoryIntrospectionCache(capacity: 10)
    cache.store("k", value: "v", expiresAt: 100)
    #expect(cache.cachedValue(for: "k", now: 99) == "v")
    #expect(cache.cachedValue(for: "k", now: 100) == nil)
    #expect(cache.count == 0)
  }

  @Test func evictsLeastRecentlyUsed() {
    let cache = InMemoryIntrospectionCache(capacity: 3)
    for key in ["a", "b", "c"] { cache.store(key, value: key, expiresAt: 1000) }
    #expect(cache.cachedValue(for: "a", now: 0) == "a")  // a is now the newest
    cache.store("d", value: "d", expiresAt: 1000)  // evicts b
    #expect(cache.cachedValue(for: "b", now: 0) == nil)
    #expect(cache.cachedValue(for: "a", now: 0) == "a")
    #expect(cache.cachedValue(for: "c", now: 0) == "c")
    #expect(cache.cachedValue(for: "d", now: 0) == "d")
    #expect(cache.count == 3)
    cache.store("c", value: "c2", expiresAt: 1000)  // update in place
    #expect(cache.count == 3)
    #expect(cache.cachedValue(for: "c", now: 0) == "c2")
    cache.remove("a")
    #expect(cache.count == 2)
    for index in 0..<100 { cache.store("x\(index)", value: "", expiresAt: 1000) }
    #expect(cache.count == 3)
    #expect(cache.cachedValue(for: "x99", now: 0) == "")
  }

  @Test func asyncProtocolUsesTheClock() async {
    let clock = ManualClock(seconds: 50)
    let cache = InMemoryIntrospectionCache(capacity: 4, clock: clock.clock)
    await cache.set("k", value: "v", expiresAt: 60)
    #expect(await cache.get("k") == "v")
    clock.advance(seconds: 10)
    #expect(await cache.get("k") == nil)
    await cache.set("k", value: "v", expiresAt: 100)
    await cache.delete("k")
    #expect(await cache.get("k") == nil)
  }
}

@Suite struct ResponseTimeoutTests {
  @Test func valueBeforeDeadline() async {
    let outcome = await ResponseTimeout.run(timeout: .seconds(1)) { 3 }
    guard case .value(3) = outcome else {
      Issue.record("\(outcome)")
      return
    }
  }

  @Test func operationIgnoringCancellationStillTimesOut() async {
    let outcome = await ResponseTimeout.run(timeout: .milliseconds(100)) { () async -> Int in
      // Ignores cancellation and never returns: a plain task-group race would wait forever.
      await NeverAnswering.suspendForever()
    }
    guard case .timedOut = outcome else {
      Issue.record("\(outcome)")
      return
    }
    // Reaching this line with a timeout outcome is the proof: the operation never answers. No wall-clock
    // bound: under `swift test` CPU-heavy vector suites share the cooperative pool and delay every timer.
  }

  @Test func errorsPassThrough() async {
    struct Boom: Error {}
    let outcome = await ResponseTimeout.run(timeout: .seconds(1)) { () async throws -> Int in throw Boom() }
    guard case .failed(let error) = outcome else {
      Issue.record("\(outcome)")
      return
    }
    #expect(error is Boom)
  }
}
