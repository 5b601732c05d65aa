import MonoCloudBackend
import MonoCloudPostgresCache
import PostgresNIO
import Synchronization
import Testing

extension PostgresSuites {
  @Suite struct ReplayStoreTests {
    @Test func firstUseWinsReplayLosesExpiredRowIsTakenOver() async throws {
      try await PostgresTestServer.withClient { client in
        let time = SteppingClock()
        let store = try PostgresReplayStore(
          client: client, tableName: PostgresTestServer.uniqueTable("replay"), clock: time.clock)
        try await store.migrate()
        #expect(try await store.insertIfAbsent("jti-1", expiresAt: time.now + 60))
        #expect(try await store.insertIfAbsent("jti-1", expiresAt: time.now + 60) == false)
        #expect(try await store.insertIfAbsent("jti-2", expiresAt: time.now + 60))
        time.advance(59)
        #expect(
          try await store.insertIfAbsent("jti-1", expiresAt: time.now + 60) == false,
          "still live one second before expiry")
        time.advance(1)
        #expect(try await store.insertIfAbsent("jti-1", expiresAt: time.now + 60), "an expired record no longer blocks")
        #expect(try await store.insertIfAbsent("jti-1", expiresAt: time.now + 60) == false)
        time.advance(600)
        #expect(try await store.sweep() == 2)
      }
    }

    @Test func theClientsReplayProtocolSharesOneTable() async throws {
      try await PostgresTestServer.withClient { client in
        let time = SteppingClock()
        let table = PostgresTestServer.uniqueTable("replay")
        let first = try PostgresReplayStore(client: client, tableName: table, clock: time.clock)
        try await first.migrate()
        let second = try PostgresReplayStore(client: client, tableName: table, clock: time.clock)
        let stores: [any DPoPReplayStore] = [first, second]
        let key = DPoPReplayKey(high: 0x0123_4567_89AB_CDEF, low: 42)
        #expect(try await stores[0].insertIfAbsent(key, expiresAt: time.now + 60, now: time.now) == .inserted)
        #expect(try await stores[1].insertIfAbsent(key, expiresAt: time.now + 60, now: time.now) == .replayed)
        let other = DPoPReplayKey(high: 0x0123_4567_89AB_CDEF, low: 43)
        #expect(try await stores[1].insertIfAbsent(other, expiresAt: time.now + 60, now: time.now) == .inserted)
      }
    }

    /// 100 "instances" (10 clients with up to 10 connections each, 100 tasks) submit one proof at once.
    @Test func exactlyOneOfAHundredConcurrentInstancesAcceptsAProof() async throws {
      try await PostgresTestServer.withClients(count: 10, maximumConnections: 10) { clients in
        let table = PostgresTestServer.uniqueTable("race")
        let stores = try clients.map { try PostgresReplayStore(client: $0, tableName: table, timeout: .seconds(20)) }
        try await stores[0].migrate()
        let expiry = MonoCloudClock.system.unixTimeSeconds + 300
        for round in 0..<3 {
          let jti = "proof-\(round)-\(UInt64.random(in: 0...UInt64.max))"
          let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for instance in 0..<100 {
              group.addTask { try await stores[instance % stores.count].insertIfAbsent(jti, expiresAt: expiry) }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
          }
          #expect(outcomes.count == 100)
          #expect(outcomes.filter { $0 }.count == 1, "round \(round): exactly one instance accepts the proof")
        }
        #expect(try await rowCount(clients[0], table) == 3)
      }
    }
  }
}
