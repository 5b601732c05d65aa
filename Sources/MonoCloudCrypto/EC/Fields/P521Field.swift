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

  /// `a · b` with the column sums of `product` (the same terms, the same carries) as loops: a
  /// small fraction of the unrolled code, somewhat slower. What `*` and `squared()` run on
  /// wasm32, where the module's size matters more than ES512's speed. Branches only on indices.
  @inline(never) @usableFromInline
  package static func productByLoop(_ a: Self, _ b: Self) -> Self {
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 36) { buffer in
      let x = buffer.baseAddress!
      let y = x + 9
      let doubledY = x + 18  // 2·bⱼ for the columns that wrap past limb 8 (2^522 ≡ 2)
      let column = x + 27
      a.store(into: x)
      b.store(into: y)
      for j in 0..<9 { doubledY[j] = y[j] &<< 1 }
      var carry: UInt64 = 0
      var excess: UInt64 = 0
      for k in 0..<9 {
        var t = P521NativeAccumulator(x[0], y[k])
        for i in 1..<9 {
          let j = k &- i
          t.add(x[i], j >= 0 ? y[j] : doubledY[j &+ 9])
        }
        if k > 0 { t.add(carry: carry) }
        if k < 8 {
          column[k] = t.low & Self.mask58
          carry = t.shiftedRight58
        } else {
          column[8] = t.low & Self.mask57
          excess = t.shiftedRight57
        }
      }
      // The excess above bit 521 wraps onto limb 0; one more carry keeps limb 0 tight.
      var r0 = column[0] &+ excess
      let r1 = column[1] &+ (r0 >> 58)
      r0 &= Self.mask58
      return Self(r0, r1, column[2], column[3], column[4], column[5], column[6], column[7], column[8])
    }
  }

  @inline(__always)
  func store(into limbs: UnsafeMutablePointer<UInt64>) {
    limbs[0] = l0
    limbs[1] = l1
    limbs[2] = l2
    limbs[3] = l3
    limbs[4] = l4
    limbs[5] = l5
    limbs[6] = l6
    limbs[7] = l7
    limbs[8] = l8
  }

  /// `a · b` through the portable accumulator (two `UInt64` words), whatever the platform
  /// uses natively; lets tests check the code path of 32-bit and Apple targets on any machine.
  @inlinable
  package static func portableProduct(_ a: Self, _ b: Self) -> Self {
    product(a, b, P521PortableAccumulator.self)
  }

  /// `self²` through the portable accumulator; see `portableProduct`.
  @inlinable
  package func portableSquared() -> Self {
    Self.square(self, P521PortableAccumulator.self)
  }

  /// Schoolbook product, one column at a time: column k sums a_i · b_j over i + j ≡ k (mod 9)
  /// plus the carry of column k − 1, all below 2^121. Columns at or above limb 9 fold back
  /// doubled (2^522 ≡ 2), hence the doubled limbs of b for them.
  @inlinable @inline(__always)
  static func product<A: P521Accumulator>(_ a: Self, _ b: Self, _: A.Type) -> Self {
    let m = Self.mask58
    let db1 = b.l1 &<< 1
    let db2 = b.l2 &<< 1
    let db3 = b.l3 &<< 1
    let db4 = b.l4 &<< 1
    let db5 = b.l5 &<< 1
    let db6 = b.l6 &<< 1
    let db7 = b.l7 &<< 1
    let db8 = b.l8 &<< 1
    var t = A(a.l0, b.l0)
    t.add(a.l1, db8)
    t.add(a.l2, db7)
    t.add(a.l3, db6)
    t.add(a.l4, db5)
    t.add(a.l5, db4)
    t.add(a.l6, db3)
    t.add(a.l7, db2)
    t.add(a.l8, db1)
    var r0 = t.low & m
    let carry1 = t.shiftedRight58
    t = A(a.l0, b.l1)
    t.add(a.l1, b.l0)
    t.add(a.l2, db8)
    t.add(a.l3, db7)
    t.add(a.l4, db6)
    t.add(a.l5, db5)
    t.add(a.l6, db4)
    t.add(a.l7, db3)
    t.add(a.l8, db2)
    t.add(carry: carry1)
    var r1 = t.low & m
    let carry2 = t.shiftedRight58
    t = A(a.l0, b.l2)
    t.add(a.l1, b.l1)
    t.add(a.l2, b.l0)
    t.add(a.l3, db8)
    t.add(a.l4, db7)
    t.add(a.l5, db6)
    t.add(a.l6, db5)
    t.add(a.l7, db4)
    t.add(a.l8, db3)
    t.add(carry: carry2)
    let r2 = t.low & m
    let carry3 = t.shiftedRight58
    t = A(a.l0, b.l3)
    t.add(a.l1, b.l2)
    t.add(a.l2, b.l1)
    t.add(a.l3, b.l0)
    t.add(a.l4, db8)
    t.add(a.l5, db7)
    t.add(a.l6, db6)
    t.add(a.l7, db5)
    t.add(a.l8, db4)
    t.add(carry: carry3)
    let r3 = t.low & m
    let carry4 = t.shiftedRight58
    t = A(a.l0, b.l4)
    t.add(a.l1, b.l3)
    t.add(a.l2, b.l2)
    t.add(a.l3, b.l1)
    t.add(a.l4, b.l0)
    t.add(a.l5, db8)
    t.add(a.l6, db7)
    t.add(a.l7, db6)
    t.add(a.l8, db5)
    t.add(carry: carry4)
    let r4 = t.low & m
    let carry5 = t.shiftedRight58
    t = A(a.l0, b.l5)
    t.add(a.l1, b.l4)
    t.add(a.l2, b.l3)
    t.add(a.l3, b.l2)
    t.add(a.l4, b.l1)
    t.add(a.l5, b.l0)
    t.add(a.l6, db8)
    t.add(a.l7, db7)
    t.add(a.l8, db6)
    t.add(carry: carry5)
    let r5 = t.low & m
    let carry6 = t.shiftedRight58
    t = A(a.l0, b.l6)
    t.add(a.l1, b.l5)
    t.add(a.l2, b.l4)
    t.add(a.l3, b.l3)
    t.add(a.l4, b.l2)
    t.add(a.l5, b.l1)
    t.add(a.l6, b.l0)
    t.add(a.l7, db8)
    t.add(a.l8, db7)
    t.add(carry: carry6)
    let r6 = t.low & m
    let carry7 = t.shiftedRight58
    t = A(a.l0, b.l7)
    t.add(a.l1, b.l6)
    t.add(a.l2, b.l5)
    t.add(a.l3, b.l4)
    t.add(a.l4, b.l3)
    t.add(a.l5, b.l2)
    t.add(a.l6, b.l1)
    t.add(a.l7, b.l0)
    t.add(a.l8, db8)
    t.add(carry: carry7)
    let r7 = t.low & m
    let carry8 = t.shiftedRight58
    t = A(a.l0, b.l8)
    t.add(a.l1, b.l7)
    t.add(a.l2, b.l6)
    t.add(a.l3, b.l5)
    t.add(a.l4, b.l4)
    t.add(a.l5, b.l3)
    t.add(a.l6, b.l2)
    t.add(a.l7, b.l1)
    t.add(a.l8, b.l0)
    t.add(carry: carry8)
    let r8 = t.low & Self.mask57
    // The excess above bit 521 (below 2^64) wraps onto limb 0; one more carry keeps limb 0 tight.
    r0 &+= t.shiftedRight57
    r1 &+= r0 >> 58
    r0 &= m
    return Self(r0, r1, r2, r3, r4, r5, r6, r7, r8)
  }

  /// The square: 45 limb products instead of 81 (each cross product once, doubled).
  @inlinable @inline(__always)
  static func square<A: P521Accumulator>(_ x: Self, _: A.Type) -> Self {
    let m = Self.mask58
    let l0 = x.l0
    let l1 = x.l1
    let l2 = x.l2
    let l3 = x.l3
    let l4 = x.l4
    let l5 = x.l5
    let l6 = x.l6
    let l7 = x.l7
    let l8 = x.l8
    let da0 = l0 &<< 1
    let da1 = l1 &<< 1
    let da2 = l2 &<< 1
    let da3 = l3 &<< 1
    let da4 = l4 &<< 1
    let da5 = l5 &<< 1
    let da6 = l6 &<< 1
    let da7 = l7 &<< 1
    let da8 = l8 &<< 1
    var t = A(l0, l0)
    t.add(da1, da8)
    t.add(da2, da7)
    t.add(da3, da6)
    t.add(da4, da5)
    var r0 = t.low & m
    let carry9 = t.shiftedRight58
    t = A(da0, l1)
    t.add(da2, da8)
    t.add(da3, da7)
    t.add(da4, da6)
    t.add(da5, l5)
    t.add(carry: carry9)
    var r1 = t.low & m
    let carry10 = t.shiftedRight58
    t = A(da0, l2)
    t.add(l1, l1)
    t.add(da3, da8)
    t.add(da4, da7)
    t.add(da5, da6)
    t.add(carry: carry10)
    let r2 = t.low & m
    let carry11 = t.shiftedRight58
    t = A(da0, l3)
    t.add(da1, l2)
    t.add(da4, da8)
    t.add(da5, da7)
    t.add(da6, l6)
    t.add(carry: carry11)
    let r3 = t.low & m
    let carry12 = t.shiftedRight58
    t = A(da0, l4)
    t.add(da1, l3)
    t.add(l2, l2)
    t.add(da5, da8)
    t.add(da6, da7)
    t.add(carry: carry12)
    let r4 = t.low & m
    let carry13 = t.shiftedRight58
    t = A(da0, l5)
    t.add(da1, l4)
    t.add(da2, l3)
    t.add(da6, da8)
    t.add(da7, l7)
    t.add(carry: carry13)
    let r5 = t.low & m
    let carry14 = t.shiftedRight58
    t = A(da0, l6)
    t.add(da1, l5)
    t.add(da2, l4)
    t.add(l3, l3)
    t.add(da7, da8)
    t.add(carry: carry14)
    let r6 = t.low & m
    let carry15 = t.shiftedRight58
    t = A(da0, l7)
    t.add(da1, l6)
    t.add(da2, l5)
    t.add(da3, l4)
    t.add(da8, l8)
    t.add(carry: carry15)
    let r7 = t.low & m
    let carry16 = t.shiftedRight58
    t = A(da0, l8)
    t.add(da1, l7)
    t.add(da2, l6)
    t.add(da3, l5)
    t.add(l4, l4)
    t.add(carry: carry16)
    let r8 = t.low & Self.mask57
    // The excess above bit 521 (below 2^64) wraps onto limb 0; one more carry keeps limb 0 tight.
    r0 &+= t.shiftedRight57
    r1 &+= r0 >> 58
    r0 &= m
    return Self(r0, r1, r2, r3, r4, r5, r6, r7, r8)
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

  @inlinable @inline(__always)
  static func scaled<A: P521Accumulator>(_ x: Self, _ c: UInt64, _: A.Type) -> Self {
    let m = Self.mask58
    let l0 = x.l0
    let l1 = x.l1
    let l2 = x.l2
    let l3 = x.l3
    let l4 = x.l4
    let l5 = x.l5
    let l6 = x.l6
    let l7 = x.l7
    let l8 = x.l8
    var t = A(l0, c)
    var r0 = t.low & m
    let carry17 = t.shiftedRight58
    t = A(l1, c)
    t.add(carry: carry17)
    var r1 = t.low & m
    let carry18 = t.shiftedRight58
    t = A(l2, c)
    t.add(carry: carry18)
    let r2 = t.low & m
    let carry19 = t.shiftedRight58
    t = A(l3, c)
    t.add(carry: carry19)
    let r3 = t.low & m
    let carry20 = t.shiftedRight58
    t = A(l4, c)
    t.add(carry: carry20)
    let r4 = t.low & m
    let carry21 = t.shiftedRight58
    t = A(l5, c)
    t.add(carry: carry21)
    let r5 = t.low & m
    let carry22 = t.shiftedRight58
    t = A(l6, c)
    t.add(carry: carry22)
    let r6 = t.low & m
    let carry23 = t.shiftedRight58
    t = A(l7, c)
    t.add(carry: carry23)
    let r7 = t.low & m
    let carry24 = t.shiftedRight58
    t = A(l8, c)
    t.add(carry: carry24)
    let r8 = t.low & Self.mask57
    // The excess above bit 521 (below 2^64) wraps onto limb 0; one more carry keeps limb 0 tight.
    r0 &+= t.shiftedRight57
    r1 &+= r0 >> 58
    r0 &= m
    return Self(r0, r1, r2, r3, r4, r5, r6, r7, r8)
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

/// A 128-bit column sum of limb products (below 2^122 in use).
@usableFromInline
protocol P521Accumulator {
  /// Starts with the product a · b.
  init(_ a: UInt64, _ b: UInt64)
  /// Adds the product a · b.
  mutating func add(_ a: UInt64, _ b: UInt64)
  /// Adds a 64-bit value.
  mutating func add(carry: UInt64)
  /// The low 64 bits.
  var low: UInt64 { get }
  /// The sum shifted right by 58 bits (fits 64 bits for sums below 2^122).
  var shiftedRight58: UInt64 { get }
  /// The sum shifted right by 57 bits (fits 64 bits for sums below 2^121).
  var shiftedRight57: UInt64 { get }
}

/// The accumulator from two `UInt64` words with explicit carries: works on every target.
@usableFromInline
struct P521PortableAccumulator: P521Accumulator {
  @usableFromInline var low: UInt64
  @usableFromInline var high: UInt64

  @inlinable @inline(__always)
  init(_ a: UInt64, _ b: UInt64) {
    (high, low) = wideMultiply(a, b)
  }

  @inlinable @inline(__always)
  mutating func add(_ a: UInt64, _ b: UInt64) {
    let product = wideMultiply(a, b)
    let (sum, overflow) = low.addingReportingOverflow(product.low)
    low = sum
    high = high &+ product.high &+ (overflow ? 1 : 0)
  }

  @inlinable @inline(__always)
  mutating func add(carry: UInt64) {
    let (sum, overflow) = low.addingReportingOverflow(carry)
    low = sum
    high = high &+ (overflow ? 1 : 0)
  }

  @inlinable @inline(__always)
  var shiftedRight58: UInt64 { low >> 58 | high << 6 }

  @inlinable @inline(__always)
  var shiftedRight57: UInt64 { low >> 57 | high << 7 }
}

// On 64-bit non-Apple targets the stdlib `UInt128` (always available there) lets LLVM see the
// column sums as 128-bit additions and emit add/adc pairs (measured ~33 ns against ~36 ns per
// product on x86-64). Apple platforms gate `UInt128` behind OS availability and 32-bit targets
// would need a 128-bit multiply routine, so they use the portable accumulator.
#if (arch(x86_64) || arch(arm64)) && !canImport(Darwin)
  /// The accumulator as a stdlib `UInt128`.
  @usableFromInline
  struct P521NativeAccumulator: P521Accumulator {
    @usableFromInline var value: UInt128

    @inlinable @inline(__always)
    init(_ a: UInt64, _ b: UInt64) {
      value = UInt128(a) &* UInt128(b)
    }

    @inlinable @inline(__always)
    mutating func add(_ a: UInt64, _ b: UInt64) {
      value &+= UInt128(a) &* UInt128(b)
    }

    @inlinable @inline(__always)
    mutating func add(carry: UInt64) { value &+= UInt128(carry) }

    @inlinable @inline(__always)
    var low: UInt64 { UInt64(truncatingIfNeeded: value) }

    @inlinable @inline(__always)
    var shiftedRight58: UInt64 { UInt64(truncatingIfNeeded: value &>> 58) }

    @inlinable @inline(__always)
    var shiftedRight57: UInt64 { UInt64(truncatingIfNeeded: value &>> 57) }
  }
#else
  @usableFromInline typealias P521NativeAccumulator = P521PortableAccumulator
#endif
