/// SHA-512 (FIPS 180-4 §6.4).
public struct SHA512: BufferedHash {
  public static var digestByteCount: Int { 64 }

  @usableFromInline var engine: HashBlockBuffer<SHA512Engine>

  @inlinable
  public init() {
    engine = HashBlockBuffer(
      state: (
        0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
        0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179
      ))
  }
}

/// SHA-384 (FIPS 180-4 §6.5): SHA-512 with another initial value, truncated to 48 bytes.
public struct SHA384: BufferedHash {
  public static var digestByteCount: Int { 48 }

  @usableFromInline var engine: HashBlockBuffer<SHA512Engine>

  @inlinable
  public init() {
    engine = HashBlockBuffer(
      state: (
        0xcbbb_9d5d_c105_9ed8, 0x629a_292a_367c_d507, 0x9159_015a_3070_dd17, 0x152f_ecd8_f70e_5939,
        0x6733_2667_ffc0_0b31, 0x8eb4_4a87_6858_1511, 0xdb0c_2e0d_64f9_8fa7, 0x47b5_481d_befa_4fa4
      ))
  }
}

/// The SHA-512 compression engine behind `SHA512` and `SHA384`: eight 64-bit words of state,
/// 128-byte blocks, the digest output; `HashBlockBuffer` streams the input to it.
@usableFromInline
struct SHA512Engine: BlockCompression, Sendable {
  @usableFromInline
  typealias State = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
  @usableFromInline typealias Block = Bytes128
  @inlinable static var blockByteCount: Int { 128 }
  @inlinable static var lengthFieldByteCount: Int { 16 }
  @inlinable static var zeroBlock: Block { zeroBytes128 }

  /// The big-endian state, cut to `byteCount` bytes.
  @inlinable
  static func writeDigest(_ words: State, byteCount digestByteCount: Int, into output: UnsafeMutableRawBufferPointer) {
    var digest: Bytes64 = words
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
