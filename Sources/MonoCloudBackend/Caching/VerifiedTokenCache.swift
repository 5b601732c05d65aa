import MonoCloudCrypto
import MonoCloudJOSE

/// JWTs whose signature and header already passed under one key set, with their parsed
/// payload, so that a token presented again skips the signature check and the payload parse.
///
/// Only that work is skipped: every use still runs all claim checks (expiry, not-before,
/// issuer, audience, scopes, groups, certificate and DPoP binding) against the current time
/// and the call's requirements. One cache belongs to one fetched key set, so a key rotation
/// (any JWKS refresh) starts from an empty cache and a removed key stops validating at once.
///
/// Lookups are by the token's seeded hash (random per process, so nobody can aim at a slot)
/// followed by a constant-time comparison of the whole token: a hit needs the exact token
/// and the lookup reveals nothing about cached ones. Bounded by entry count and by a token
/// length cap, evicting in insertion order; no allocation on a hit.
final class VerifiedTokenCache: Sendable {
  /// Tokens longer than this are verified every time (keeps the memory bound small).
  static let maximumTokenByteCount = 8192
  /// The capacity when none is configured.
  static let defaultCapacity = 1024
  /// The largest configurable capacity (its table is reserved up front).
  static let maximumCapacity = 1_000_000

  private struct Entry {
    var token: String
    var payload: JSONObject
  }

  private struct State {
    var entries: [Int: Entry] = [:]
    /// Keys in insertion order, a ring of `capacity` slots; `next` is the oldest.
    var order: [Int] = []
    var next = 0
  }

  let capacity: Int
  private let state: Locked<State>

  /// A cache of at most `capacity` tokens (at least 1).
  init(capacity: Int) {
    self.capacity = max(1, capacity)
    var initial = State()
    initial.entries.reserveCapacity(self.capacity)
    initial.order.reserveCapacity(self.capacity)
    state = Locked(initial)
  }

  /// The payload verified for exactly `token`, if cached.
  func payload(for token: String) -> JSONObject? {
    let key = Self.key(token)
    guard let entry = state.withLock({ $0.entries[key] }) else { return nil }
    return Self.same(entry.token, token) ? entry.payload : nil
  }

  /// Remembers `payload` as the verified payload of `token`.
  func insert(_ token: String, payload: JSONObject) {
    guard token.utf8.count <= Self.maximumTokenByteCount else { return }
    let key = Self.key(token)
    let entry = Entry(token: token, payload: payload)
    let capacity = self.capacity
    state.withLock { state in
      if state.entries.updateValue(entry, forKey: key) != nil { return }
      if state.order.count < capacity {
        state.order.append(key)
        return
      }
      state.entries.removeValue(forKey: state.order[state.next])
      state.order[state.next] = key
      state.next = (state.next + 1) % capacity
    }
  }

  var count: Int { state.withLock { $0.entries.count } }

  /// The table key: the token's length and its last `keyedByteCount` bytes through the
  /// process's seeded `Hasher`. Those bytes hold the signature, which differs between any two
  /// tokens, so hashing the whole kilobyte would only cost time; tokens that share the tail
  /// share a slot, and the full comparison in `payload(for:)` still tells them apart. (String
  /// hashing would also first check for Unicode normalization, which a token never needs.)
  private static func key(_ token: String) -> Int {
    var hasher = Hasher()
    token.withUTF8Raw { bytes in
      hasher.combine(bytes.count)
      hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: bytes.suffix(keyedByteCount)))
    }
    return hasher.finalize()
  }

  /// How many bytes from the end of a token its table key covers.
  static let keyedByteCount = 64

  /// Equal tokens, compared without an early exit (lengths are not secret).
  private static func same(_ a: String, _ b: String) -> Bool {
    a.withUTF8Raw { x in b.withUTF8Raw { y in ConstantTime.equals(x, y) } }
  }
}
