/// A Merkle–Damgård compression function over fixed-size blocks (SHA-1, SHA-256, SHA-512):
/// what `HashBlockBuffer` needs to buffer input and pad the message for it.
@usableFromInline
protocol BlockCompression {
  /// The word of the state and of the message: `UInt32` or `UInt64`.
  associatedtype Word: FixedWidthInteger & Sendable
  /// The chaining state the compression function updates (eight words for SHA-2).
  associatedtype State: Sendable = (Word, Word, Word, Word, Word, Word, Word, Word)
  /// Inline storage of exactly one block.
  associatedtype Block: Sendable
  /// Bytes per block: 64 or 128.
  static var blockByteCount: Int { get }
  /// Bytes of the big-endian bit length that ends the padding: 8 or 16.
  static var lengthFieldByteCount: Int { get }
  /// A block of zero bytes.
  static var zeroBlock: Block { get }
  /// Runs the compression function over `count` consecutive blocks (any alignment).
  static func compress(_ state: inout State, blocks: UnsafeRawPointer, count: Int)
  /// Writes the first `byteCount` bytes of the big-endian final `state` to `output`.
  static func writeDigest(_ state: State, byteCount: Int, into output: UnsafeMutableRawBufferPointer)
}

// SHA-1 and SHA-2 alike: a block is 16 words, the length field two, and the digest is the
// state's words big-endian.
extension BlockCompression {
  @inlinable static var blockByteCount: Int { 16 &* MemoryLayout<Word>.size }
  @inlinable static var lengthFieldByteCount: Int { 2 &* MemoryLayout<Word>.size }

  /// The big-endian state (at most 64 bytes), cut to `byteCount` bytes.
  @inlinable
  static func writeDigest(_ state: State, byteCount: Int, into output: UnsafeMutableRawBufferPointer) {
    var digest: Bytes64 = zeroBytes64
    withUnsafeMutableBytes(of: &digest) { buffer in
      withUnsafeBytes(of: state) { buffer.copyMemory(from: $0) }
      var offset = 0
      while offset < MemoryLayout<State>.size {
        let word = buffer.load(fromByteOffset: offset, as: Word.self)
        buffer.storeBytes(of: word.bigEndian, toByteOffset: offset, as: Word.self)
        offset &+= MemoryLayout<Word>.size
      }
    }
    withUnsafeBytes(of: &digest) { buffer in
      copyPrefix(from: UnsafeRawBufferPointer(rebasing: buffer[..<byteCount]), to: output)
    }
  }
}

/// The streaming half of a Merkle–Damgård hash, shared by SHA-1, SHA-256 and SHA-512: the
/// chaining state, a buffered incomplete block and the message length, all inline (no heap
/// storage). Generic so that each hash gets its own specialised copy, with the block size a
/// constant; whole blocks of input are compressed in place, without copying.
@usableFromInline
struct HashBlockBuffer<Compression: BlockCompression>: Sendable {
  @usableFromInline var state: Compression.State
  /// Bytes of an incomplete block, waiting for more input.
  @usableFromInline var block: Compression.Block = Compression.zeroBlock
  @usableFromInline var blockFill: Int = 0
  /// The message length in bytes; messages of 2^64 bytes or more are not supported.
  @usableFromInline var messageByteCount: UInt64 = 0

  @inlinable
  init(state: Compression.State) {
    self.state = state
  }

  @inlinable
  mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard var input = bytes.baseAddress, bytes.count > 0 else { return }
    let blockByteCount = Compression.blockByteCount
    var remaining = bytes.count
    messageByteCount &+= UInt64(truncatingIfNeeded: remaining)
    if blockFill > 0 {
      let fill = blockFill
      let take = min(blockByteCount - fill, remaining)
      withUnsafeMutableBytes(of: &block) { buffer in
        (buffer.baseAddress.unsafelyUnwrapped + fill).copyMemory(from: input, byteCount: take)
      }
      input += take
      remaining -= take
      guard fill + take == blockByteCount else {
        blockFill = fill + take
        return
      }
      compressBufferedBlock()
      blockFill = 0
    }
    // The block size is a power of two, so these fold to shifts and masks once specialised.
    let wholeBlocks = remaining / blockByteCount
    if wholeBlocks > 0 {
      Compression.compress(&state, blocks: input, count: wholeBlocks)
      input += wholeBlocks &* blockByteCount
      remaining &= blockByteCount &- 1
    }
    if remaining > 0 {
      withUnsafeMutableBytes(of: &block) { buffer in
        buffer.baseAddress.unsafelyUnwrapped.copyMemory(from: input, byteCount: remaining)
      }
      blockFill = remaining
    }
  }

  /// Pads the message and writes the first `digestByteCount` bytes of the digest.
  @inlinable
  mutating func finalize(digestByteCount: Int, into output: UnsafeMutableRawBufferPointer) {
    pad()
    Compression.writeDigest(state, byteCount: digestByteCount, into: output)
  }

  @inlinable
  mutating func compressBufferedBlock() {
    var current = state
    withUnsafeBytes(of: &block) { buffer in
      Compression.compress(&current, blocks: buffer.baseAddress.unsafelyUnwrapped, count: 1)
    }
    state = current
  }

  /// Pads the message (0x80, zeros, big-endian bit length filling the last
  /// `lengthFieldByteCount` bytes of a block) and compresses the last block(s); `state` then
  /// holds the final chaining value.
  @inlinable
  mutating func pad() {
    let blockByteCount = Compression.blockByteCount
    let lengthOffset = blockByteCount &- Compression.lengthFieldByteCount
    let fill = blockFill
    let bitCountHigh = messageByteCount &>> 61
    let bitCountLow = messageByteCount &<< 3
    withUnsafeMutableBytes(of: &block) { buffer in
      let base = buffer.baseAddress.unsafelyUnwrapped
      base.storeBytes(of: 0x80, toByteOffset: fill, as: UInt8.self)
      (base + fill + 1).initializeMemory(as: UInt8.self, repeating: 0, count: blockByteCount - 1 - fill)
    }
    if fill >= lengthOffset {
      compressBufferedBlock()
      block = Compression.zeroBlock
    }
    withUnsafeMutableBytes(of: &block) { buffer in
      if Compression.lengthFieldByteCount > 8 {
        // The bit count has 67 bits at most: its top 3 go in the high half of a 128-bit field.
        buffer.storeBytes(of: bitCountHigh.bigEndian, toByteOffset: blockByteCount &- 16, as: UInt64.self)
      }
      buffer.storeBytes(of: bitCountLow.bigEndian, toByteOffset: blockByteCount &- 8, as: UInt64.self)
    }
    compressBufferedBlock()
    blockFill = 0
  }
}

/// A hash that is a `HashBlockBuffer` over its compression function with its own initial
/// state and digest length (SHA-1, SHA-224/256, SHA-384/512): streaming and finalizing come
/// from here, once.
@usableFromInline
protocol BufferedHash: HashFunction {
  associatedtype Compression: BlockCompression
  var engine: HashBlockBuffer<Compression> { get set }
}

extension BufferedHash {
  @inlinable
  public static var blockByteCount: Int { Compression.blockByteCount }

  @inlinable
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    engine.update(bytes)
  }

  @inlinable
  public mutating func finalize(into output: UnsafeMutableRawBufferPointer) {
    engine.finalize(digestByteCount: Self.digestByteCount, into: output)
  }
}
