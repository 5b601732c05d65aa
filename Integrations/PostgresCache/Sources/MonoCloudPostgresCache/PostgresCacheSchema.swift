/// The SQL the stores run in `migrate()`, for review or for running by hand. Table names are
/// plain lowercase identifiers, checked before use.
public enum PostgresCacheSchema {
  public static let defaultIntrospectionTable = "monocloud_introspection_cache"
  public static let defaultReplayTable = "monocloud_dpop_replay"

  /// The introspection cache: one row per hashed token, deleted by the sweep after `expires_at` (Unix seconds).
  public static func introspectionTable(_ name: String, unlogged: Bool) -> [String] {
    [
      """
      CREATE \(unlogged ? "UNLOGGED " : "")TABLE IF NOT EXISTS \(name) (
        key text PRIMARY KEY, value text NOT NULL, expires_at bigint NOT NULL)
      """,
      "CREATE INDEX IF NOT EXISTS \(name)_expires_at ON \(name) (expires_at)",
    ]
  }

  /// The replay store: one row per proof key while a replay of that proof could still be accepted.
  public static func replayTable(_ name: String, unlogged: Bool) -> [String] {
    [
      """
      CREATE \(unlogged ? "UNLOGGED " : "")TABLE IF NOT EXISTS \(name) (
        key text PRIMARY KEY, expires_at bigint NOT NULL)
      """,
      "CREATE INDEX IF NOT EXISTS \(name)_expires_at ON \(name) (expires_at)",
    ]
  }
}
