/// HMAC (RFC 2104) over any `HashFunction`.
///
/// `init(key:)` absorbs the padded key into an inner and an outer hash state once; a keyed
/// value can be copied and reused for many messages. Nothing here allocates. Keys longer than
/// the hash's block are hashed first, as the RFC requires.
public struct HMAC<H: HashFunction>: Sendable {
  @usableFromInline var inner: H
  @usableFromInline var outer: H

  /// A MAC computation keyed with `key` (any length, including empty).
  @inlinable
  public init(key: UnsafeRawBufferPointer) {
    inner = H()
    outer = H()
    let blockByteCount = H.blockByteCount
    if blockByteCount <= 128 && H.digestByteCount <= 128 {
      var keyBlock: Bytes128 = ((0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0))
      withUnsafeMutableBytes(of: &keyBlock) { block in
        absorbKey(key, block: UnsafeMutableRawBufferPointer(rebasing: block[..<blockByteCount]))
      }
    } else {
      // Only for hash functions with unusually large blocks (none in this library).
      withUnsafeTemporaryAllocation(byteCount: max(blockByteCount, H.digestByteCount), alignment: 8) { block in
        block.initializeMemory(as: UInt8.self, repeating: 0)
        absorbKey(key, block: UnsafeMutableRawBufferPointer(rebasing: block[..<blockByteCount]))
      }
    }
  }

  /// A MAC computation keyed with `key` (any length, including empty).
  @inlinable
  public init(key: [UInt8]) {
    self = key.withUnsafeBytes { HMAC(key: $0) }
  }

  /// Feeds `key XOR ipad` to the inner state and `key XOR opad` to the outer one, using the
  /// zeroed `block` (blockByteCount bytes) as scratch, and wipes it afterwards.
  @inlinable
  mutating func absorbKey(_ key: UnsafeRawBufferPointer, block: UnsafeMutableRawBufferPointer) {
    if key.count > block.count {
      H.hash(key, into: block)
    } else {
      copyPrefix(from: key, to: block)
    }
    for index in block.indices { block[index] ^= 0x36 }
    inner.update(UnsafeRawBufferPointer(block))
    for index in block.indices { block[index] ^= 0x36 ^ 0x5c }
    outer.update(UnsafeRawBufferPointer(block))
    for index in block.indices { block[index] = 0 }
  }

  /// Absorbs more message bytes.
  @inlinable
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    inner.update(bytes)
  }

  /// Absorbs more message bytes.
  @inlinable
  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { inner.update($0) }
  }

  /// Writes the MAC into the first `H.digestByteCount` bytes of `output` (only its first
  /// `output.count` bytes when it is shorter: a truncated MAC). The value is spent afterwards.
  @inlinable
  public mutating func finalize(into output: UnsafeMutableRawBufferPointer) {
    var innerDigest: Bytes128 = ((0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0))
    let digestByteCount = min(H.digestByteCount, 128)
    withUnsafeMutableBytes(of: &innerDigest) { digest in
      let innerOutput = UnsafeMutableRawBufferPointer(rebasing: digest[..<digestByteCount])
      inner.finalize(into: innerOutput)
      outer.update(UnsafeRawBufferPointer(innerOutput))
    }
    outer.finalize(into: output)
  }

  /// Returns the MAC. The value is spent afterwards.
  @inlinable
  public mutating func finalize() -> [UInt8] {
    [UInt8](count: H.digestByteCount, writtenBy: { finalize(into: $0) })
  }

  /// The MAC of `message` under `key`.
  @inlinable
  public static func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
    var mac = HMAC(key: key)
    mac.update(message)
    return mac.finalize()
  }

  /// Writes the MAC of `message` under `key` into `output` (see `finalize(into:)`).
  @inlinable
  public static func authenticationCode(
    for message: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
  ) {
    var mac = HMAC(key: key)
    mac.update(message)
    mac.finalize(into: output)
  }
}
