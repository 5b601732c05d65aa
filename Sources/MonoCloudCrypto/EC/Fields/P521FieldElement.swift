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

  // MARK: Reduction

  /// All ones when `x` is zero, else zero, without branching.
  @inlinable @inline(__always)
  static func zeroMask(_ x: UInt64) -> UInt64 {
    ((x | (0 &- x)) &>> 63) &- 1
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
      a.l1 &+= a.l0 &>> 58
      a.l0 &= m
      a.l2 &+= a.l1 &>> 58
      a.l1 &= m
      a.l3 &+= a.l2 &>> 58
      a.l2 &= m
      a.l4 &+= a.l3 &>> 58
      a.l3 &= m
      a.l5 &+= a.l4 &>> 58
      a.l4 &= m
      a.l6 &+= a.l5 &>> 58
      a.l5 &= m
      a.l7 &+= a.l6 &>> 58
      a.l6 &= m
      a.l8 &+= a.l7 &>> 58
      a.l7 &= m
      a.l0 &+= a.l8 &>> 57
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
      (s0 & m) &+ (s8 &>> 57), (s1 & m) &+ (s0 &>> 58), (s2 & m) &+ (s1 &>> 58),
      (s3 & m) &+ (s2 &>> 58), (s4 & m) &+ (s3 &>> 58), (s5 & m) &+ (s4 &>> 58),
      (s6 & m) &+ (s5 &>> 58), (s7 & m) &+ (s6 &>> 58), (s8 & Self.mask57) &+ (s7 &>> 58))
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
    #if arch(wasm32)
      productByLoop(a, b)
    #else
      product(a, b, P521NativeAccumulator.self)
    #endif
  }

  @inlinable
  package func squared() -> Self {
    #if arch(wasm32)
      Self.productByLoop(self, self)
    #else
      Self.square(self, P521NativeAccumulator.self)
    #endif
  }

  /// `self` squared `count` times.
  @inlinable
  package func squared(times count: Int) -> Self {
    var x = self
    for _ in 0..<count { x = x.squared() }
    return x
  }

  /// `self · constant`: nine limb products, cheaper than a general multiplication (for the
  /// 2, 3, 4, 8 of curve formulas).
  @inlinable
  package func multipliedBy(smallConstant constant: UInt32) -> Self {
    Self.scaled(self, UInt64(constant), P521NativeAccumulator.self)
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
