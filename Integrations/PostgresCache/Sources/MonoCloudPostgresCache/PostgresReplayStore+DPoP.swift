import MonoCloudBackend

/// The client's DPoP replay protocol, so that a fleet shares one table:
/// `options.dpop.replayStore = store`. The key is stored as `DPoPReplayKey.text` (22
/// characters, a hash of the proof's key thumbprint, target and `jti`). Expiry is judged by the
/// store's own clock, so that every instance agrees on it; `now` is not used. A failure to reach
/// PostgreSQL is thrown, and the client refuses the proof (fail closed).
extension PostgresReplayStore: DPoPReplayStore {
  public func insertIfAbsent(_ key: DPoPReplayKey, expiresAt: Int64, now: Int64) async throws -> DPoPReplayInsertion {
    try await insertIfAbsent(key.text, expiresAt: expiresAt) ? .inserted : .replayed
  }
}
