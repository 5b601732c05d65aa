import MonoCloudBackend
import MonoCloudPostgresCache
import PostgresNIO
import Testing

extension PostgresSuites {
  /// Stops the shared server mid-run and starts it again (through the script's helper).
  @Suite struct OutageTests {
    @Test func cacheMissesAndReplayRefusesWhileDownThenBothRecover() async throws {
      try await PostgresTestServer.withClients(count: 2, maximumConnections: 4) { clients in
        let cacheTable = PostgresTestServer.uniqueTable("outage_cache")
        let replayTable = PostgresTestServer.uniqueTable("outage_replay")
        let failures = Recorder<PostgresCacheFailure>()
        let cache = try PostgresIntrospectionCache(
          client: clients[0], tableName: cacheTable, timeout: .milliseconds(800), onFailure: { failures.append($0) })
        let store = try PostgresReplayStore(client: clients[0], tableName: replayTable, timeout: .milliseconds(800))
        try await cache.migrate(unlogged: false)
        try await store.migrate()
        let tenant = CountingTenant()
        let backend = try MonoCloudBackendClient(options: tenant.options(cache: cache), environment: [:])
        let expiry = MonoCloudClock.system.unixTimeSeconds + 600
        await cache.set("before", value: "kept", expiresAt: expiry)
        #expect(try await store.insertIfAbsent("jti-before", expiresAt: expiry))
        _ = try await backend.introspectAccessToken("token-before")
        #expect(tenant.introspections == 1)

        try PostgresTestServer.control("stop")
        #expect(await cache.get("before") == nil, "an unreachable cache is a miss")
        await cache.set("during", value: "lost", expiresAt: expiry)
        await cache.delete("before")
        await #expect(throws: PostgresCacheError.self) {
          try await store.insertIfAbsent("jti-during", expiresAt: expiry)
        }
        await #expect(throws: PostgresCacheError.self) {
          try await store.insertIfAbsent("jti-before", expiresAt: expiry)
        }
        // Validation goes on: the client introspects at the tenant instead.
        let claims = try await backend.introspectAccessToken("token-before")
        #expect(claims.subject == "user-1")
        #expect(tenant.introspections == 2)
        let operations = Set(failures.all.map(\.operation))
        #expect(operations.isSuperset(of: ["get", "set", "delete"]), "failures reported: \(operations)")

        try PostgresTestServer.control("start")
        var recovered = false
        for _ in 0..<60 where !recovered {
          if (try? await store.insertIfAbsent("jti-after", expiresAt: expiry)) == true {
            recovered = true
          } else {
            try await Task.sleep(for: .milliseconds(500))
          }
        }
        #expect(recovered, "the replay store answers again once the server is back")
        #expect(
          try await store.insertIfAbsent("jti-before", expiresAt: expiry) == false,
          "records from before the outage survive")
        #expect(await cache.get("before") == "kept", "the delete during the outage was skipped")
        _ = try await backend.introspectAccessToken("token-after")
        _ = try await backend.introspectAccessToken("token-after")
        #expect(tenant.introspections == 3, "the cache serves hits again")
        // A second instance that never saw the outage reads what the first wrote since.
        let other = try PostgresIntrospectionCache(client: clients[1], tableName: cacheTable)
        #expect(await other.get(MonoCloudBackendClient.cacheKey(for: "token-after")) != nil)
      }
    }
  }
}
