import MonoCloudCrypto
import MonoCloudJOSE

/// JWTs whose signature and header already passed under one key set, with their parsed
/// payload, so that a token presented again skips the signature check and the payload parse.
///
/// Every use still gets the answer of all claim checks (expiry, not-before, issuer, audience,
/// scopes, groups, certificate and DPoP binding) for the current time and the call's
/// requirements. The last passed check of a token is kept as its `Acceptance` and reused only
/// for the same inputs: the same clock second, scopes and groups, and no client certificate.
/// The checks are a function of exactly those (with the payload and the client's fixed
/// policy), so a reused answer is the one they would give; a busy client presenting one token
/// many times a second (service-to-service traffic) then pays for the checks once a second.
/// One cache belongs to one fetched key set, so a key rotation (any JWKS refresh) starts from
/// an empty cache and a removed key stops validating at once.
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

  /// A passed claim check of a cached token and the inputs it was made for.
  struct Acceptance: Sendable {
    /// The clock's Unix second of the check.
    var second: Int64
    var scopes: [String]
    var groups: [String]
    var claims: TokenClaims

    /// Whether this answer is the one the checks give for these inputs (a client
    /// certificate is never remembered: its thumbprint would have to be compared).
    func answers(second: Int64, scopes: [String], groups: [String]) -> Bool {
      self.second == second && self.scopes == scopes && self.groups == groups
    }
  }

  /// What the cache holds for a token. Immutable, and replaced whole when a check is kept, so
  /// that a hit costs one retain of a shared object instead of one per field.
  final class Remembered: Sendable {
    let token: String
    let payload: JSONObject
    let acceptance: Acceptance?

    init(token: String, payload: JSONObject, acceptance: Acceptance?) {
      self.token = token
      self.payload = payload
      self.acceptance = acceptance
    }

    /// The kept claims when the kept check answers for these inputs, else nil.
    func keptClaims(second: Int64, scopes: [String], groups: [String]) -> TokenClaims? {
      guard let acceptance, acceptance.answers(second: second, scopes: scopes, groups: groups) else { return nil }
      return acceptance.claims
    }
  }

  private struct State {
    var entries: [Int: Remembered] = [:]
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

  /// The payload verified for exactly `token` and its last acceptance, if cached.
  func remembered(_ token: String) -> Remembered? {
    remembered(token, at: Self.key(token))
  }

  /// The entry of exactly `token` in its table slot `key`, if any.
  private func remembered(_ token: String, at key: Int) -> Remembered? {
    guard let entry = state.withLock({ $0.entries[key] }) else { return nil }
    return Self.same(entry.token, token) ? entry : nil
  }

  /// The payload verified for exactly `token`, if cached.
  func payload(for token: String) -> JSONObject? {
    remembered(token)?.payload
  }

  /// Keeps `acceptance` as the last passed check of `token`, when the token is still cached.
  func remember(_ acceptance: Acceptance, for token: String) {
    let key = Self.key(token)
    guard let current = remembered(token, at: key) else { return }
    let replacement = Remembered(token: current.token, payload: current.payload, acceptance: acceptance)
    state.withLock { state in
      // Unless the entry was evicted or replaced meanwhile (then the newer one stands).
      guard let index = state.entries.index(forKey: key), state.entries.values[index] === current else { return }
      state.entries.values[index] = replacement
    }
  }

  /// Remembers `payload` as the verified payload of `token`.
  func insert(_ token: String, payload: JSONObject) {
    guard token.utf8.count <= Self.maximumTokenByteCount else { return }
    let key = Self.key(token)
    let entry = Remembered(token: token, payload: payload, acceptance: nil)
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
