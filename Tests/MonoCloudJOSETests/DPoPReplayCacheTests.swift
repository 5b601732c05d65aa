import MonoCloudJOSE
import Testing

@Suite struct DPoPReplayCacheTests {
  static func key(_ n: UInt64) -> DPoPReplayKey { DPoPReplayKey(high: n &* 0x9E37_79B9_7F4A_7C15, low: n) }

  @Test func capacityIsABoundAndAFullTableFailsClosed() {
    var table = DPoPReplayTable(capacity: 4)
    for n in 0..<4 { #expect(table.insertIfAbsent(Self.key(UInt64(n)), expiresAt: 100, now: 0) == .inserted) }
    #expect(table.count == 4)
    // Full of live entries: refused, nothing forgotten.
    #expect(table.insertIfAbsent(Self.key(9), expiresAt: 100, now: 50) == .full)
    for n in 0..<4 { #expect(table.insertIfAbsent(Self.key(UInt64(n)), expiresAt: 100, now: 100) == .replayed) }
    // After expiry (expiresAt < now) the entries go and the new key fits.
    #expect(table.insertIfAbsent(Self.key(9), expiresAt: 200, now: 101) == .inserted)
    #expect(table.count == 1)
    #expect(table.capacity == 4)
  }

  @Test func entriesExpireInExpiryOrder() {
    var table = DPoPReplayTable(capacity: 8)
    let expiries: [Int64] = [50, 10, 30, 20, 40]
    for (n, expiry) in expiries.enumerated() {
      #expect(table.insertIfAbsent(Self.key(UInt64(n)), expiresAt: expiry, now: 0) == .inserted)
    }
    #expect(table.earliestExpiry == 10)
    table.removeExpired(before: 25)
    #expect(table.count == 3)
    #expect(table.earliestExpiry == 30)
    #expect(!table.contains(Self.key(1)) && !table.contains(Self.key(3)))
    #expect(table.contains(Self.key(0)) && table.contains(Self.key(2)) && table.contains(Self.key(4)))
    table.removeExpired(before: 45)
    #expect(table.count == 1)
    #expect(table.contains(Self.key(0)))
    // An entry is live up to and including its expiry second.
    #expect(table.insertIfAbsent(Self.key(0), expiresAt: 99, now: 50) == .replayed)
    #expect(table.insertIfAbsent(Self.key(0), expiresAt: 99, now: 51) == .inserted)
  }

  @Test func alreadyExpiredKeysAreNotRecorded() {
    var table = DPoPReplayTable(capacity: 2)
    #expect(table.insertIfAbsent(Self.key(1), expiresAt: 5, now: 10) == .inserted)
    #expect(table.count == 0)
  }

  @Test func zeroKeyIsNeverTheFreeMarker() {
    var table = DPoPReplayTable(capacity: 2)
    let zero = DPoPReplayKey(high: 0, low: 0)
    #expect(zero.low == 1)
    #expect(table.insertIfAbsent(zero, expiresAt: 10, now: 0) == .inserted)
    #expect(table.insertIfAbsent(zero, expiresAt: 10, now: 0) == .replayed)
    #expect(zero.bytes.count == 16)
    #expect(zero.text == "AAAAAAAAAAAAAAAAAAAAAQ")
  }

  /// Random inserts and expiries against a plain reference model: checks that probing and
  /// backward-shift deletion never lose or invent an entry (a small table, so runs collide).
  @Test(arguments: [UInt64(0), 0xDEAD_BEEF])
  func matchesAReferenceModel(seed: UInt64) {
    var table = DPoPReplayTable(capacity: 64, seed: seed)
    var model: [(key: UInt64, expiresAt: Int64)] = []
    var state: UInt64 = 0x1234_5678 ^ seed
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    var now: Int64 = 0
    var outcomes = [DPoPReplayInsertion.inserted: 0, .replayed: 0, .full: 0]
    for _ in 0..<20_000 {
      now += next() % 3 == 0 ? 1 : 0  // about three insertions a second
      let n = next() % 200  // a small key space, so replays are frequent
      let expiresAt = now + Int64(next() % 60)
      model.removeAll { $0.expiresAt < now }
      let expected: DPoPReplayInsertion
      if model.contains(where: { $0.key == n }) {
        expected = .replayed
      } else if expiresAt < now {
        expected = .inserted
      } else if model.count >= 64 {
        expected = .full
      } else {
        expected = .inserted
        model.append((n, expiresAt))
      }
      let actual = table.insertIfAbsent(Self.key(n), expiresAt: expiresAt, now: now)
      #expect(actual == expected)
      if actual != expected { return }
      outcomes[actual, default: 0] += 1
      #expect(table.count == model.count)
    }
    // The run exercised all three outcomes.
    #expect(outcomes[.inserted]! > 1000 && outcomes[.replayed]! > 1000 && outcomes[.full]! > 0)
  }

  @Test func memoryCacheKeepsItsState() {
    let cache = DPoPReplayMemoryCache(capacity: 2)
    #expect(cache.insertIfAbsent(Self.key(1), expiresAt: 10, now: 0) == .inserted)
    #expect(cache.insertIfAbsent(Self.key(1), expiresAt: 10, now: 0) == .replayed)
    #expect(cache.count == 1)
  }

  @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
  @Test func concurrentInsertsOfOneKeyHaveExactlyOneWinner() async {
    let cache = DPoPSharedReplayCache(capacity: 1024)
    for round in 0..<20 {
      let key = Self.key(UInt64(round))
      let wins = await withTaskGroup(of: Bool.self) { group in
        for _ in 0..<64 {
          group.addTask { cache.insertIfAbsent(key, expiresAt: 1000, now: 0) == .inserted }
        }
        var wins = 0
        for await won in group where won { wins += 1 }
        return wins
      }
      #expect(wins == 1, "round \(round)")
    }
    #expect(cache.count == 20)
  }

  @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
  @Test func concurrentDistinctKeysAreAllRecordedUpToTheCapacity() async {
    let cache = DPoPSharedReplayCache(capacity: 100, seed: 7)
    let outcomes = await withTaskGroup(of: DPoPReplayInsertion.self) { group in
      for n in 0..<150 {
        group.addTask { cache.insertIfAbsent(Self.key(UInt64(n)), expiresAt: 1000, now: 0) }
      }
      var outcomes: [DPoPReplayInsertion] = []
      for await outcome in group { outcomes.append(outcome) }
      return outcomes
    }
    #expect(outcomes.filter { $0 == .inserted }.count == 100)
    #expect(outcomes.filter { $0 == .full }.count == 50)
    #expect(cache.count == 100)
  }
}
