/// A proof key that passed every header check (`typ`, `alg`, a public `jwk` that fits it), ready
/// to verify: imported once, with its verification tables and RFC 7638 thumbprint.
public struct DPoPPreparedKey: Sendable {
  /// Every part behind one reference: a proof's key comes out of a cache on every request, and
  /// a copy is then one retain instead of one per member of the JWK.
  private final class Storage: Sendable {
    let algorithm: JWSAlgorithm
    let key: JWK
    let thumbprint: String
    let verificationKey: VerificationKey
    let signingInputPrefix: SHA256Prefix?

    init(
      algorithm: JWSAlgorithm, key: JWK, thumbprint: String, verificationKey: VerificationKey,
      signingInputPrefix: SHA256Prefix?
    ) {
      self.algorithm = algorithm
      self.key = key
      self.thumbprint = thumbprint
      self.verificationKey = verificationKey
      self.signingInputPrefix = signingInputPrefix
    }
  }

  private let storage: Storage

  /// The proof algorithm the header names.
  public var algorithm: JWSAlgorithm { storage.algorithm }
  /// The public key from the header `jwk`.
  public var key: JWK { storage.key }
  /// The key's SHA-256 JWK thumbprint.
  public var thumbprint: String { storage.thumbprint }
  var verificationKey: VerificationKey { storage.verificationKey }
  /// For ES256: SHA-256 over the header segment and its `.`, which start the signing input of
  /// every proof with this header (so each proof hashes only its payload).
  var signingInputPrefix: SHA256Prefix? { storage.signingInputPrefix }

  init(
    algorithm: JWSAlgorithm, key: JWK, thumbprint: String, verificationKey: VerificationKey,
    signingInputPrefix: SHA256Prefix?
  ) {
    storage = Storage(
      algorithm: algorithm, key: key, thumbprint: thumbprint, verificationKey: verificationKey,
      signingInputPrefix: signingInputPrefix)
  }
}

/// Remembers the prepared keys of recent proof headers, so that a client's later proofs skip
/// the header parsing, key import (ECDSA keys build verification tables at import, which costs
/// more than a verification) and thumbprint. Clients sign every proof with one key and send
/// the same header, so the exact header segment (base64url, compared byte for byte) is the
/// lookup key. The signature of every proof is still verified.
///
/// Implementations: `DPoPKeyMemoryCache` (single-threaded, also Embedded) and
/// `DPoPSharedKeyCache` (thread-safe, native builds).
public protocol DPoPKeyCache {
  /// The key prepared for exactly this header segment (byte for byte), if remembered.
  func preparedKey(forHeader header: UnsafeRawBufferPointer) -> DPoPPreparedKey?
  /// Remembers `key` for this header segment (possibly forgetting another).
  func remember(_ key: DPoPPreparedKey, forHeader header: UnsafeRawBufferPointer)
}

/// A direct-mapped table of prepared keys: a fixed number of slots, each header in the slot its
/// hash picks, a newcomer replacing the slot's previous key. O(1), bounded memory; a client that
/// floods headers only evicts entries, which costs others a re-import, never a wrong answer.
public struct DPoPKeyTable: Sendable {
  private struct Entry: Sendable {
    let header: [UInt8]
    let key: DPoPPreparedKey
  }

  /// The default number of slots.
  public static let defaultCapacity = 256

  private var slots: [Entry?]
  private let mask: Int

  /// A table of `capacity` slots (rounded up to a power of two, at least 1).
  public init(capacity: Int = DPoPKeyTable.defaultCapacity) {
    var size = 1
    while size < capacity { size &<<= 1 }
    slots = [Entry?](repeating: nil, count: size)
    mask = size &- 1
  }

  public func preparedKey(forHeader header: UnsafeRawBufferPointer) -> DPoPPreparedKey? {
    guard let entry = slots[DPoPKeyTable.hash(header) & mask] else { return nil }
    let same = entry.header.withUnsafeBytes { bytesEqual($0, header) }
    return same ? entry.key : nil
  }

  public mutating func remember(_ key: DPoPPreparedKey, forHeader header: UnsafeRawBufferPointer) {
    slots[DPoPKeyTable.hash(header) & mask] = Entry(header: Array(header), key: key)
  }

  /// FNV-1a over 8-byte words, then a final mix (only picks a slot; bytes are compared on lookup).
  private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    let prime: UInt64 = 0x0000_0100_0000_01B3
    var i = 0
    let n = bytes.count
    if let base = bytes.baseAddress {
      while i &+ 8 <= n {
        h = (h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime
        i &+= 8
      }
      while i < n {
        h = (h ^ UInt64(base.load(fromByteOffset: i, as: UInt8.self))) &* prime
        i &+= 1
      }
    }
    h ^= h >> 29
    h = h &* 0xBF58_476D_1CE4_E5B9
    h ^= h >> 32
    return Int(truncatingIfNeeded: h)
  }
}

/// The key cache for one thread (or an Embedded/WebAssembly build): a `DPoPKeyTable` behind a
/// reference. Not `Sendable`: share a `DPoPSharedKeyCache` between threads instead.
public final class DPoPKeyMemoryCache: DPoPKeyCache {
  private var table: DPoPKeyTable

  public init(capacity: Int = DPoPKeyTable.defaultCapacity) {
    table = DPoPKeyTable(capacity: capacity)
  }

  public func preparedKey(forHeader header: UnsafeRawBufferPointer) -> DPoPPreparedKey? {
    table.preparedKey(forHeader: header)
  }

  public func remember(_ key: DPoPPreparedKey, forHeader header: UnsafeRawBufferPointer) {
    table.remember(key, forHeader: header)
  }
}

/// No caching: every proof's header is checked and its key imported anew.
public struct DPoPNoKeyCache: DPoPKeyCache {
  public init() {}
  public func preparedKey(forHeader header: UnsafeRawBufferPointer) -> DPoPPreparedKey? { nil }
  public func remember(_ key: DPoPPreparedKey, forHeader header: UnsafeRawBufferPointer) {}
}
