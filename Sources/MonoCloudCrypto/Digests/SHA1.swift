/// SHA-1 (FIPS 180-4 §6.1). Broken for collision resistance; here only for HMAC-SHA-1 and
/// the test vectors that need it.
public struct SHA1: BufferedHash, BlockCompression {
  public static var digestByteCount: Int { 20 }
  public static var blockByteCount: Int { 64 }

  @usableFromInline typealias Word = UInt32
  @usableFromInline typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32)
  @usableFromInline typealias Block = Bytes64
  @inlinable static var zeroBlock: Block { zeroBytes64 }

  @usableFromInline var engine = HashBlockBuffer<Self>(
    state: (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476, 0xc3d2_e1f0))

  @inlinable
  public init() {}

  @inline(__always)
  static func word(_ block: UnsafeRawPointer, _ index: Int) -> UInt32 {
    UInt32(bigEndian: block.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self))
  }

  @inline(__always)
  static func rotateLeft(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x &<< n) | (x &>> (32 &- n))
  }

  /// W[t] = ROTL1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]).
  @inline(__always)
  static func schedule(_ w16: UInt32, _ w14: UInt32, _ w8: UInt32, _ w3: UInt32) -> UInt32 {
    rotateLeft(w16 ^ w14 ^ w8 ^ w3, 1)
  }

  // The three round kinds (rounds 0–19, 20–39 and 60–79, 40–59):
  // `e += ROTL5(a) + f(b, c, d) + K + W`, `b = ROTL30(b)`; the callers rotate the variable
  // names instead of moving values.

  @inline(__always)
  static func roundChoose(
    _ a: UInt32, _ b: inout UInt32, _ c: UInt32, _ d: UInt32, _ e: inout UInt32, _ w: UInt32, _ k: UInt32
  ) {
    e = e &+ rotateLeft(a, 5) &+ (d ^ (b & (c ^ d))) &+ k &+ w
    b = rotateLeft(b, 30)
  }

  @inline(__always)
  static func roundParity(
    _ a: UInt32, _ b: inout UInt32, _ c: UInt32, _ d: UInt32, _ e: inout UInt32, _ w: UInt32, _ k: UInt32
  ) {
    e = e &+ rotateLeft(a, 5) &+ (b ^ c ^ d) &+ k &+ w
    b = rotateLeft(b, 30)
  }

  @inline(__always)
  static func roundMajority(
    _ a: UInt32, _ b: inout UInt32, _ c: UInt32, _ d: UInt32, _ e: inout UInt32, _ w: UInt32, _ k: UInt32
  ) {
    e = e &+ rotateLeft(a, 5) &+ ((b & c) | (d & (b | c))) &+ k &+ w
    b = rotateLeft(b, 30)
  }
}
