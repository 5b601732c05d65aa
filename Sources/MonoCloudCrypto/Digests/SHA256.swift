/// SHA-256 (FIPS 180-4 §6.2).
public struct SHA256: HashFunction {
  public static var digestByteCount: Int { 32 }
  public static var blockByteCount: Int { 64 }

  @usableFromInline var engine: SHA256Engine

  @inlinable
  public init() {
    engine = SHA256Engine(
      state: (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19))
  }

  @inlinable
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    engine.update(bytes)
  }

  @inlinable
  public mutating func finalize(into output: UnsafeMutableRawBufferPointer) {
    engine.finalize(digestByteCount: 32, into: output)
  }
}

/// SHA-224 (FIPS 180-4 §6.3): SHA-256 with another initial value, truncated to 28 bytes.
public struct SHA224: HashFunction {
  public static var digestByteCount: Int { 28 }
  public static var blockByteCount: Int { 64 }

  @usableFromInline var engine: SHA256Engine

  @inlinable
  public init() {
    engine = SHA256Engine(
      state: (0xc105_9ed8, 0x367c_d507, 0x3070_dd17, 0xf70e_5939, 0xffc0_0b31, 0x6858_1511, 0x64f9_8fa7, 0xbefa_4fa4))
  }

  @inlinable
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    engine.update(bytes)
  }

  @inlinable
  public mutating func finalize(into output: UnsafeMutableRawBufferPointer) {
    engine.finalize(digestByteCount: 28, into: output)
  }
}

/// The SHA-256 compression engine behind `SHA256` and `SHA224`: eight 32-bit words of state,
/// a 64-byte block buffer and the message length, all inline (no heap storage).
@usableFromInline
struct SHA256Engine: Sendable {
  @usableFromInline
  typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

  @usableFromInline var state: State
  /// Bytes of an incomplete block, waiting for more input.
  @usableFromInline var block: Bytes64 = (0, 0, 0, 0, 0, 0, 0, 0)
  @usableFromInline var blockFill: Int = 0
  @usableFromInline var messageByteCount: UInt64 = 0

  @inlinable
  init(state: State) {
    self.state = state
  }

  @inlinable
  mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard var input = bytes.baseAddress, bytes.count > 0 else { return }
    var remaining = bytes.count
    messageByteCount &+= UInt64(truncatingIfNeeded: remaining)
    if blockFill > 0 {
      let fill = blockFill
      let take = min(64 - fill, remaining)
      withUnsafeMutableBytes(of: &block) { buffer in
        (buffer.baseAddress.unsafelyUnwrapped + fill).copyMemory(from: input, byteCount: take)
      }
      input += take
      remaining -= take
      guard fill + take == 64 else {
        blockFill = fill + take
        return
      }
      compressBufferedBlock()
      blockFill = 0
    }
    let wholeBlocks = remaining >> 6
    if wholeBlocks > 0 {
      Self.compress(&state, blocks: input, count: wholeBlocks)
      input += wholeBlocks << 6
      remaining &= 63
    }
    if remaining > 0 {
      withUnsafeMutableBytes(of: &block) { buffer in
        buffer.baseAddress.unsafelyUnwrapped.copyMemory(from: input, byteCount: remaining)
      }
      blockFill = remaining
    }
  }

  @inlinable
  mutating func compressBufferedBlock() {
    var current = state
    withUnsafeBytes(of: &block) { buffer in
      Self.compress(&current, blocks: buffer.baseAddress.unsafelyUnwrapped, count: 1)
    }
    state = current
  }

  /// Pads (0x80, zeros, 64-bit big-endian bit length) and writes the first `digestByteCount`
  /// bytes of the big-endian state.
  @inlinable
  mutating func finalize(digestByteCount: Int, into output: UnsafeMutableRawBufferPointer) {
    let fill = blockFill
    let bitCount = messageByteCount &<< 3
    withUnsafeMutableBytes(of: &block) { buffer in
      let base = buffer.baseAddress.unsafelyUnwrapped
      base.storeBytes(of: 0x80, toByteOffset: fill, as: UInt8.self)
      (base + fill + 1).initializeMemory(as: UInt8.self, repeating: 0, count: 63 - fill)
    }
    if fill >= 56 {
      compressBufferedBlock()
      block = (0, 0, 0, 0, 0, 0, 0, 0)
    }
    withUnsafeMutableBytes(of: &block) { buffer in
      buffer.storeBytes(of: bitCount.bigEndian, toByteOffset: 56, as: UInt64.self)
    }
    compressBufferedBlock()
    blockFill = 0
    var digest: Bytes64 = (0, 0, 0, 0, 0, 0, 0, 0)
    let words = state
    withUnsafeMutableBytes(of: &digest) { buffer in
      buffer.storeBytes(of: words.0.bigEndian, toByteOffset: 0, as: UInt32.self)
      buffer.storeBytes(of: words.1.bigEndian, toByteOffset: 4, as: UInt32.self)
      buffer.storeBytes(of: words.2.bigEndian, toByteOffset: 8, as: UInt32.self)
      buffer.storeBytes(of: words.3.bigEndian, toByteOffset: 12, as: UInt32.self)
      buffer.storeBytes(of: words.4.bigEndian, toByteOffset: 16, as: UInt32.self)
      buffer.storeBytes(of: words.5.bigEndian, toByteOffset: 20, as: UInt32.self)
      buffer.storeBytes(of: words.6.bigEndian, toByteOffset: 24, as: UInt32.self)
      buffer.storeBytes(of: words.7.bigEndian, toByteOffset: 28, as: UInt32.self)
    }
    withUnsafeBytes(of: &digest) { buffer in
      copyPrefix(from: UnsafeRawBufferPointer(rebasing: buffer[..<digestByteCount]), to: output)
    }
  }
}
