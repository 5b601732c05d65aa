// Native builds only: Embedded Swift has no `Mutex` (and WebAssembly builds have no threads;
// they use `DPoPReplayMemoryCache` and `DPoPKeyMemoryCache`).
#if !hasFeature(Embedded) && canImport(Synchronization)
  import MonoCloudCrypto
  import Synchronization

  /// The bounded in-memory replay cache for a server process: a `DPoPReplayTable` behind a
  /// mutex, safe to share between threads and tasks. `insertIfAbsent` is atomic, so of any
  /// number of concurrent requests replaying one proof exactly one gets `.inserted`.
  ///
  /// It fails closed when full (see `DPoPReplayTable`). For several server instances, use a
  /// shared store (a database) instead, so that a proof cannot be replayed at another instance.
  @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
  public final class DPoPSharedReplayCache: DPoPReplayCache, Sendable {
    private let table: Mutex<DPoPReplayTable>

    /// A cache of at most `capacity` live entries. The slot mix is keyed with `seed`, or with a
    /// random value from the system when `nil` (a fixed one if the system has none).
    public init(capacity: Int = DPoPReplayTable.defaultCapacity, seed: UInt64? = nil) {
      let key = seed ?? DPoPSharedReplayCache.randomSeed()
      table = Mutex(DPoPReplayTable(capacity: capacity, seed: key))
    }

    /// The number of entries held (expired ones are dropped on the next insertion).
    public var count: Int { table.withLock { $0.count } }

    public func insertIfAbsent(_ key: DPoPReplayKey, expiresAt: Int64, now: Int64) -> DPoPReplayInsertion {
      table.withLock { $0.insertIfAbsent(key, expiresAt: expiresAt, now: now) }
    }

    private static func randomSeed() -> UInt64 {
      guard let bytes = try? RandomSource.system.bytes(8) else { return 0x6A09_E667_F3BC_C908 }
      return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
  }

  /// The key cache for a server process: a `DPoPKeyTable` behind a mutex, safe to share between
  /// threads and tasks (see `DPoPKeyCache`).
  @available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
  public final class DPoPSharedKeyCache: DPoPKeyCache, Sendable {
    private let table: Mutex<DPoPKeyTable>

    public init(capacity: Int = DPoPKeyTable.defaultCapacity) {
      table = Mutex(DPoPKeyTable(capacity: capacity))
    }

    public func preparedKey(forHeader header: UnsafeRawBufferPointer) -> DPoPPreparedKey? {
      table.withLock { $0.preparedKey(forHeader: header) }
    }

    public func remember(_ key: DPoPPreparedKey, forHeader header: UnsafeRawBufferPointer) {
      table.withLock { $0.remember(key, forHeader: header) }
    }
  }
#endif
