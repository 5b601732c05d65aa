/// SHA-256 (FIPS 180-4 §6.2).
public struct SHA256: BufferedHash {
  public static var digestByteCount: Int { 32 }

  @usableFromInline var engine: HashBlockBuffer<SHA256Engine>

  @inlinable
  public init() {
    engine = HashBlockBuffer(
      state: (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19))
  }
}

/// SHA-224 (FIPS 180-4 §6.3): SHA-256 with another initial value, truncated to 28 bytes.
public struct SHA224: BufferedHash {
  public static var digestByteCount: Int { 28 }

  @usableFromInline var engine: HashBlockBuffer<SHA256Engine>

  @inlinable
  public init() {
    engine = HashBlockBuffer(
      state: (0xc105_9ed8, 0x367c_d507, 0x3070_dd17, 0xf70e_5939, 0xffc0_0b31, 0x6858_1511, 0x64f9_8fa7, 0xbefa_4fa4))
  }
}

/// The SHA-256 compression engine behind `SHA256` and `SHA224`: eight 32-bit words of state,
/// 64-byte blocks, the digest output; `HashBlockBuffer` streams the input to it.
@usableFromInline
struct SHA256Engine: BlockCompression, Sendable {
  @usableFromInline
  typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
  @usableFromInline typealias Block = Bytes64
  @inlinable static var blockByteCount: Int { 64 }
  @inlinable static var lengthFieldByteCount: Int { 8 }
  @inlinable static var zeroBlock: Block { zeroBytes64 }

  /// The big-endian state, cut to `byteCount` bytes.
  @inlinable
  static func writeDigest(_ words: State, byteCount digestByteCount: Int, into output: UnsafeMutableRawBufferPointer) {
    var digest: Bytes64 = zeroBytes64
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
