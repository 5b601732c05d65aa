import MonoCloudCrypto

/// The identity of one proof in a replay cache: the first 128 bits of
/// `SHA-256(jkt ‖ 0x00 ‖ normalised htu ‖ 0x00 ‖ jti)`. Keying by a hash keeps every entry the
/// same small size whatever the client sends (RFC 9449 §11.1), and scoping `jti` by key and
/// target URI means one client's identifiers can never block another's. Never all zero (that
/// value marks free slots in `DPoPReplayTable`).
public struct DPoPReplayKey: Sendable, Equatable {
  /// Bytes 0–7 of the digest, big-endian.
  public let high: UInt64
  /// Bytes 8–15 of the digest, big-endian (1 if the whole key would otherwise be zero).
  public let low: UInt64

  public init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = high == 0 && low == 0 ? 1 : low
  }

  /// The all-zero value, which no real key has: the free-slot marker of `DPoPReplayTable`.
  init(freeSlotMarker: ()) {
    high = 0
    low = 0
  }

  /// The key of a proof by the key with thumbprint `thumbprint`, for `normalizedTargetURI`, with `identifier` as `jti`.
  package init(
    thumbprint: UnsafeRawBufferPointer, normalizedTargetURI: UnsafeRawBufferPointer, identifier: UnsafeRawBufferPointer
  ) {
    var hash = SHA256()
    var separator: UInt8 = 0
    hash.update(thumbprint)
    withUnsafeBytes(of: &separator) { hash.update($0) }
    hash.update(normalizedTargetURI)
    withUnsafeBytes(of: &separator) { hash.update($0) }
    hash.update(identifier)
    var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    let words = withUnsafeMutableBytes(of: &digest) { raw -> (UInt64, UInt64) in
      hash.finalize(into: raw)
      var high: UInt64 = 0
      var low: UInt64 = 0
      for i in 0..<8 {
        high = high << 8 | UInt64(raw[i])
        low = low << 8 | UInt64(raw[i &+ 8])
      }
      return (high, low)
    }
    self.init(high: words.0, low: words.1)
  }

  /// The 16 bytes, big-endian.
  public var bytes: [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(16)
    for word in [high, low] {
      for shift in stride(from: 56, through: 0, by: -8) {
        result.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
      }
    }
    return result
  }

  /// The 16 bytes as 22 base64url characters (a text key for shared stores such as a database).
  public var text: String { Base64URL.encode(bytes) }
}

/// What recording a replay key did.
public enum DPoPReplayInsertion: Sendable, Equatable {
  /// The key was new and is now recorded until its expiry.
  case inserted
  /// The key is already recorded and unexpired: the proof is a replay.
  case replayed
  /// The cache is full of unexpired entries and cannot record the key; the proof must be
  /// refused (failing closed), since forgetting a live entry would let its replay through.
  case full
}

/// Where the `jti` of accepted proofs is remembered while they could still be replayed.
///
/// `insertIfAbsent` must be atomic: of any number of concurrent calls with one key, exactly one
/// may return `.inserted`. Implementations: `DPoPReplayMemoryCache` (single-threaded, also in
/// Embedded builds), `DPoPSharedReplayCache` (thread-safe, native builds). A store shared by
/// several server instances (a database) implements the asynchronous protocol of the backend
/// with the same contract, using `DPoPProof.replayKey` and `replayExpiresAt`.
public protocol DPoPReplayCache {
  /// Records `key` until `expiresAt` unless it is already recorded; `now` lets the cache drop
  /// entries that expired (before `now`). An entry whose `expiresAt` is already before `now`
  /// need not be kept.
  func insertIfAbsent(_ key: DPoPReplayKey, expiresAt: Int64, now: Int64) -> DPoPReplayInsertion
}

/// The bounded in-memory cache for one thread (or an Embedded/WebAssembly build, which has no
/// threads): a `DPoPReplayTable` behind a reference, so that it can be passed to the validator
/// and keep its state. Not `Sendable`: share a `DPoPSharedReplayCache` between threads instead.
public final class DPoPReplayMemoryCache: DPoPReplayCache {
  private var table: DPoPReplayTable

  /// A cache of at most `capacity` live entries (see `DPoPReplayTable`).
  public init(capacity: Int = DPoPReplayTable.defaultCapacity, seed: UInt64 = 0) {
    table = DPoPReplayTable(capacity: capacity, seed: seed)
  }

  /// The number of entries held (expired ones are dropped on the next insertion).
  public var count: Int { table.count }

  public func insertIfAbsent(_ key: DPoPReplayKey, expiresAt: Int64, now: Int64) -> DPoPReplayInsertion {
    table.insertIfAbsent(key, expiresAt: expiresAt, now: now)
  }
}
