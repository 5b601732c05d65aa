/// A bounded set of replay keys with expiry times, in fixed memory: an open-addressing hash
/// table (linear probing, at most half full, deletion by backward shift, so no tombstones)
/// for membership, and a binary min-heap ordered by expiry for eviction. Every operation is
/// O(log capacity); memory is about 40 bytes per entry of capacity, all allocated up front.
///
/// **When full it fails closed.** Only expired entries are ever dropped; when `capacity` live
/// entries are held, a new key is refused (`.full`) rather than forgetting a live one, which
/// would let that proof be replayed. Size the capacity for the peak rate of accepted proofs
/// times `maximumProofAge` (65,536 entries: 200 proofs/s for 300 s, with headroom).
///
/// The slot of a key is a keyed mix of it (`seed`), so that clients cannot choose identifiers
/// whose keys collide into long probe runs without knowing the seed. A value type: one owner
/// at a time (`DPoPReplayMemoryCache`, `DPoPSharedReplayCache` wrap it).
public struct DPoPReplayTable: Sendable {
  /// The default capacity: 65,536 live entries (about 2.5 MiB).
  public static let defaultCapacity = 65_536

  private struct HeapEntry {
    var expiresAt: Int64
    var key: DPoPReplayKey
  }

  /// The most live entries held.
  public let capacity: Int
  private var slots: [DPoPReplayKey]
  private let mask: Int
  private let seed: UInt64
  private var heap: [HeapEntry]

  /// A table for `capacity` live entries (at least 1); `seed` keys the slot mix (pass a random value where one is available).
  public init(capacity: Int = DPoPReplayTable.defaultCapacity, seed: UInt64 = 0) {
    let capacity = max(capacity, 1)
    var size = 2
    while size < capacity &* 2 { size &<<= 1 }
    self.capacity = capacity
    mask = size &- 1
    self.seed = seed
    slots = [DPoPReplayKey](repeating: DPoPReplayTable.freeSlot, count: size)
    heap = []
    heap.reserveCapacity(capacity)
  }

  /// The number of entries held (some may have expired since the last insertion).
  public var count: Int { heap.count }

  /// The earliest expiry held, if any.
  public var earliestExpiry: Int64? { heap.first?.expiresAt }

  /// Drops the entries that expired before `now`, then records `key` until `expiresAt` unless it
  /// is already held (`.replayed`) or the table is full of live entries (`.full`). A key whose
  /// `expiresAt` is before `now` is not recorded (`.inserted`: it could not be replayed anyway).
  public mutating func insertIfAbsent(_ key: DPoPReplayKey, expiresAt: Int64, now: Int64) -> DPoPReplayInsertion {
    removeExpired(before: now)
    if slot(of: key) != nil { return .replayed }
    if expiresAt < now { return .inserted }
    if heap.count >= capacity { return .full }
    var i = home(of: key)
    while !DPoPReplayTable.isFree(slots[i]) { i = (i &+ 1) & mask }
    slots[i] = key
    push(HeapEntry(expiresAt: expiresAt, key: key))
    return .inserted
  }

  /// Whether `key` is held (expired entries count until the next insertion drops them).
  public func contains(_ key: DPoPReplayKey) -> Bool { slot(of: key) != nil }

  /// Drops every entry with `expiresAt < now`.
  public mutating func removeExpired(before now: Int64) {
    while let first = heap.first, first.expiresAt < now {
      popMinimum()
      if let i = slot(of: first.key) { remove(at: i) }
    }
  }

  // MARK: - Hash table

  /// The all-zero key marks a free slot; `DPoPReplayKey` never is all zero.
  private static let freeSlot = DPoPReplayKey(freeSlotMarker: ())

  private static func isFree(_ key: DPoPReplayKey) -> Bool { key.high == 0 && key.low == 0 }

  /// The preferred slot: a keyed SplitMix64 finaliser of the key (a bijection, so the seed
  /// decides which keys share low bits).
  private func home(of key: DPoPReplayKey) -> Int {
    var z = key.high ^ seed ^ (key.low &* 0x9E37_79B9_7F4A_7C15)
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Int(truncatingIfNeeded: z) & mask
  }

  private func slot(of key: DPoPReplayKey) -> Int? {
    var i = home(of: key)
    while true {
      let held = slots[i]
      if DPoPReplayTable.isFree(held) { return nil }
      if held == key { return i }
      i = (i &+ 1) & mask
    }
  }

  /// Frees slot `hole` and moves later entries of its probe run back so that every entry stays
  /// reachable from its home slot without tombstones.
  private mutating func remove(at index: Int) {
    var hole = index
    var j = index
    while true {
      j = (j &+ 1) & mask
      let entry = slots[j]
      if DPoPReplayTable.isFree(entry) { break }
      let home = home(of: entry)
      // The entry may fill the hole unless its home lies cyclically in (hole, j].
      let staysPut = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j)
      if !staysPut {
        slots[hole] = entry
        hole = j
      }
    }
    slots[hole] = DPoPReplayTable.freeSlot
  }

  // MARK: - Min-heap by expiry

  private mutating func push(_ entry: HeapEntry) {
    heap.append(entry)
    var child = heap.count &- 1
    while child > 0 {
      let parent = (child &- 1) / 2
      guard heap[child].expiresAt < heap[parent].expiresAt else { break }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  private mutating func popMinimum() {
    let last = heap.removeLast()
    guard !heap.isEmpty else { return }
    heap[0] = last
    var parent = 0
    let n = heap.count
    while true {
      let left = 2 &* parent &+ 1
      guard left < n else { break }
      let right = left &+ 1
      let smaller = right < n && heap[right].expiresAt < heap[left].expiresAt ? right : left
      guard heap[smaller].expiresAt < heap[parent].expiresAt else { break }
      heap.swapAt(smaller, parent)
      parent = smaller
    }
  }
}
