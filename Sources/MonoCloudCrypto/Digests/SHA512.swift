/// SHA-512 (FIPS 180-4 §6.4).
public struct SHA512: HashFunction {
  public static var digestByteCount: Int { 64 }
  public static var blockByteCount: Int { 128 }

  @usableFromInline var engine: SHA512Engine

  @inlinable
  public init() {
    engine = SHA512Engine(
      state: (
        0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
        0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179
      ))
  }

  @inlinable
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    engine.update(bytes)
  }

  @inlinable
  public mutating func finalize(into output: UnsafeMutableRawBufferPointer) {
    engine.finalize(digestByteCount: 64, into: output)
  }
}

/// SHA-384 (FIPS 180-4 §6.5): SHA-512 with another initial value, truncated to 48 bytes.
public struct SHA384: HashFunction {
  public static var digestByteCount: Int { 48 }
  public static var blockByteCount: Int { 128 }

  @usableFromInline var engine: SHA512Engine

  @inlinable
  public init() {
    engine = SHA512Engine(
      state: (
        0xcbbb_9d5d_c105_9ed8, 0x629a_292a_367c_d507, 0x9159_015a_3070_dd17, 0x152f_ecd8_f70e_5939,
        0x6733_2667_ffc0_0b31, 0x8eb4_4a87_6858_1511, 0xdb0c_2e0d_64f9_8fa7, 0x47b5_481d_befa_4fa4
      ))
  }

  @inlinable
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    engine.update(bytes)
  }

  @inlinable
  public mutating func finalize(into output: UnsafeMutableRawBufferPointer) {
    engine.finalize(digestByteCount: 48, into: output)
  }
}

/// The SHA-512 compression engine behind `SHA512` and `SHA384`: eight 64-bit words of state,
/// a 128-byte block buffer and the message length, all inline (no heap storage).
@usableFromInline
struct SHA512Engine: Sendable {
  @usableFromInline
  typealias State = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

  @usableFromInline var state: State
  /// Bytes of an incomplete block, waiting for more input.
  @usableFromInline var block: Bytes128 = ((0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0))
  @usableFromInline var blockFill: Int = 0
  /// The message length in bytes; messages of 2^64 bytes or more are not supported.
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
      let take = min(128 - fill, remaining)
      withUnsafeMutableBytes(of: &block) { buffer in
        (buffer.baseAddress.unsafelyUnwrapped + fill).copyMemory(from: input, byteCount: take)
      }
      input += take
      remaining -= take
      guard fill + take == 128 else {
        blockFill = fill + take
        return
      }
      compressBufferedBlock()
      blockFill = 0
    }
    let wholeBlocks = remaining >> 7
    if wholeBlocks > 0 {
      Self.compress(&state, blocks: input, count: wholeBlocks)
      input += wholeBlocks << 7
      remaining &= 127
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

  /// Pads (0x80, zeros, 128-bit big-endian bit length) and writes the first `digestByteCount`
  /// bytes of the big-endian state.
  @inlinable
  mutating func finalize(digestByteCount: Int, into output: UnsafeMutableRawBufferPointer) {
    let fill = blockFill
    let bitCountHigh = messageByteCount &>> 61
    let bitCountLow = messageByteCount &<< 3
    withUnsafeMutableBytes(of: &block) { buffer in
      let base = buffer.baseAddress.unsafelyUnwrapped
      base.storeBytes(of: 0x80, toByteOffset: fill, as: UInt8.self)
      (base + fill + 1).initializeMemory(as: UInt8.self, repeating: 0, count: 127 - fill)
    }
    if fill >= 112 {
      compressBufferedBlock()
      block = ((0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0))
    }
    withUnsafeMutableBytes(of: &block) { buffer in
      buffer.storeBytes(of: bitCountHigh.bigEndian, toByteOffset: 112, as: UInt64.self)
      buffer.storeBytes(of: bitCountLow.bigEndian, toByteOffset: 120, as: UInt64.self)
    }
    compressBufferedBlock()
    blockFill = 0
    var digest: Bytes64 = state
    withUnsafeMutableBytes(of: &digest) { buffer in
      for index in 0..<8 {
        let word = buffer.load(fromByteOffset: index &* 8, as: UInt64.self)
        buffer.storeBytes(of: word.bigEndian, toByteOffset: index &* 8, as: UInt64.self)
      }
    }
    withUnsafeBytes(of: &digest) { buffer in
      copyPrefix(from: UnsafeRawBufferPointer(rebasing: buffer[..<digestByteCount]), to: output)
    }
  }
}
