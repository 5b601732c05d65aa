import MonoCloudBackend
import PostgresNIO
import Synchronization

/// An introspection cache shared by every instance that points at one PostgreSQL database,
/// so that a fleet introspects each opaque token once rather than once per instance.
///
/// Rows hold the client's cache key (base64url SHA-256 of the token, never the token), the
/// introspection response as JSON text and its expiry in Unix seconds. Reads ignore expired
/// rows; writes are idempotent upserts; expired rows are deleted by `sweep()`, which `set`
/// also runs opportunistically at most once per `sweepInterval` seconds. Create the table once
/// with `migrate()` (see `PostgresCacheSchema.introspectionTable`).
///
/// Failure policy: the cache never blocks validation. When PostgreSQL is unreachable, refuses,
/// or does not answer within `timeout`, `get` answers "miss" (so the client introspects at the
/// tenant), `set`, `delete` and sweeps are skipped, and the failure goes to `onFailure` (the
/// client's `onEvent` then reports the miss as usual).
///
/// The `PostgresClient` must be running (`client.run()` in a task, or the client added to a
/// ServiceLifecycle `ServiceGroup`).
public final class PostgresIntrospectionCache: IntrospectionCache {
  public let tableName: String
  /// The longest any one statement may take, connection wait included.
  public let timeout: Duration
  /// Seconds between two opportunistic sweeps (0 disables them).
  public let sweepInterval: Int64
  private let client: PostgresClient
  private let clock: MonoCloudClock
  private let onFailure: (@Sendable (PostgresCacheFailure) -> Void)?
  private let nextSweep = Mutex<Int64>(0)

  /// A cache in `tableName` of the database `client` reaches. Throws `.invalidTableName` unless
  /// the name is a plain lowercase SQL identifier.
  public init(
    client: PostgresClient, tableName: String = PostgresCacheSchema.defaultIntrospectionTable,
    timeout: Duration = .milliseconds(500), sweepInterval: Int64 = 60, clock: MonoCloudClock = .system,
    onFailure: (@Sendable (PostgresCacheFailure) -> Void)? = nil
  ) throws(PostgresCacheError) {
    self.tableName = try validatedTableName(tableName)
    self.client = client
    self.timeout = timeout
    self.sweepInterval = max(0, sweepInterval)
    self.clock = clock
    self.onFailure = onFailure
  }

  /// Creates the table and its expiry index if they do not exist (`unlogged`: skip the
  /// write-ahead log; faster, emptied after a crash, not replicated, fine for a cache).
  public func migrate(unlogged: Bool = true) async throws(PostgresCacheError) {
    let client = self.client
    for statement in PostgresCacheSchema.introspectionTable(tableName, unlogged: unlogged) {
      try await withPostgresDeadline(.seconds(30), operation: "introspection.migrate") {
        try await client.query(PostgresQuery(unsafeSQL: statement))
      }
    }
  }

  public func get(_ key: String) async -> String? {
    let (client, table, now) = (self.client, tableName, clock.unixTimeSeconds)
    do {
      return try await withPostgresDeadline(timeout, operation: "introspection.get") {
        let rows = try await client.query(
          "SELECT value FROM \(unescaped: table) WHERE key = \(key) AND expires_at > \(now)")
        var found: String?
        for try await value in rows.decode(String.self) { found = value }  // read to the end: the key is unique
        return found
      }
    } catch {
      report("get", error)
      return nil
    }
  }

  public func set(_ key: String, value: String, expiresAt: Int64) async {
    let (client, table) = (self.client, tableName)
    do {
      try await withPostgresDeadline(timeout, operation: "introspection.set") {
        try await client.query(
          """
          INSERT INTO \(unescaped: table) (key, value, expires_at) VALUES (\(key), \(value), \(expiresAt))
          ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at
          """)
      }
    } catch {
      report("set", error)
      return
    }
    await sweepIfDue()
  }

  public func delete(_ key: String) async {
    let (client, table) = (self.client, tableName)
    do {
      try await withPostgresDeadline(timeout, operation: "introspection.delete") {
        try await client.query("DELETE FROM \(unescaped: table) WHERE key = \(key)")
      }
    } catch {
      report("delete", error)
    }
  }

  /// Deletes every expired row; returns how many. Throws when PostgreSQL fails.
  @discardableResult
  public func sweep() async throws(PostgresCacheError) -> Int {
    let (client, table, now) = (self.client, tableName, clock.unixTimeSeconds)
    return try await withPostgresDeadline(timeout, operation: "introspection.sweep") {
      let rows = try await client.query("DELETE FROM \(unescaped: table) WHERE expires_at <= \(now) RETURNING 1")
      var deleted = 0
      for try await _ in rows { deleted += 1 }
      return deleted
    }
  }

  /// One sweep per interval across this instance's writers: whoever passes the due time first runs it.
  private func sweepIfDue() async {
    guard sweepInterval > 0 else { return }
    let now = clock.unixTimeSeconds
    let due = nextSweep.withLock { next -> Bool in
      guard now >= next else { return false }
      next = now + sweepInterval
      return true
    }
    guard due else { return }
    do { try await sweep() } catch { report("sweep", error) }
  }

  private func report(_ operation: String, _ error: PostgresCacheError) {
    onFailure?(PostgresCacheFailure(operation: operation, error: error))
  }
}
