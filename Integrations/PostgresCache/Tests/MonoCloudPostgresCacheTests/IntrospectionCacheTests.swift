import MonoCloudBackend
import MonoCloudPostgresCache
import PostgresNIO
import Testing

extension PostgresSuites {
  @Suite struct IntrospectionCacheTests {
    @Test func hitMissAndExpiry() async throws {
      try await PostgresTestServer.withClient { client in
        let time = SteppingClock()
        let cache = try PostgresIntrospectionCache(
          client: client, tableName: PostgresTestServer.uniqueTable("hit"), clock: time.clock)
        try await cache.migrate()
        #expect(await cache.get("k1") == nil)
        await cache.set("k1", value: #"{"active":true}"#, expiresAt: time.now + 10)
        #expect(await cache.get("k1") == #"{"active":true}"#)
        #expect(await cache.get("k2") == nil)
        time.advance(9)
        #expect(await cache.get("k1") == #"{"active":true}"#)
        time.advance(1)
        #expect(await cache.get("k1") == nil, "a row is not served at or after its expiry")
        await cache.set("k2", value: "v2", expiresAt: time.now + 100)
        await cache.delete("k2")
        #expect(await cache.get("k2") == nil)
      }
    }

    @Test func upsertIsIdempotentAndSweepDeletesExpiredRows() async throws {
      try await PostgresTestServer.withClient { client in
        let time = SteppingClock()
        let table = PostgresTestServer.uniqueTable("sweep")
        let cache = try PostgresIntrospectionCache(
          client: client, tableName: table, sweepInterval: 0, clock: time.clock)
        try await cache.migrate()
        try await cache.migrate()  // a second migration is a no-op
        await cache.set("a", value: "1", expiresAt: time.now + 5)
        await cache.set("a", value: "2", expiresAt: time.now + 50)
        await cache.set("b", value: "3", expiresAt: time.now + 5)
        #expect(await cache.get("a") == "2")
        #expect(try await rowCount(client, table) == 2)
        time.advance(10)
        #expect(try await cache.sweep() == 1)
        #expect(try await rowCount(client, table) == 1)
        #expect(await cache.get("a") == "2")
      }
    }

    @Test func opportunisticSweepRunsOncePerInterval() async throws {
      try await PostgresTestServer.withClient { client in
        let time = SteppingClock()
        let table = PostgresTestServer.uniqueTable("opportunistic")
        let cache = try PostgresIntrospectionCache(
          client: client, tableName: table, sweepInterval: 60, clock: time.clock)
        try await cache.migrate()
        await cache.set("old", value: "x", expiresAt: time.now + 1)  // first write sweeps (nothing yet)
        time.advance(30)
        await cache.set("new", value: "y", expiresAt: time.now + 600)  // not due: "old" stays
        #expect(try await rowCount(client, table) == 2)
        time.advance(30)
        await cache.set("newer", value: "z", expiresAt: time.now + 600)  // due: "old" goes
        #expect(try await rowCount(client, table) == 2)
        #expect(await cache.get("old") == nil)
      }
    }

    @Test func concurrentWritersLeaveOneRowPerKey() async throws {
      try await PostgresTestServer.withClients(count: 4, maximumConnections: 8) { clients in
        let table = PostgresTestServer.uniqueTable("writers")
        let caches = try clients.map { try PostgresIntrospectionCache(client: $0, tableName: table) }
        try await caches[0].migrate()
        let expiry = MonoCloudClock.system.unixTimeSeconds + 600
        await withTaskGroup(of: Void.self) { group in
          for writer in 0..<200 {
            group.addTask {
              await caches[writer % caches.count].set("key-\(writer % 10)", value: "w\(writer)", expiresAt: expiry)
            }
          }
        }
        #expect(try await rowCount(clients[0], table) == 10)
        for key in 0..<10 {
          let value = try #require(await caches[1].get("key-\(key)"))
          #expect(
            value.hasPrefix("w") && Int(value.dropFirst()).map { $0 % 10 == key } == true,
            "the value of one of the writers")
        }
      }
    }

    @Test func invalidTableNamesAreRefused() async throws {
      try await PostgresTestServer.withClient { client in
        for name in ["", "Upper", "x; DROP TABLE y", "9lives", String(repeating: "a", count: 64)] {
          #expect(throws: PostgresCacheError.invalidTableName) {
            try PostgresIntrospectionCache(client: client, tableName: name)
          }
          #expect(throws: PostgresCacheError.invalidTableName) {
            try PostgresReplayStore(client: client, tableName: name)
          }
        }
      }
    }

    @Test func twoBackendClientsShareOneIntrospection() async throws {
      try await PostgresTestServer.withClients(count: 2) { clients in
        let table = PostgresTestServer.uniqueTable("shared")
        let tenant = CountingTenant()
        let token = "opaque-token-\(UInt64.random(in: 0...UInt64.max))"
        let backends = try clients.map { client in
          let cache = try PostgresIntrospectionCache(client: client, tableName: table)
          return try MonoCloudBackendClient(options: tenant.options(cache: cache), environment: [:])
        }
        try await PostgresIntrospectionCache(client: clients[0], tableName: table).migrate()
        let first = try await backends[0].introspectAccessToken(token)
        let second = try await backends[1].introspectAccessToken(token)
        #expect(first.subject == "user-1" && second.subject == "user-1")
        #expect(tenant.introspections == 1, "the second instance found the first one's answer")
        let keys = try await allKeys(clients[0], table)
        #expect(keys == [MonoCloudBackendClient.cacheKey(for: token)], "rows are keyed by the hashed token")
        #expect(!keys.contains(token))
      }
    }
  }
}

func rowCount(_ client: PostgresClient, _ table: String) async throws -> Int {
  let rows = try await client.query("SELECT count(*) FROM \(unescaped: table)")
  for try await count in rows.decode(Int.self) { return count }
  return -1
}

func allKeys(_ client: PostgresClient, _ table: String) async throws -> [String] {
  var keys: [String] = []
  for try await key in try await client.query("SELECT key FROM \(unescaped: table)").decode(String.self) {
    keys.append(key)
  }
  return keys
}
