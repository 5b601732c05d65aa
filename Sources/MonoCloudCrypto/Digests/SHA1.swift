/// SHA-1 (FIPS 180-4 §6.1). Broken for collision resistance; here only for HMAC-SHA-1 and
/// the test vectors that need it.
public struct SHA1: BufferedHash, BlockCompression {
  public static var digestByteCount: Int { 20 }
  public static var blockByteCount: Int { 64 }

  @usableFromInline
  typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32)

  @usableFromInline typealias Block = Bytes64
  @inlinable static var lengthFieldByteCount: Int { 8 }
  @inlinable static var zeroBlock: Block { zeroBytes64 }

  @usableFromInline var engine = HashBlockBuffer<Self>(
    state: (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476, 0xc3d2_e1f0))

  @inlinable
  public init() {}

  /// The big-endian state, cut to `byteCount` bytes.
  @inlinable
  static func writeDigest(_ words: State, byteCount: Int, into output: UnsafeMutableRawBufferPointer) {
    var digest: Bytes64 = zeroBytes64
    withUnsafeMutableBytes(of: &digest) { buffer in
      buffer.storeBytes(of: words.0.bigEndian, toByteOffset: 0, as: UInt32.self)
      buffer.storeBytes(of: words.1.bigEndian, toByteOffset: 4, as: UInt32.self)
      buffer.storeBytes(of: words.2.bigEndian, toByteOffset: 8, as: UInt32.self)
      buffer.storeBytes(of: words.3.bigEndian, toByteOffset: 12, as: UInt32.self)
      buffer.storeBytes(of: words.4.bigEndian, toByteOffset: 16, as: UInt32.self)
    }
    withUnsafeBytes(of: &digest) { buffer in
      copyPrefix(from: UnsafeRawBufferPointer(rebasing: buffer[..<byteCount]), to: output)
    }
  }

  /// Runs the compression function over `count` consecutive 64-byte blocks (any alignment),
  /// fully unrolled with the schedule in a rolling window of 16 locals.
  @usableFromInline
  static func compress(_ state: inout State, blocks: UnsafeRawPointer, count: Int) {
    var (h0, h1, h2, h3, h4) = state
    var block = blocks
    for _ in 0..<count {
      var w0 = word(block, 0), w1 = word(block, 1), w2 = word(block, 2), w3 = word(block, 3)
      var w4 = word(block, 4), w5 = word(block, 5), w6 = word(block, 6), w7 = word(block, 7)
      var w8 = word(block, 8), w9 = word(block, 9), w10 = word(block, 10), w11 = word(block, 11)
      var w12 = word(block, 12), w13 = word(block, 13), w14 = word(block, 14), w15 = word(block, 15)
      var a = h0, b = h1, c = h2, d = h3, e = h4

      Self.roundChoose(a, &b, c, d, &e, w0, 0x5a82_7999)
      Self.roundChoose(e, &a, b, c, &d, w1, 0x5a82_7999)
      Self.roundChoose(d, &e, a, b, &c, w2, 0x5a82_7999)
      Self.roundChoose(c, &d, e, a, &b, w3, 0x5a82_7999)
      Self.roundChoose(b, &c, d, e, &a, w4, 0x5a82_7999)
      Self.roundChoose(a, &b, c, d, &e, w5, 0x5a82_7999)
      Self.roundChoose(e, &a, b, c, &d, w6, 0x5a82_7999)
      Self.roundChoose(d, &e, a, b, &c, w7, 0x5a82_7999)
      Self.roundChoose(c, &d, e, a, &b, w8, 0x5a82_7999)
      Self.roundChoose(b, &c, d, e, &a, w9, 0x5a82_7999)
      Self.roundChoose(a, &b, c, d, &e, w10, 0x5a82_7999)
      Self.roundChoose(e, &a, b, c, &d, w11, 0x5a82_7999)
      Self.roundChoose(d, &e, a, b, &c, w12, 0x5a82_7999)
      Self.roundChoose(c, &d, e, a, &b, w13, 0x5a82_7999)
      Self.roundChoose(b, &c, d, e, &a, w14, 0x5a82_7999)
      Self.roundChoose(a, &b, c, d, &e, w15, 0x5a82_7999)
      w0 = Self.schedule(w0, w2, w8, w13)
      Self.roundChoose(e, &a, b, c, &d, w0, 0x5a82_7999)
      w1 = Self.schedule(w1, w3, w9, w14)
      Self.roundChoose(d, &e, a, b, &c, w1, 0x5a82_7999)
      w2 = Self.schedule(w2, w4, w10, w15)
      Self.roundChoose(c, &d, e, a, &b, w2, 0x5a82_7999)
      w3 = Self.schedule(w3, w5, w11, w0)
      Self.roundChoose(b, &c, d, e, &a, w3, 0x5a82_7999)
      w4 = Self.schedule(w4, w6, w12, w1)
      Self.roundParity(a, &b, c, d, &e, w4, 0x6ed9_eba1)
      w5 = Self.schedule(w5, w7, w13, w2)
      Self.roundParity(e, &a, b, c, &d, w5, 0x6ed9_eba1)
      w6 = Self.schedule(w6, w8, w14, w3)
      Self.roundParity(d, &e, a, b, &c, w6, 0x6ed9_eba1)
      w7 = Self.schedule(w7, w9, w15, w4)
      Self.roundParity(c, &d, e, a, &b, w7, 0x6ed9_eba1)
      w8 = Self.schedule(w8, w10, w0, w5)
      Self.roundParity(b, &c, d, e, &a, w8, 0x6ed9_eba1)
      w9 = Self.schedule(w9, w11, w1, w6)
      Self.roundParity(a, &b, c, d, &e, w9, 0x6ed9_eba1)
      w10 = Self.schedule(w10, w12, w2, w7)
      Self.roundParity(e, &a, b, c, &d, w10, 0x6ed9_eba1)
      w11 = Self.schedule(w11, w13, w3, w8)
      Self.roundParity(d, &e, a, b, &c, w11, 0x6ed9_eba1)
      w12 = Self.schedule(w12, w14, w4, w9)
      Self.roundParity(c, &d, e, a, &b, w12, 0x6ed9_eba1)
      w13 = Self.schedule(w13, w15, w5, w10)
      Self.roundParity(b, &c, d, e, &a, w13, 0x6ed9_eba1)
      w14 = Self.schedule(w14, w0, w6, w11)
      Self.roundParity(a, &b, c, d, &e, w14, 0x6ed9_eba1)
      w15 = Self.schedule(w15, w1, w7, w12)
      Self.roundParity(e, &a, b, c, &d, w15, 0x6ed9_eba1)
      w0 = Self.schedule(w0, w2, w8, w13)
      Self.roundParity(d, &e, a, b, &c, w0, 0x6ed9_eba1)
      w1 = Self.schedule(w1, w3, w9, w14)
      Self.roundParity(c, &d, e, a, &b, w1, 0x6ed9_eba1)
      w2 = Self.schedule(w2, w4, w10, w15)
      Self.roundParity(b, &c, d, e, &a, w2, 0x6ed9_eba1)
      w3 = Self.schedule(w3, w5, w11, w0)
      Self.roundParity(a, &b, c, d, &e, w3, 0x6ed9_eba1)
      w4 = Self.schedule(w4, w6, w12, w1)
      Self.roundParity(e, &a, b, c, &d, w4, 0x6ed9_eba1)
      w5 = Self.schedule(w5, w7, w13, w2)
      Self.roundParity(d, &e, a, b, &c, w5, 0x6ed9_eba1)
      w6 = Self.schedule(w6, w8, w14, w3)
      Self.roundParity(c, &d, e, a, &b, w6, 0x6ed9_eba1)
      w7 = Self.schedule(w7, w9, w15, w4)
      Self.roundParity(b, &c, d, e, &a, w7, 0x6ed9_eba1)
      w8 = Self.schedule(w8, w10, w0, w5)
      Self.roundMajority(a, &b, c, d, &e, w8, 0x8f1b_bcdc)
      w9 = Self.schedule(w9, w11, w1, w6)
      Self.roundMajority(e, &a, b, c, &d, w9, 0x8f1b_bcdc)
      w10 = Self.schedule(w10, w12, w2, w7)
      Self.roundMajority(d, &e, a, b, &c, w10, 0x8f1b_bcdc)
      w11 = Self.schedule(w11, w13, w3, w8)
      Self.roundMajority(c, &d, e, a, &b, w11, 0x8f1b_bcdc)
      w12 = Self.schedule(w12, w14, w4, w9)
      Self.roundMajority(b, &c, d, e, &a, w12, 0x8f1b_bcdc)
      w13 = Self.schedule(w13, w15, w5, w10)
      Self.roundMajority(a, &b, c, d, &e, w13, 0x8f1b_bcdc)
      w14 = Self.schedule(w14, w0, w6, w11)
      Self.roundMajority(e, &a, b, c, &d, w14, 0x8f1b_bcdc)
      w15 = Self.schedule(w15, w1, w7, w12)
      Self.roundMajority(d, &e, a, b, &c, w15, 0x8f1b_bcdc)
      w0 = Self.schedule(w0, w2, w8, w13)
      Self.roundMajority(c, &d, e, a, &b, w0, 0x8f1b_bcdc)
      w1 = Self.schedule(w1, w3, w9, w14)
      Self.roundMajority(b, &c, d, e, &a, w1, 0x8f1b_bcdc)
      w2 = Self.schedule(w2, w4, w10, w15)
      Self.roundMajority(a, &b, c, d, &e, w2, 0x8f1b_bcdc)
      w3 = Self.schedule(w3, w5, w11, w0)
      Self.roundMajority(e, &a, b, c, &d, w3, 0x8f1b_bcdc)
      w4 = Self.schedule(w4, w6, w12, w1)
      Self.roundMajority(d, &e, a, b, &c, w4, 0x8f1b_bcdc)
      w5 = Self.schedule(w5, w7, w13, w2)
      Self.roundMajority(c, &d, e, a, &b, w5, 0x8f1b_bcdc)
      w6 = Self.schedule(w6, w8, w14, w3)
      Self.roundMajority(b, &c, d, e, &a, w6, 0x8f1b_bcdc)
      w7 = Self.schedule(w7, w9, w15, w4)
      Self.roundMajority(a, &b, c, d, &e, w7, 0x8f1b_bcdc)
      w8 = Self.schedule(w8, w10, w0, w5)
      Self.roundMajority(e, &a, b, c, &d, w8, 0x8f1b_bcdc)
      w9 = Self.schedule(w9, w11, w1, w6)
      Self.roundMajority(d, &e, a, b, &c, w9, 0x8f1b_bcdc)
      w10 = Self.schedule(w10, w12, w2, w7)
      Self.roundMajority(c, &d, e, a, &b, w10, 0x8f1b_bcdc)
      w11 = Self.schedule(w11, w13, w3, w8)
      Self.roundMajority(b, &c, d, e, &a, w11, 0x8f1b_bcdc)
      w12 = Self.schedule(w12, w14, w4, w9)
      Self.roundParity(a, &b, c, d, &e, w12, 0xca62_c1d6)
      w13 = Self.schedule(w13, w15, w5, w10)
      Self.roundParity(e, &a, b, c, &d, w13, 0xca62_c1d6)
      w14 = Self.schedule(w14, w0, w6, w11)
      Self.roundParity(d, &e, a, b, &c, w14, 0xca62_c1d6)
      w15 = Self.schedule(w15, w1, w7, w12)
      Self.roundParity(c, &d, e, a, &b, w15, 0xca62_c1d6)
      w0 = Self.schedule(w0, w2, w8, w13)
      Self.roundParity(b, &c, d, e, &a, w0, 0xca62_c1d6)
      w1 = Self.schedule(w1, w3, w9, w14)
      Self.roundParity(a, &b, c, d, &e, w1, 0xca62_c1d6)
      w2 = Self.schedule(w2, w4, w10, w15)
      Self.roundParity(e, &a, b, c, &d, w2, 0xca62_c1d6)
      w3 = Self.schedule(w3, w5, w11, w0)
      Self.roundParity(d, &e, a, b, &c, w3, 0xca62_c1d6)
      w4 = Self.schedule(w4, w6, w12, w1)
      Self.roundParity(c, &d, e, a, &b, w4, 0xca62_c1d6)
      w5 = Self.schedule(w5, w7, w13, w2)
      Self.roundParity(b, &c, d, e, &a, w5, 0xca62_c1d6)
      w6 = Self.schedule(w6, w8, w14, w3)
      Self.roundParity(a, &b, c, d, &e, w6, 0xca62_c1d6)
      w7 = Self.schedule(w7, w9, w15, w4)
      Self.roundParity(e, &a, b, c, &d, w7, 0xca62_c1d6)
      w8 = Self.schedule(w8, w10, w0, w5)
      Self.roundParity(d, &e, a, b, &c, w8, 0xca62_c1d6)
      w9 = Self.schedule(w9, w11, w1, w6)
      Self.roundParity(c, &d, e, a, &b, w9, 0xca62_c1d6)
      w10 = Self.schedule(w10, w12, w2, w7)
      Self.roundParity(b, &c, d, e, &a, w10, 0xca62_c1d6)
      w11 = Self.schedule(w11, w13, w3, w8)
      Self.roundParity(a, &b, c, d, &e, w11, 0xca62_c1d6)
      w12 = Self.schedule(w12, w14, w4, w9)
      Self.roundParity(e, &a, b, c, &d, w12, 0xca62_c1d6)
      w13 = Self.schedule(w13, w15, w5, w10)
      Self.roundParity(d, &e, a, b, &c, w13, 0xca62_c1d6)
      w14 = Self.schedule(w14, w0, w6, w11)
      Self.roundParity(c, &d, e, a, &b, w14, 0xca62_c1d6)
      w15 = Self.schedule(w15, w1, w7, w12)
      Self.roundParity(b, &c, d, e, &a, w15, 0xca62_c1d6)

      h0 &+= a
      h1 &+= b
      h2 &+= c
      h3 &+= d
      h4 &+= e
      block += 64
    }
    state = (h0, h1, h2, h3, h4)
  }

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
