import MonoCloudJOSE

/// Storage for introspection results, shared by the requests one client serves (or by many
/// processes, e.g. backed by Redis). Keys are the base64url SHA-256 of the token, never the
/// token; values are the introspection response as JSON text. `expiresAt` is Unix seconds:
/// an entry must not be returned after it.
public protocol IntrospectionCache: Sendable {
  func get(_ key: String) async -> String?
  func set(_ key: String, value: String, expiresAt: Int64) async
  func delete(_ key: String) async
}

/// The default introspection cache: in memory, least recently used entries evicted beyond
/// `capacity`. Lookups are synchronous under a short lock, so the client can serve hits
/// without suspending (`cachedValue(for:now:)`).
public final class InMemoryIntrospectionCache: IntrospectionCache {
  private struct Node {
    var key: String
    var value: String
    /// The parsed value, kept by the client so hits skip JSON parsing.
    var decoded: JSONObject?
    var expiresAt: Int64
    var older: Int
    var newer: Int
  }

  /// Doubly linked recency list over array slots (no per-entry allocation beyond the strings).
  private struct Storage {
    var index: [String: Int] = [:]
    var nodes: [Node] = []
    var free: [Int] = []
    var newest = -1
    var oldest = -1

    mutating func unlink(_ slot: Int) {
      let node = nodes[slot]
      if node.older >= 0 { nodes[node.older].newer = node.newer } else { oldest = node.newer }
      if node.newer >= 0 { nodes[node.newer].older = node.older } else { newest = node.older }
    }

    mutating func pushNewest(_ slot: Int) {
      nodes[slot].older = newest
      nodes[slot].newer = -1
      if newest >= 0 { nodes[newest].newer = slot }
      newest = slot
      if oldest < 0 { oldest = slot }
    }

    mutating func remove(_ slot: Int) {
      unlink(slot)
      index[nodes[slot].key] = nil
      nodes[slot].key = ""
      nodes[slot].value = ""
      nodes[slot].decoded = nil
      free.append(slot)
    }
  }

  public let capacity: Int
  private let storage = Locked(Storage())
  private let clock: MonoCloudClock

  /// `capacity` entries at most (at least 1).
  public init(capacity: Int = 10_000, clock: MonoCloudClock = .system) {
    self.capacity = max(1, capacity)
    self.clock = clock
  }

  public var count: Int { storage.withLock { $0.index.count } }

  /// The unexpired value for `key`, marking it recently used; synchronous.
  public func cachedValue(for key: String, now: Int64) -> String? {
    cachedEntry(for: key, now: now)?.value
  }

  /// The unexpired entry with its parsed form, if the client stored one.
  package func cachedEntry(for key: String, now: Int64) -> (value: String, decoded: JSONObject?)? {
    storage.withLock { storage in
      guard let slot = storage.index[key] else { return nil }
      if storage.nodes[slot].expiresAt <= now {
        storage.remove(slot)
        return nil
      }
      if storage.newest != slot {
        storage.unlink(slot)
        storage.pushNewest(slot)
      }
      return (storage.nodes[slot].value, storage.nodes[slot].decoded)
    }
  }

  public func store(_ key: String, value: String, expiresAt: Int64) {
    store(key, value: value, decoded: nil, expiresAt: expiresAt)
  }

  package func store(_ key: String, value: String, decoded: JSONObject?, expiresAt: Int64) {
    storage.withLock { storage in
      if let slot = storage.index[key] {
        storage.nodes[slot].value = value
        storage.nodes[slot].decoded = decoded
        storage.nodes[slot].expiresAt = expiresAt
        storage.unlink(slot)
        storage.pushNewest(slot)
        return
      }
      if storage.index.count >= capacity, storage.oldest >= 0 { storage.remove(storage.oldest) }
      let node = Node(key: key, value: value, decoded: decoded, expiresAt: expiresAt, older: -1, newer: -1)
      let slot: Int
      if let reused = storage.free.popLast() {
        storage.nodes[reused] = node
        slot = reused
      } else {
        storage.nodes.append(node)
        slot = storage.nodes.count - 1
      }
      storage.index[key] = slot
      storage.pushNewest(slot)
    }
  }

  public func remove(_ key: String) {
    storage.withLock { storage in
      if let slot = storage.index[key] { storage.remove(slot) }
    }
  }

  public func get(_ key: String) async -> String? {
    cachedValue(for: key, now: clock.unixTimeSeconds)
  }

  public func set(_ key: String, value: String, expiresAt: Int64) async {
    store(key, value: value, expiresAt: expiresAt)
  }

  public func delete(_ key: String) async {
    remove(key)
  }
}
