import MonoCloudJOSE

/// Where the resource server remembers the DPoP proofs it accepted, until they are too old to
/// be replayed. `insertIfAbsent` must be atomic across every instance sharing the store: of any
/// number of concurrent calls with one key exactly one may answer `.inserted`. Keys are 16
/// bytes (`DPoPReplayKey.text`: 22 base64url characters for a text column). A store that
/// throws makes the request fail closed (503 with `Retry-After`): an unrecorded proof could
/// otherwise be replayed.
public protocol DPoPReplayStore: Sendable {
  /// Records `key` until `expiresAt` (Unix seconds) unless it is recorded and unexpired;
  /// entries that expired before `now` may be dropped.
  func insertIfAbsent(_ key: DPoPReplayKey, expiresAt: Int64, now: Int64) async throws -> DPoPReplayInsertion
}

/// A replay store that answers without suspending (in memory), which lets
/// `validateAccessTokenFromCache(_:dpop:…)` check proofs synchronously.
public protocol DPoPSynchronousReplayStore: DPoPReplayStore {
  /// `insertIfAbsent`, answered at once.
  func insertIfAbsentSynchronously(_ key: DPoPReplayKey, expiresAt: Int64, now: Int64) -> DPoPReplayInsertion
}

/// The default store: a bounded, expiry-ordered `DPoPReplayTable` (fixed memory) behind a
/// lock. When full of live entries it refuses new proofs (fails closed) rather than forget one.
public final class InMemoryDPoPReplayStore: DPoPSynchronousReplayStore {
  private let table: Locked<DPoPReplayTable>

  /// At most `capacity` live entries; `seed` keys the slot mix (vary it per process).
  public init(capacity: Int = DPoPReplayTable.defaultCapacity, seed: UInt64 = 0x243F_6A88_85A3_08D3) {
    table = Locked(DPoPReplayTable(capacity: capacity, seed: seed))
  }

  /// The number of entries held.
  public var count: Int { table.withLock { $0.count } }

  public func insertIfAbsent(_ key: DPoPReplayKey, expiresAt: Int64, now: Int64) -> DPoPReplayInsertion {
    table.withLock { $0.insertIfAbsent(key, expiresAt: expiresAt, now: now) }
  }

  public func insertIfAbsentSynchronously(_ key: DPoPReplayKey, expiresAt: Int64, now: Int64) -> DPoPReplayInsertion {
    insertIfAbsent(key, expiresAt: expiresAt, now: now)
  }
}

/// The imported keys of recent proof headers, shared by a client's requests (a client sends
/// the same header with every proof, so its key is imported once).
final class LockedDPoPKeyCache: DPoPKeyCache, Sendable {
  private let table = Locked(DPoPKeyTable())

  func preparedKey(forHeader header: UnsafeRawBufferPointer) -> DPoPPreparedKey? {
    table.withLock { $0.preparedKey(forHeader: header) }
  }

  func remember(_ key: DPoPPreparedKey, forHeader header: UnsafeRawBufferPointer) {
    table.withLock { $0.remember(key, forHeader: header) }
  }
}
