/// An integer modulo n, the order of the P-521 base point (FIPS 186-4 / SEC 2):
/// n = 0x01FF…FFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409 (521 bits).
///
/// Held in Montgomery form x · R mod n with R = 2^576, in nine saturated `UInt64` limbs
/// (little-endian), always fully reduced. Multiplication is word-by-word Montgomery (CIOS).
/// Every operation runs in time independent of the values.
package struct P521Scalar: Sendable, Equatable {
  @usableFromInline var w0: UInt64
  @usableFromInline var w1: UInt64
  @usableFromInline var w2: UInt64
  @usableFromInline var w3: UInt64
  @usableFromInline var w4: UInt64
  @usableFromInline var w5: UInt64
  @usableFromInline var w6: UInt64
  @usableFromInline var w7: UInt64
  @usableFromInline var w8: UInt64

  @inlinable @inline(__always)
  init(
    _ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64, _ w4: UInt64,
    _ w5: UInt64, _ w6: UInt64, _ w7: UInt64, _ w8: UInt64
  ) {
    self.w0 = w0
    self.w1 = w1
    self.w2 = w2
    self.w3 = w3
    self.w4 = w4
    self.w5 = w5
    self.w6 = w6
    self.w7 = w7
    self.w8 = w8
  }

  package static var byteCount: Int { 66 }

  /// The group order n (plain integer limbs).
  @inlinable static var modulus: Self {
    Self(
      0xbb6f_b71e_9138_6409, 0x3bb5_c9b8_899c_47ae, 0x7fcc_0148_f709_a5d0, 0x5186_8783_bf2f_966b,
      0xffff_ffff_ffff_fffa, 0xffff_ffff_ffff_ffff, 0xffff_ffff_ffff_ffff, 0xffff_ffff_ffff_ffff, 0x1ff)
  }

  /// −n⁻¹ mod 2^64, the Montgomery reduction factor.
  @inlinable static var modulusInverseNegated: UInt64 { 0x1d2f_5ccd_79a9_95c7 }

  /// R² mod n: multiplying by it (Montgomery) converts a plain integer into Montgomery form.
  @inlinable static var montgomeryRSquared: Self {
    Self(
      0x137c_d04d_cf15_dd04, 0xf707_badc_e554_7ea3, 0x12a7_8d38_7945_73ff, 0xd372_1ef5_57f7_5e06,
      0xdd6e_23d8_2e49_c7db, 0xcff3_d142_b775_6e3e, 0x5bcc_6d61_a8e5_67bc, 0x2d8e_03d1_492d_0d45, 0x3d)
  }

  package static var zero: Self { Self(0, 0, 0, 0, 0, 0, 0, 0, 0) }

  /// 1, that is R mod n in Montgomery form.
  package static var one: Self {
    Self(
      0xfb80_0000_0000_0000, 0x28a2_4824_70b7_63cd, 0x17e2_251b_23bb_31dc, 0xca40_19ff_5b84_7b2d,
      0x02d7_3cbc_3e20_6834, 0, 0, 0, 0)
  }

  // MARK: Encoding

  /// Reads exactly 66 big-endian bytes; `nil` for any other length or a value not below n.
  @inlinable
  package init?(bigEndianBytes bytes: UnsafeRawBufferPointer) {
    guard bytes.count == 66 else { return nil }
    let plain = Self.plainLimbs(bigEndian: bytes)
    // Below n iff plain − n borrows.
    let (_, borrow) = Self.subtracting(plain, Self.modulus)
    guard borrow == 1 else { return nil }
    self = Self.montgomeryProduct(Self.montgomeryRSquared, plain)
  }

  /// Reads a big-endian integer of at most 72 bytes (576 bits) and reduces it modulo n; `nil`
  /// when longer. For hash values and for field-element coordinates (which may exceed n).
  @inlinable
  package init?(reducingBigEndianBytes bytes: UnsafeRawBufferPointer) {
    guard bytes.count <= 72 else { return nil }
    var padded: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &padded) { buffer in
      // Right-align the input in a 72-byte big-endian buffer.
      let start = 72 - bytes.count
      for i in 0..<bytes.count { buffer[start + i] = bytes[i] }
    }
    let plain = withUnsafeBytes(of: padded) { buffer in
      Self(
        Self.word(buffer, 64), Self.word(buffer, 56), Self.word(buffer, 48), Self.word(buffer, 40),
        Self.word(buffer, 32), Self.word(buffer, 24), Self.word(buffer, 16), Self.word(buffer, 8),
        Self.word(buffer, 0))
    }
    // Any value below 2^576 times R² (< n) stays within the Montgomery bound.
    self = Self.montgomeryProduct(Self.montgomeryRSquared, plain)
  }

  @inlinable @inline(__always)
  static func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
    UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }

  /// The plain limbs of a 66-byte big-endian value (below 2^528).
  @inlinable @inline(__always)
  static func plainLimbs(bigEndian bytes: UnsafeRawBufferPointer) -> Self {
    Self(
      word(bytes, 58), word(bytes, 50), word(bytes, 42), word(bytes, 34), word(bytes, 26),
      word(bytes, 18), word(bytes, 10), word(bytes, 2), UInt64(bytes[0]) << 8 | UInt64(bytes[1]))
  }

  /// Writes the canonical big-endian encoding into the first 66 bytes of `output`.
  @inlinable
  package func write(bigEndianBytesInto output: UnsafeMutableRawBufferPointer) {
    precondition(output.count >= 66, "P521Scalar.write needs 66 bytes")
    let plain = Self.montgomeryProduct(self, Self(1, 0, 0, 0, 0, 0, 0, 0, 0))
    @inline(__always) func store(_ w: UInt64, _ offset: Int) {
      output.storeBytes(of: w.bigEndian, toByteOffset: offset, as: UInt64.self)
    }
    store(plain.w0, 58)
    store(plain.w1, 50)
    store(plain.w2, 42)
    store(plain.w3, 34)
    store(plain.w4, 26)
    store(plain.w5, 18)
    store(plain.w6, 10)
    store(plain.w7, 2)
    output[0] = UInt8(truncatingIfNeeded: plain.w8 >> 8)
    output[1] = UInt8(truncatingIfNeeded: plain.w8)
  }

  /// The canonical 66-byte big-endian encoding.
  @inlinable
  package var bigEndianBytes: [UInt8] {
    var bytes = [UInt8](repeating: 0, count: 66)
    bytes.withUnsafeMutableBytes { write(bigEndianBytesInto: $0) }
    return bytes
  }

  // MARK: Limb arithmetic

  /// a − b over nine limbs, with the final borrow (0 or 1).
  @inlinable @inline(__always)
  static func subtracting(_ a: Self, _ b: Self) -> (Self, UInt64) {
    var borrow: UInt64 = 0
    @inline(__always) func sub(_ x: UInt64, _ y: UInt64) -> UInt64 {
      let (d1, o1) = x.subtractingReportingOverflow(y)
      let (d2, o2) = d1.subtractingReportingOverflow(borrow)
      borrow = (o1 ? 1 : 0) | (o2 ? 1 : 0)
      return d2
    }
    let r = Self(
      sub(a.w0, b.w0), sub(a.w1, b.w1), sub(a.w2, b.w2), sub(a.w3, b.w3), sub(a.w4, b.w4),
      sub(a.w5, b.w5), sub(a.w6, b.w6), sub(a.w7, b.w7), sub(a.w8, b.w8))
    return (r, borrow)
  }

  /// a + b over nine limbs (callers keep the sum below 2^576).
  @inlinable @inline(__always)
  static func adding(_ a: Self, _ b: Self) -> Self {
    var carry: UInt64 = 0
    @inline(__always) func add(_ x: UInt64, _ y: UInt64) -> UInt64 {
      let (s1, o1) = x.addingReportingOverflow(y)
      let (s2, o2) = s1.addingReportingOverflow(carry)
      carry = (o1 ? 1 : 0) | (o2 ? 1 : 0)
      return s2
    }
    return Self(
      add(a.w0, b.w0), add(a.w1, b.w1), add(a.w2, b.w2), add(a.w3, b.w3), add(a.w4, b.w4),
      add(a.w5, b.w5), add(a.w6, b.w6), add(a.w7, b.w7), add(a.w8, b.w8))
  }

  /// Every limb ANDed with `mask`.
  @inlinable @inline(__always)
  func masked(_ mask: UInt64) -> Self {
    Self(w0 & mask, w1 & mask, w2 & mask, w3 & mask, w4 & mask, w5 & mask, w6 & mask, w7 & mask, w8 & mask)
  }

  /// x below 2n to x mod n: subtract n, and add it back where that borrowed.
  @inlinable @inline(__always)
  static func reducedOnce(_ x: Self) -> Self {
    let (difference, borrow) = subtracting(x, modulus)
    return select(difference, x, mask: 0 &- borrow)
  }

  /// The limb `i` (0…8) of `x`.
  @inlinable @inline(__always)
  static func limb(_ x: Self, _ i: Int) -> UInt64 {
    switch i {
    case 0: x.w0
    case 1: x.w1
    case 2: x.w2
    case 3: x.w3
    case 4: x.w4
    case 5: x.w5
    case 6: x.w6
    case 7: x.w7
    default: x.w8
    }
  }

  /// a · b · R⁻¹ mod n for a < n and any b below 2^576 (CIOS: multiply by one word of b, then
  /// add the multiple of n that clears the lowest word and shift it out). The running value
  /// stays below 2n, so nine limbs plus one top word suffice; one masked subtraction finishes.
  @inlinable
  static func montgomeryProduct(_ a: Self, _ b: Self) -> Self {
    let n = modulus
    var t = zero
    @inline(__always) func mulAdd(_ x: UInt64, _ y: UInt64, _ z: UInt64, _ carry: inout UInt64) -> UInt64 {
      // x · y + z + carry < 2^128.
      let (high, low) = x.multipliedFullWidth(by: y)
      let (s1, o1) = low.addingReportingOverflow(z)
      let (s2, o2) = s1.addingReportingOverflow(carry)
      carry = high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
      return s2
    }
    for i in 0..<9 {
      let bi = limb(b, i)
      var c: UInt64 = 0
      t.w0 = mulAdd(a.w0, bi, t.w0, &c)
      t.w1 = mulAdd(a.w1, bi, t.w1, &c)
      t.w2 = mulAdd(a.w2, bi, t.w2, &c)
      t.w3 = mulAdd(a.w3, bi, t.w3, &c)
      t.w4 = mulAdd(a.w4, bi, t.w4, &c)
      t.w5 = mulAdd(a.w5, bi, t.w5, &c)
      t.w6 = mulAdd(a.w6, bi, t.w6, &c)
      t.w7 = mulAdd(a.w7, bi, t.w7, &c)
      t.w8 = mulAdd(a.w8, bi, t.w8, &c)
      let top = c
      let m = t.w0 &* modulusInverseNegated
      c = 0
      _ = mulAdd(m, n.w0, t.w0, &c)  // the low word becomes zero by construction
      t.w0 = mulAdd(m, n.w1, t.w1, &c)
      t.w1 = mulAdd(m, n.w2, t.w2, &c)
      t.w2 = mulAdd(m, n.w3, t.w3, &c)
      t.w3 = mulAdd(m, n.w4, t.w4, &c)
      t.w4 = mulAdd(m, n.w5, t.w5, &c)
      t.w5 = mulAdd(m, n.w6, t.w6, &c)
      t.w6 = mulAdd(m, n.w7, t.w7, &c)
      t.w7 = mulAdd(m, n.w8, t.w8, &c)
      t.w8 = top &+ c  // the running value is below 2n < 2^522: no overflow
    }
    return reducedOnce(t)
  }

  // MARK: Arithmetic

  @inlinable
  package static func + (a: Self, b: Self) -> Self {
    reducedOnce(adding(a, b))
  }

  @inlinable
  package static func - (a: Self, b: Self) -> Self {
    let (difference, borrow) = subtracting(a, b)
    return adding(difference, modulus.masked(0 &- borrow))
  }

  @inlinable
  package static func * (a: Self, b: Self) -> Self {
    montgomeryProduct(a, b)
  }

  @inlinable
  package func squared() -> Self {
    Self.montgomeryProduct(self, self)
  }

  @inlinable
  package func negated() -> Self {
    Self.zero - self
  }

  /// The inverse by Fermat, a^(n − 2), with a fixed 4-bit window: the exponent is public, so
  /// only the (secret) base is protected; every window costs four squarings and one product.
  /// 0 maps to 0.
  @inlinable
  package func inverted() -> Self {
    let exponent = Self(
      0xbb6f_b71e_9138_6407, 0x3bb5_c9b8_899c_47ae, 0x7fcc_0148_f709_a5d0, 0x5186_8783_bf2f_966b,
      0xffff_ffff_ffff_fffa, 0xffff_ffff_ffff_ffff, 0xffff_ffff_ffff_ffff, 0xffff_ffff_ffff_ffff, 0x1ff)
    return withUnsafeTemporaryAllocation(of: Self.self, capacity: 16) { table in
      table.initialize(repeating: Self.one)
      for i in 1..<16 { table[i] = table[i - 1] * self }
      // 521 bits: the top window (bits 520…520 of window 130) holds one bit.
      var result = table[Int(Self.limb(exponent, 8) >> 8)]
      for window in stride(from: 129, through: 0, by: -1) {
        result = result.squared().squared().squared().squared()
        let digit = Self.limb(exponent, window >> 4) >> (UInt64(window & 15) << 2) & 0xF
        result = result * table[Int(digit)]
      }
      return result
    }
  }

  // MARK: Comparison and selection

  /// All ones when the scalar is zero, else zero, without branching.
  @inlinable
  package var isZeroMask: UInt64 {
    let x = w0 | w1 | w2 | w3 | w4 | w5 | w6 | w7 | w8
    return ((x | (0 &- x)) >> 63) &- 1
  }

  /// Whether the scalar is zero. Branch on it only for public values.
  @inlinable package var isZero: Bool { isZeroMask != 0 }

  /// `a` where `mask` is 0, `b` where `mask` is all ones, without branching.
  @inlinable @inline(__always)
  package static func select(_ a: Self, _ b: Self, mask: UInt64) -> Self {
    Self(
      a.w0 ^ ((a.w0 ^ b.w0) & mask), a.w1 ^ ((a.w1 ^ b.w1) & mask), a.w2 ^ ((a.w2 ^ b.w2) & mask),
      a.w3 ^ ((a.w3 ^ b.w3) & mask), a.w4 ^ ((a.w4 ^ b.w4) & mask), a.w5 ^ ((a.w5 ^ b.w5) & mask),
      a.w6 ^ ((a.w6 ^ b.w6) & mask), a.w7 ^ ((a.w7 ^ b.w7) & mask), a.w8 ^ ((a.w8 ^ b.w8) & mask))
  }

  /// Equality without branching on the limbs (both sides are fully reduced).
  @inlinable
  package static func == (a: Self, b: Self) -> Bool {
    let x =
      (a.w0 ^ b.w0) | (a.w1 ^ b.w1) | (a.w2 ^ b.w2) | (a.w3 ^ b.w3) | (a.w4 ^ b.w4) | (a.w5 ^ b.w5)
      | (a.w6 ^ b.w6) | (a.w7 ^ b.w7) | (a.w8 ^ b.w8)
    return x == 0
  }
}
