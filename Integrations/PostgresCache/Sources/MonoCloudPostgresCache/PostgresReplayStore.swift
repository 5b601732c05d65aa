import MonoCloudBackend
import PostgresNIO

/// Remembers DPoP proof identifiers (`jti`, or better the hashed key
/// `DPoPReplayKey.text`) across a fleet, so that a proof accepted by one instance is refused
/// as a replay by every other one.
///
/// `insertIfAbsent` is one atomic statement: an insert that, on conflict, takes over the row
/// only if it has expired. Of any number of concurrent calls with one key, on any number of
/// instances, exactly one returns `true`.
///
/// Failure policy: fail closed. When PostgreSQL is unreachable, refuses, or does not answer
/// within `timeout`, `insertIfAbsent` throws `PostgresCacheError` and the caller must refuse
/// the proof (a store that cannot remember cannot tell a replay from a first use).
public final class PostgresReplayStore: Sendable {
  public let tableName: String
  /// The longest any one statement may take, connection wait included.
  public let timeout: Duration
  private let client: PostgresClient
  private let clock: MonoCloudClock

  /// A store in `tableName` of the database `client` reaches (which must be running).
  public init(
    client: PostgresClient, tableName: String = PostgresCacheSchema.defaultReplayTable,
    timeout: Duration = .milliseconds(500), clock: MonoCloudClock = .system
  ) throws(PostgresCacheError) {
    self.tableName = try validatedTableName(tableName)
    self.client = client
    self.timeout = timeout
    self.clock = clock
  }

  /// Creates the table and its expiry index if they do not exist.
  public func migrate(unlogged: Bool = false) async throws(PostgresCacheError) {
    let client = self.client
    for statement in PostgresCacheSchema.replayTable(tableName, unlogged: unlogged) {
      try await withPostgresDeadline(.seconds(30), operation: "replay.migrate") {
        try await client.query(PostgresQuery(unsafeSQL: statement))
      }
    }
  }

  /// Records `key` until `expiresAt` (Unix seconds). True if this call is its first use (or
  /// the earlier record had expired); false if it is a replay. Throws when PostgreSQL fails:
  /// refuse the proof then.
  public func insertIfAbsent(_ key: String, expiresAt: Int64) async throws(PostgresCacheError) -> Bool {
    let (client, table, now) = (self.client, tableName, clock.unixTimeSeconds)
    return try await withPostgresDeadline(timeout, operation: "replay.insert") {
      // RETURNING yields a row only for an insert or for the takeover of an expired row.
      let rows = try await client.query(
        """
        INSERT INTO \(unescaped: table) AS existing (key, expires_at) VALUES (\(key), \(expiresAt))
        ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE existing.expires_at <= \(now)
        RETURNING 1
        """)
      var accepted = false
      for try await _ in rows { accepted = true }
      return accepted
    }
  }

  /// Deletes every expired row; returns how many.
  @discardableResult
  public func sweep() async throws(PostgresCacheError) -> Int {
    let (client, table, now) = (self.client, tableName, clock.unixTimeSeconds)
    return try await withPostgresDeadline(timeout, operation: "replay.sweep") {
      let rows = try await client.query("DELETE FROM \(unescaped: table) WHERE expires_at <= \(now) RETURNING 1")
      var deleted = 0
      for try await _ in rows { deleted += 1 }
      return deleted
    }
  }
}
