/// An element of GF(p) for p = 2^521 − 1, the field of the NIST P-521 curve.
///
/// Radix 2^58 in nine `UInt64` limbs: limbs 0…7 carry 58 bits and limb 8 carries 57
/// (8 · 58 + 57 = 521). A limb product fits in 116 bits, so each column of a product (nine terms)
/// fits in a 128-bit accumulator without intermediate carries. p is a Mersenne prime:
/// 2^521 ≡ 1 and 2^522 ≡ 2 (mod p), so product columns above limb 8 fold back onto the low
/// limbs doubled, and a carry out of bit 521 wraps onto limb 0 — reduction is a shift and an add.
///
/// Elements are kept loosely reduced (limbs 0…7 below 2^58 + 2^6, limb 8 below 2^57 + 2^6, value
/// congruent to the element); only encoding and the zero test compute the canonical value.
/// Every operation runs in time independent of the values.
package struct P521FieldElement: PrimeFieldElement {
  @usableFromInline var l0: UInt64
  @usableFromInline var l1: UInt64
  @usableFromInline var l2: UInt64
  @usableFromInline var l3: UInt64
  @usableFromInline var l4: UInt64
  @usableFromInline var l5: UInt64
  @usableFromInline var l6: UInt64
  @usableFromInline var l7: UInt64
  @usableFromInline var l8: UInt64

  /// 2^58 − 1: the mask of limbs 0…7.
  @usableFromInline static var mask58: UInt64 { 0x3FF_FFFF_FFFF_FFFF }
  /// 2^57 − 1: the mask of limb 8.
  @usableFromInline static var mask57: UInt64 { 0x1FF_FFFF_FFFF_FFFF }

  @inlinable @inline(__always)
  init(
    _ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64, _ l4: UInt64,
    _ l5: UInt64, _ l6: UInt64, _ l7: UInt64, _ l8: UInt64
  ) {
    self.l0 = l0
    self.l1 = l1
    self.l2 = l2
    self.l3 = l3
    self.l4 = l4
    self.l5 = l5
    self.l6 = l6
    self.l7 = l7
    self.l8 = l8
  }

  package static var byteCount: Int { 66 }

  @inlinable package static var zero: Self { Self(0, 0, 0, 0, 0, 0, 0, 0, 0) }
  @inlinable package static var one: Self { Self(1, 0, 0, 0, 0, 0, 0, 0, 0) }

  /// The coefficient b of P-521 (y² = x³ − 3x + b), from SEC 2 / FIPS 186-4.
  package static let curveB = Self(
    0x3451fd46b503f00, 0x0f7e20f4b0d3c7b, 0x00bd3bb1bf07357, 0x147b1fa4dec594b, 0x18ef109e1561939,
    0x26cc57cee2d2264, 0x0540eea2da725b9, 0x2687e4a688682da, 0x051953eb9618e1c)

  /// The x coordinate of the P-521 base point G (SEC 2 / FIPS 186-4).
  package static let generatorX = Self(
    0x17e7e31c2e5bd66, 0x22cf0615a90a6fe, 0x0127a2ffa8de334, 0x1dfbf9d64a3f877, 0x06b4d3dbaa14b5e,
    0x14fed487e0a2bd8, 0x15b4429c6481390, 0x3a73678fb2d988e, 0x0c6858e06b70404)

  /// The y coordinate of the P-521 base point G (SEC 2 / FIPS 186-4).
  package static let generatorY = Self(
    0x0be94769fd16650, 0x31c21a89cb09022, 0x39013fad0761353, 0x2657bd099031542, 0x3273e662c97ee72,
    0x1e6d11a05ebef45, 0x3d1bd998f544495, 0x3001172297ed0b1, 0x11839296a789a3b)

  // MARK: Encoding

  /// Reads exactly 66 big-endian bytes; `nil` for any other length or a value not below p
  /// (the top byte may hold only one bit, and p itself is rejected).
  @inlinable
  package init?(bigEndianBytes bytes: UnsafeRawBufferPointer) {
    guard bytes.count == 66 else { return nil }
    // Nine little-endian 64-bit words; word k holds bytes 58 − 8k ..< 66 − 8k, word 8 the top two.
    @inline(__always) func word(_ k: Int) -> UInt64 {
      UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 58 - 8 * k, as: UInt64.self))
    }
    let w0 = word(0)
    let w1 = word(1)
    let w2 = word(2)
    let w3 = word(3)
    let w4 = word(4)
    let w5 = word(5)
    let w6 = word(6)
    let w7 = word(7)
    let w8 = UInt64(bytes[0]) << 8 | UInt64(bytes[1])
    // Valid iff the value fits 521 bits and is not p (all 521 bits set); no early exit.
    let notP = ~(w0 & w1 & w2 & w3 & w4 & w5 & w6 & w7) | (w8 ^ 0x1FF)
    let isP = Self.zeroMask(notP)
    guard (w8 >> 9) | (isP & 1) == 0 else { return nil }
    let m = Self.mask58
    self.init(
      w0 & m,
      (w0 >> 58 | w1 << 6) & m,
      (w1 >> 52 | w2 << 12) & m,
      (w2 >> 46 | w3 << 18) & m,
      (w3 >> 40 | w4 << 24) & m,
      (w4 >> 34 | w5 << 30) & m,
      (w5 >> 28 | w6 << 36) & m,
      (w6 >> 22 | w7 << 42) & m,
      w7 >> 16 | w8 << 48)
  }

  /// Writes the canonical big-endian encoding into the first 66 bytes of `output`.
  @inlinable
  package func write(bigEndianBytesInto output: UnsafeMutableRawBufferPointer) {
    precondition(output.count >= 66, "P521FieldElement.write needs 66 bytes")
    let c = canonicalized()
    @inline(__always) func store(_ w: UInt64, _ k: Int) {
      output.storeBytes(of: w.bigEndian, toByteOffset: 58 - 8 * k, as: UInt64.self)
    }
    store(c.l0 | c.l1 << 58, 0)
    store(c.l1 >> 6 | c.l2 << 52, 1)
    store(c.l2 >> 12 | c.l3 << 46, 2)
    store(c.l3 >> 18 | c.l4 << 40, 3)
    store(c.l4 >> 24 | c.l5 << 34, 4)
    store(c.l5 >> 30 | c.l6 << 28, 5)
    store(c.l6 >> 36 | c.l7 << 22, 6)
    store(c.l7 >> 42 | c.l8 << 16, 7)
    output[0] = UInt8(truncatingIfNeeded: c.l8 >> 56)
    output[1] = UInt8(truncatingIfNeeded: c.l8 >> 48)
  }

  /// The canonical 66-byte big-endian encoding.
  @inlinable
  package var bigEndianBytes: [UInt8] {
    var bytes = [UInt8](repeating: 0, count: 66)
    bytes.withUnsafeMutableBytes { write(bigEndianBytesInto: $0) }
    return bytes
  }

  // MARK: Reduction

  /// All ones when `x` is zero, else zero, without branching.
  @inlinable @inline(__always)
  static func zeroMask(_ x: UInt64) -> UInt64 {
    ((x | (0 &- x)) >> 63) &- 1
  }

  /// The same value as the unique representative in [0, p) with tight limbs.
  @inlinable
  func canonicalized() -> Self {
    let m = Self.mask58
    var a = self
    // Two carry passes without wrap-around; each folds the bits above 2^521 back onto limb 0.
    // After the first the excess is a few bits; after the second it is at most one, and then
    // limb 0 is tiny, so adding it cannot carry again.
    for _ in 0..<2 {
      a.l1 &+= a.l0 >> 58
      a.l0 &= m
      a.l2 &+= a.l1 >> 58
      a.l1 &= m
      a.l3 &+= a.l2 >> 58
      a.l2 &= m
      a.l4 &+= a.l3 >> 58
      a.l3 &= m
      a.l5 &+= a.l4 >> 58
      a.l4 &= m
      a.l6 &+= a.l5 >> 58
      a.l5 &= m
      a.l7 &+= a.l6 >> 58
      a.l6 &= m
      a.l8 &+= a.l7 >> 58
      a.l7 &= m
      a.l0 &+= a.l8 >> 57
      a.l8 &= Self.mask57
    }
    // Now 0 ≤ value ≤ p; map p (all 521 bits set) to 0.
    let notP =
      (a.l0 ^ m) | (a.l1 ^ m) | (a.l2 ^ m) | (a.l3 ^ m) | (a.l4 ^ m) | (a.l5 ^ m) | (a.l6 ^ m) | (a.l7 ^ m)
      | (a.l8 ^ Self.mask57)
    let keep = ~Self.zeroMask(notP)
    return Self(
      a.l0 & keep, a.l1 & keep, a.l2 & keep, a.l3 & keep, a.l4 & keep, a.l5 & keep, a.l6 & keep,
      a.l7 & keep, a.l8 & keep)
  }

  /// One parallel carry round: every limb passes its excess to the next, limb 8 to limb 0
  /// (2^521 ≡ 1). Inputs below 2^60 leave limbs below 2^58 + 8.
  @inlinable @inline(__always)
  static func carried(
    _ s0: UInt64, _ s1: UInt64, _ s2: UInt64, _ s3: UInt64, _ s4: UInt64,
    _ s5: UInt64, _ s6: UInt64, _ s7: UInt64, _ s8: UInt64
  ) -> Self {
    let m = Self.mask58
    return Self(
      (s0 & m) &+ (s8 >> 57), (s1 & m) &+ (s0 >> 58), (s2 & m) &+ (s1 >> 58),
      (s3 & m) &+ (s2 >> 58), (s4 & m) &+ (s3 >> 58), (s5 & m) &+ (s4 >> 58),
      (s6 & m) &+ (s5 >> 58), (s7 & m) &+ (s6 >> 58), (s8 & Self.mask57) &+ (s7 >> 58))
  }

  /// Carries nine 128-bit column sums (each below 2^121) into loosely reduced limbs.
  @inlinable @inline(__always)
  static func reduced(
    _ t0: P521Wide, _ t1: P521Wide, _ t2: P521Wide, _ t3: P521Wide, _ t4: P521Wide,
    _ t5: P521Wide, _ t6: P521Wide, _ t7: P521Wide, _ t8: P521Wide
  ) -> Self {
    let m = Self.mask58
    var t1 = t1
    var t2 = t2
    var t3 = t3
    var t4 = t4
    var t5 = t5
    var t6 = t6
    var t7 = t7
    var t8 = t8
    var r0 = t0.low & m
    t1.add(t0.shiftedRight58)
    var r1 = t1.low & m
    t2.add(t1.shiftedRight58)
    let r2 = t2.low & m
    t3.add(t2.shiftedRight58)
    let r3 = t3.low & m
    t4.add(t3.shiftedRight58)
    let r4 = t4.low & m
    t5.add(t4.shiftedRight58)
    let r5 = t5.low & m
    t6.add(t5.shiftedRight58)
    let r6 = t6.low & m
    t7.add(t6.shiftedRight58)
    let r7 = t7.low & m
    t8.add(t7.shiftedRight58)
    let r8 = t8.low & Self.mask57
    // The carry out of bit 521 is below 2^64 and wraps onto limb 0.
    r0 &+= t8.low >> 57 | t8.high << 7
    r1 &+= r0 >> 58
    r0 &= m
    return Self(r0, r1, r2, r3, r4, r5, r6, r7, r8)
  }

  // MARK: Arithmetic

  @inlinable @inline(__always)
  package static func + (a: Self, b: Self) -> Self {
    carried(
      a.l0 &+ b.l0, a.l1 &+ b.l1, a.l2 &+ b.l2, a.l3 &+ b.l3, a.l4 &+ b.l4,
      a.l5 &+ b.l5, a.l6 &+ b.l6, a.l7 &+ b.l7, a.l8 &+ b.l8)
  }

  /// a + 2p − b limb by limb: 2p has limbs 2^59 − 2 (and 2^58 − 2 on top), each above the
  /// corresponding limb of any loosely reduced b, so no limb goes negative.
  @inlinable @inline(__always)
  package static func - (a: Self, b: Self) -> Self {
    let twoP: UInt64 = 0x7FF_FFFF_FFFF_FFFE
    let twoPTop: UInt64 = 0x3FF_FFFF_FFFF_FFFE
    return carried(
      a.l0 &+ (twoP &- b.l0), a.l1 &+ (twoP &- b.l1), a.l2 &+ (twoP &- b.l2),
      a.l3 &+ (twoP &- b.l3), a.l4 &+ (twoP &- b.l4), a.l5 &+ (twoP &- b.l5),
      a.l6 &+ (twoP &- b.l6), a.l7 &+ (twoP &- b.l7), a.l8 &+ (twoPTop &- b.l8))
  }

  @inlinable @inline(__always)
  package func negated() -> Self {
    Self.zero - self
  }

  @inlinable
  package static func * (a: Self, b: Self) -> Self {
    // Columns at or above limb 9 fold back doubled (2^522 ≡ 2), so use 2·b for them.
    let db1 = b.l1 &<< 1
    let db2 = b.l2 &<< 1
    let db3 = b.l3 &<< 1
    let db4 = b.l4 &<< 1
    let db5 = b.l5 &<< 1
    let db6 = b.l6 &<< 1
    let db7 = b.l7 &<< 1
    let db8 = b.l8 &<< 1
    var t0 = P521Wide(a.l0, b.l0)
    t0.add(a.l1, db8)
    t0.add(a.l2, db7)
    t0.add(a.l3, db6)
    t0.add(a.l4, db5)
    t0.add(a.l5, db4)
    t0.add(a.l6, db3)
    t0.add(a.l7, db2)
    t0.add(a.l8, db1)
    var t1 = P521Wide(a.l0, b.l1)
    t1.add(a.l1, b.l0)
    t1.add(a.l2, db8)
    t1.add(a.l3, db7)
    t1.add(a.l4, db6)
    t1.add(a.l5, db5)
    t1.add(a.l6, db4)
    t1.add(a.l7, db3)
    t1.add(a.l8, db2)
    var t2 = P521Wide(a.l0, b.l2)
    t2.add(a.l1, b.l1)
    t2.add(a.l2, b.l0)
    t2.add(a.l3, db8)
    t2.add(a.l4, db7)
    t2.add(a.l5, db6)
    t2.add(a.l6, db5)
    t2.add(a.l7, db4)
    t2.add(a.l8, db3)
    var t3 = P521Wide(a.l0, b.l3)
    t3.add(a.l1, b.l2)
    t3.add(a.l2, b.l1)
    t3.add(a.l3, b.l0)
    t3.add(a.l4, db8)
    t3.add(a.l5, db7)
    t3.add(a.l6, db6)
    t3.add(a.l7, db5)
    t3.add(a.l8, db4)
    var t4 = P521Wide(a.l0, b.l4)
    t4.add(a.l1, b.l3)
    t4.add(a.l2, b.l2)
    t4.add(a.l3, b.l1)
    t4.add(a.l4, b.l0)
    t4.add(a.l5, db8)
    t4.add(a.l6, db7)
    t4.add(a.l7, db6)
    t4.add(a.l8, db5)
    var t5 = P521Wide(a.l0, b.l5)
    t5.add(a.l1, b.l4)
    t5.add(a.l2, b.l3)
    t5.add(a.l3, b.l2)
    t5.add(a.l4, b.l1)
    t5.add(a.l5, b.l0)
    t5.add(a.l6, db8)
    t5.add(a.l7, db7)
    t5.add(a.l8, db6)
    var t6 = P521Wide(a.l0, b.l6)
    t6.add(a.l1, b.l5)
    t6.add(a.l2, b.l4)
    t6.add(a.l3, b.l3)
    t6.add(a.l4, b.l2)
    t6.add(a.l5, b.l1)
    t6.add(a.l6, b.l0)
    t6.add(a.l7, db8)
    t6.add(a.l8, db7)
    var t7 = P521Wide(a.l0, b.l7)
    t7.add(a.l1, b.l6)
    t7.add(a.l2, b.l5)
    t7.add(a.l3, b.l4)
    t7.add(a.l4, b.l3)
    t7.add(a.l5, b.l2)
    t7.add(a.l6, b.l1)
    t7.add(a.l7, b.l0)
    t7.add(a.l8, db8)
    var t8 = P521Wide(a.l0, b.l8)
    t8.add(a.l1, b.l7)
    t8.add(a.l2, b.l6)
    t8.add(a.l3, b.l5)
    t8.add(a.l4, b.l4)
    t8.add(a.l5, b.l3)
    t8.add(a.l6, b.l2)
    t8.add(a.l7, b.l1)
    t8.add(a.l8, b.l0)
    return reduced(t0, t1, t2, t3, t4, t5, t6, t7, t8)
  }

  /// The square: 45 limb products instead of 81 (each cross product once, doubled).
  @inlinable
  package func squared() -> Self {
    let l0 = self.l0
    let l1 = self.l1
    let l2 = self.l2
    let l3 = self.l3
    let l4 = self.l4
    let l5 = self.l5
    let l6 = self.l6
    let l7 = self.l7
    let l8 = self.l8
    let da0 = l0 &<< 1
    let da1 = l1 &<< 1
    let da2 = l2 &<< 1
    let da3 = l3 &<< 1
    let da4 = l4 &<< 1
    let da5 = l5 &<< 1
    let da6 = l6 &<< 1
    let da7 = l7 &<< 1
    let da8 = l8 &<< 1
    var t0 = P521Wide(l0, l0)
    t0.add(da1, da8)
    t0.add(da2, da7)
    t0.add(da3, da6)
    t0.add(da4, da5)
    var t1 = P521Wide(da0, l1)
    t1.add(da2, da8)
    t1.add(da3, da7)
    t1.add(da4, da6)
    t1.add(da5, l5)
    var t2 = P521Wide(da0, l2)
    t2.add(l1, l1)
    t2.add(da3, da8)
    t2.add(da4, da7)
    t2.add(da5, da6)
    var t3 = P521Wide(da0, l3)
    t3.add(da1, l2)
    t3.add(da4, da8)
    t3.add(da5, da7)
    t3.add(da6, l6)
    var t4 = P521Wide(da0, l4)
    t4.add(da1, l3)
    t4.add(l2, l2)
    t4.add(da5, da8)
    t4.add(da6, da7)
    var t5 = P521Wide(da0, l5)
    t5.add(da1, l4)
    t5.add(da2, l3)
    t5.add(da6, da8)
    t5.add(da7, l7)
    var t6 = P521Wide(da0, l6)
    t6.add(da1, l5)
    t6.add(da2, l4)
    t6.add(l3, l3)
    t6.add(da7, da8)
    var t7 = P521Wide(da0, l7)
    t7.add(da1, l6)
    t7.add(da2, l5)
    t7.add(da3, l4)
    t7.add(da8, l8)
    var t8 = P521Wide(da0, l8)
    t8.add(da1, l7)
    t8.add(da2, l6)
    t8.add(da3, l5)
    t8.add(l4, l4)
    return Self.reduced(t0, t1, t2, t3, t4, t5, t6, t7, t8)
  }

  /// `self` squared `count` times.
  @inlinable
  package func squared(times count: Int) -> Self {
    var x = self
    for _ in 0..<count { x = x.squared() }
    return x
  }

  /// `self · constant`, cheaper than a general multiplication (for the 2, 3, 4, 8 of curve formulas).
  @inlinable
  package func multipliedBy(smallConstant constant: UInt32) -> Self {
    let c = UInt64(constant)
    return Self.reduced(
      P521Wide(l0, c), P521Wide(l1, c), P521Wide(l2, c), P521Wide(l3, c), P521Wide(l4, c),
      P521Wide(l5, c), P521Wide(l6, c), P521Wide(l7, c), P521Wide(l8, c))
  }

  /// a^(p − 2) = a^(2^521 − 3): an addition chain of 520 squarings and 13 multiplications,
  /// built from x_k = a^(2^k − 1). 0 maps to 0.
  @inlinable
  package func inverted() -> Self {
    let x1 = self
    let x2 = x1.squared() * x1
    let x3 = x2.squared() * x1
    let x6 = x3.squared(times: 3) * x3
    let x7 = x6.squared() * x1
    let x8 = x7.squared() * x1
    let x16 = x8.squared(times: 8) * x8
    let x32 = x16.squared(times: 16) * x16
    let x64 = x32.squared(times: 32) * x32
    let x128 = x64.squared(times: 64) * x64
    let x256 = x128.squared(times: 128) * x128
    let x512 = x256.squared(times: 256) * x256
    let x519 = x512.squared(times: 7) * x7
    // (2^519 − 1) · 4 + 1 = 2^521 − 3.
    return x519.squared(times: 2) * x1
  }

  // MARK: Comparison and selection

  @inlinable
  package var isZeroMask: UInt64 {
    let c = canonicalized()
    return Self.zeroMask(c.l0 | c.l1 | c.l2 | c.l3 | c.l4 | c.l5 | c.l6 | c.l7 | c.l8)
  }

  @inlinable @inline(__always)
  package static func select(_ a: Self, _ b: Self, mask: UInt64) -> Self {
    Self(
      a.l0 ^ ((a.l0 ^ b.l0) & mask), a.l1 ^ ((a.l1 ^ b.l1) & mask), a.l2 ^ ((a.l2 ^ b.l2) & mask),
      a.l3 ^ ((a.l3 ^ b.l3) & mask), a.l4 ^ ((a.l4 ^ b.l4) & mask), a.l5 ^ ((a.l5 ^ b.l5) & mask),
      a.l6 ^ ((a.l6 ^ b.l6) & mask), a.l7 ^ ((a.l7 ^ b.l7) & mask), a.l8 ^ ((a.l8 ^ b.l8) & mask))
  }
}

/// A 128-bit column accumulator for products of limbs (`high:low`).
@usableFromInline
struct P521Wide {
  @usableFromInline var low: UInt64
  @usableFromInline var high: UInt64

  /// Starts with the product a · b.
  @inlinable @inline(__always)
  init(_ a: UInt64, _ b: UInt64) {
    (high, low) = a.multipliedFullWidth(by: b)
  }

  /// Adds the product a · b.
  @inlinable @inline(__always)
  mutating func add(_ a: UInt64, _ b: UInt64) {
    let product = a.multipliedFullWidth(by: b)
    let (sum, overflow) = low.addingReportingOverflow(product.low)
    low = sum
    high = high &+ product.high &+ (overflow ? 1 : 0)
  }

  /// Adds a 64-bit value.
  @inlinable @inline(__always)
  mutating func add(_ x: UInt64) {
    let (sum, overflow) = low.addingReportingOverflow(x)
    low = sum
    high = high &+ (overflow ? 1 : 0)
  }

  /// The value shifted right by 58 bits; fits 64 bits because columns stay below 2^122.
  @inlinable @inline(__always)
  var shiftedRight58: UInt64 { low >> 58 | high << 6 }
}
