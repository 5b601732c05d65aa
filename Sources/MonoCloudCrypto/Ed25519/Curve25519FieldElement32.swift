// GF(2^255 − 19) with 32-bit limbs, for 32-bit targets. wasm32 has a native 64-bit multiply but
// no 64×64→128-bit one, so the radix-2^51 field's 25 wide products per multiplication each cost
// four multiplies and a carry chain there; here a multiplication is 100 plain 32×32→64-bit
// products whose column sums fit in 64 bits, and one carry pass.

/// An element of GF(2^255 − 19) in radix 2^25.5: ten limbs alternating 26 and 25 bits,
/// value = Σ lᵢ·2^⌈25.5·i⌉ (limb i starts at bit 0, 26, 51, 77, 102, 128, 153, 179, 204, 230).
///
/// The same operations and invariants as the radix-2^51 `Curve25519FieldElement` (which it replaces on
/// wasm32, see `Ed25519Point.swift`), scaled: every multiplication and subtraction leaves limbs
/// "loosely reduced" (below 2^26 or 2^25 plus a little); sums of up to three such elements may
/// go unreduced into a multiplication (whose column sums then stay below 2^63) and sums of up
/// to two into the right side of a subtraction. Every operation runs in time independent of
/// the values. It compiles on every target so native tests can compare it with the 64-bit one.
package struct Curve25519FieldElement32: Sendable {
  @usableFromInline var l0: UInt32
  @usableFromInline var l1: UInt32
  @usableFromInline var l2: UInt32
  @usableFromInline var l3: UInt32
  @usableFromInline var l4: UInt32
  @usableFromInline var l5: UInt32
  @usableFromInline var l6: UInt32
  @usableFromInline var l7: UInt32
  @usableFromInline var l8: UInt32
  @usableFromInline var l9: UInt32

  @usableFromInline static let mask26: UInt32 = (1 << 26) - 1
  @usableFromInline static let mask25: UInt32 = (1 << 25) - 1

  @inlinable @inline(__always)
  init(
    limbs l0: UInt32, _ l1: UInt32, _ l2: UInt32, _ l3: UInt32, _ l4: UInt32,
    _ l5: UInt32, _ l6: UInt32, _ l7: UInt32, _ l8: UInt32, _ l9: UInt32
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
    self.l9 = l9
  }

  /// From the five radix-2^51 limbs of the 64-bit representation (each below 2^51), so that
  /// both types share their constants (curve constants, base point) written once.
  init(_ r0: UInt64, _ r1: UInt64, _ r2: UInt64, _ r3: UInt64, _ r4: UInt64) {
    self.init(
      words: r0 | r1 << 51, r1 >> 13 | r2 << 38, r2 >> 26 | r3 << 25, r3 >> 39 | r4 << 12)
  }

  /// From four little-endian 64-bit words, ignoring bit 255.
  @inline(__always)
  init(words w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
    let m26 = UInt64(Self.mask26)
    let m25 = UInt64(Self.mask25)
    self.init(
      limbs: UInt32(w0 & m26), UInt32((w0 >> 26) & m25), UInt32((w0 >> 51 | w1 << 13) & m26),
      UInt32((w1 >> 13) & m25), UInt32((w1 >> 38) & m26), UInt32(w2 & m25), UInt32((w2 >> 25) & m26),
      UInt32((w2 >> 51 | w3 << 13) & m25), UInt32((w3 >> 12) & m26), UInt32((w3 >> 38) & m25))
  }

  package static let zero = Curve25519FieldElement32(limbs: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  package static let one = Curve25519FieldElement32(limbs: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  /// The Edwards curve constant d = −121665/121666.
  static let edwardsD = Curve25519FieldElement32(
    0x34dc_a135_978a3, 0x1a82_83b1_56ebd, 0x5e7a_2600_1c029, 0x739c_663a_03cbb, 0x5203_6cee_2b6ff)
  /// 2·d, as used by the cached point forms.
  static let edwardsD2 = Curve25519FieldElement32(
    0x69b9_426b_2f159, 0x3505_0762_add7a, 0x3cf4_4c00_38052, 0x6738_cc74_07977, 0x2406_d9dc_56dff)
  /// A square root of −1 (2^((p−1)/4)).
  static let squareRootOfMinusOne = Curve25519FieldElement32(
    0x61b2_74a0_ea0b0, 0xd5a_5fc8_f189d, 0x7ef5_e9cb_d0c60, 0x7859_5a68_04c9e, 0x2b83_2480_4fc1d)

  // MARK: Encoding

  /// Reads 32 little-endian bytes, ignoring the top bit (bit 255).
  /// `isCanonical` is false when the 255-bit value is not below p.
  package init(littleEndianBytes bytes: UnsafeRawBufferPointer, isCanonical: inout Bool) {
    self.init(
      words: Curve25519FieldElement.loadWord(bytes, 0), Curve25519FieldElement.loadWord(bytes, 8),
      Curve25519FieldElement.loadWord(bytes, 16), Curve25519FieldElement.loadWord(bytes, 24))
    // p = 2^255 − 19: the only non-canonical values have all upper limbs full and l0 ≥ 2^26 − 19.
    let upperFull =
      l1 & l3 & l5 & l7 & l9 == Self.mask25 && l2 & l4 & l6 & l8 == Self.mask26
    isCanonical = !(upperFull && l0 >= Self.mask26 - 18)
  }

  /// The canonical (fully reduced, < p) value as four little-endian 64-bit words.
  func canonicalWords() -> (UInt64, UInt64, UInt64, UInt64) {
    let h = self.weaklyReduced().weaklyReduced()
    // Limbs are now at most 2^26 or 2^25, so h < 2p. q = 1 exactly when h + 19 ≥ 2^255, i.e. h ≥ p.
    var q = (h.l0 &+ 19) >> 26
    q = (h.l1 &+ q) >> 25
    q = (h.l2 &+ q) >> 26
    q = (h.l3 &+ q) >> 25
    q = (h.l4 &+ q) >> 26
    q = (h.l5 &+ q) >> 25
    q = (h.l6 &+ q) >> 26
    q = (h.l7 &+ q) >> 25
    q = (h.l8 &+ q) >> 26
    q = (h.l9 &+ q) >> 25
    // Add 19·q and carry through, dropping the final 2^255 (subtracting p together with the 19).
    var c = h.l0 &+ 19 &* q
    let l0 = UInt64(c & Self.mask26)
    c = h.l1 &+ (c >> 26)
    let l1 = UInt64(c & Self.mask25)
    c = h.l2 &+ (c >> 25)
    let l2 = UInt64(c & Self.mask26)
    c = h.l3 &+ (c >> 26)
    let l3 = UInt64(c & Self.mask25)
    c = h.l4 &+ (c >> 25)
    let l4 = UInt64(c & Self.mask26)
    c = h.l5 &+ (c >> 26)
    let l5 = UInt64(c & Self.mask25)
    c = h.l6 &+ (c >> 25)
    let l6 = UInt64(c & Self.mask26)
    c = h.l7 &+ (c >> 26)
    let l7 = UInt64(c & Self.mask25)
    c = h.l8 &+ (c >> 25)
    let l8 = UInt64(c & Self.mask26)
    c = h.l9 &+ (c >> 26)
    let l9 = UInt64(c & Self.mask25)
    return (
      l0 | l1 << 26 | l2 << 51, l2 >> 13 | l3 << 13 | l4 << 38, l5 | l6 << 25 | l7 << 51,
      l7 >> 13 | l8 << 12 | l9 << 38
    )
  }

  /// Writes the canonical 32-byte little-endian encoding.
  package func write(littleEndianBytesInto output: UnsafeMutableRawBufferPointer) {
    let words = canonicalWords()
    Curve25519FieldElement.storeWord(words.0, output, 0)
    Curve25519FieldElement.storeWord(words.1, output, 8)
    Curve25519FieldElement.storeWord(words.2, output, 16)
    Curve25519FieldElement.storeWord(words.3, output, 24)
  }

  /// Bit 0 of the canonical value (the "sign" of x in point encodings).
  var isNegative: Bool { canonicalWords().0 & 1 == 1 }

  /// 1 when the canonical value is odd, 0 otherwise, without branching.
  var parityBit: UInt64 { canonicalWords().0 & 1 }

  /// Whether the value is zero. Branch on it only for public values.
  package var isZero: Bool {
    let words = canonicalWords()
    return words.0 | words.1 | words.2 | words.3 == 0
  }

  /// Equality of the represented values. Branch on it only for public values.
  package func isEqual(to other: Curve25519FieldElement32) -> Bool { (self - other).isZero }

  // MARK: Arithmetic

  /// Carries each limb's excess into the next (the top one, times 19, into the first). Limbs
  /// below 2^29 come out at most 2^26 or 2^25 plus 2^9.
  @inlinable @inline(__always)
  func weaklyReduced() -> Curve25519FieldElement32 {
    let m26 = Self.mask26
    let m25 = Self.mask25
    return Curve25519FieldElement32(
      limbs: (l0 & m26) &+ (l9 >> 25) &* 19, (l1 & m25) &+ (l0 >> 26), (l2 & m26) &+ (l1 >> 25),
      (l3 & m25) &+ (l2 >> 26), (l4 & m26) &+ (l3 >> 25), (l5 & m25) &+ (l4 >> 26),
      (l6 & m26) &+ (l5 >> 25), (l7 & m25) &+ (l6 >> 26), (l8 & m26) &+ (l7 >> 25),
      (l9 & m25) &+ (l8 >> 26))
  }

  /// Limb-wise sum without carrying (see the type's note on how many may be added).
  @inlinable @inline(__always)
  package static func + (a: Curve25519FieldElement32, b: Curve25519FieldElement32) -> Curve25519FieldElement32 {
    Curve25519FieldElement32(
      limbs: a.l0 &+ b.l0, a.l1 &+ b.l1, a.l2 &+ b.l2, a.l3 &+ b.l3, a.l4 &+ b.l4, a.l5 &+ b.l5,
      a.l6 &+ b.l6, a.l7 &+ b.l7, a.l8 &+ b.l8, a.l9 &+ b.l9)
  }

  /// a − b, computed as a + 4p − b (no underflow while b's limbs stay below 4p's: 2^28 − 76 for
  /// the first, 2^28 − 4 and 2^27 − 4 for the others), then carried.
  @inlinable @inline(__always)
  package static func - (a: Curve25519FieldElement32, b: Curve25519FieldElement32) -> Curve25519FieldElement32 {
    let even: UInt32 = 0xfff_fffc  // 4·(2^26 − 1)
    let odd: UInt32 = 0x7ff_fffc  // 4·(2^25 − 1)
    return Curve25519FieldElement32(
      limbs: (a.l0 &+ 0xfff_ffb4) &- b.l0, (a.l1 &+ odd) &- b.l1, (a.l2 &+ even) &- b.l2,
      (a.l3 &+ odd) &- b.l3, (a.l4 &+ even) &- b.l4, (a.l5 &+ odd) &- b.l5, (a.l6 &+ even) &- b.l6,
      (a.l7 &+ odd) &- b.l7, (a.l8 &+ even) &- b.l8, (a.l9 &+ odd) &- b.l9
    ).weaklyReduced()
  }

  @inlinable @inline(__always)
  package func negated() -> Curve25519FieldElement32 { Curve25519FieldElement32.zero - self }

  @inlinable @inline(__always)
  func doubled() -> Curve25519FieldElement32 { self + self }

  /// The product: Σ aᵢ·bⱼ·2^(⌈25.5i⌉+⌈25.5j⌉), where two odd indices lose half a bit (factor 2)
  /// and weights from 2^255 up wrap around times 19.
  @inlinable @inline(__always)
  package static func * (a: Curve25519FieldElement32, b: Curve25519FieldElement32) -> Curve25519FieldElement32 {
    let a0 = UInt64(a.l0)
    let a1 = UInt64(a.l1)
    let a2 = UInt64(a.l2)
    let a3 = UInt64(a.l3)
    let a4 = UInt64(a.l4)
    let a5 = UInt64(a.l5)
    let a6 = UInt64(a.l6)
    let a7 = UInt64(a.l7)
    let a8 = UInt64(a.l8)
    let a9 = UInt64(a.l9)
    let a1x2 = a1 &* 2
    let a3x2 = a3 &* 2
    let a5x2 = a5 &* 2
    let a7x2 = a7 &* 2
    let a9x2 = a9 &* 2
    let b0 = UInt64(b.l0)
    let b1 = UInt64(b.l1)
    let b2 = UInt64(b.l2)
    let b3 = UInt64(b.l3)
    let b4 = UInt64(b.l4)
    let b5 = UInt64(b.l5)
    let b6 = UInt64(b.l6)
    let b7 = UInt64(b.l7)
    let b8 = UInt64(b.l8)
    let b9 = UInt64(b.l9)
    let b1x19 = b1 &* 19
    let b2x19 = b2 &* 19
    let b3x19 = b3 &* 19
    let b4x19 = b4 &* 19
    let b5x19 = b5 &* 19
    let b6x19 = b6 &* 19
    let b7x19 = b7 &* 19
    let b8x19 = b8 &* 19
    let b9x19 = b9 &* 19
    let r0 =
      a0 &* b0 &+ a1x2 &* b9x19 &+ a2 &* b8x19 &+ a3x2 &* b7x19 &+ a4 &* b6x19 &+ a5x2 &* b5x19 &+ a6 &* b4x19 &+ a7x2
      &* b3x19 &+ a8 &* b2x19 &+ a9x2 &* b1x19
    let r1 =
      a0 &* b1 &+ a1 &* b0 &+ a2 &* b9x19 &+ a3 &* b8x19 &+ a4 &* b7x19 &+ a5 &* b6x19 &+ a6 &* b5x19 &+ a7 &* b4x19
      &+ a8 &* b3x19 &+ a9 &* b2x19
    let r2 =
      a0 &* b2 &+ a1x2 &* b1 &+ a2 &* b0 &+ a3x2 &* b9x19 &+ a4 &* b8x19 &+ a5x2 &* b7x19 &+ a6 &* b6x19 &+ a7x2
      &* b5x19 &+ a8 &* b4x19 &+ a9x2 &* b3x19
    let r3 =
      a0 &* b3 &+ a1 &* b2 &+ a2 &* b1 &+ a3 &* b0 &+ a4 &* b9x19 &+ a5 &* b8x19 &+ a6 &* b7x19 &+ a7 &* b6x19 &+ a8
      &* b5x19 &+ a9 &* b4x19
    let r4 =
      a0 &* b4 &+ a1x2 &* b3 &+ a2 &* b2 &+ a3x2 &* b1 &+ a4 &* b0 &+ a5x2 &* b9x19 &+ a6 &* b8x19 &+ a7x2 &* b7x19
      &+ a8 &* b6x19 &+ a9x2 &* b5x19
    let r5 =
      a0 &* b5 &+ a1 &* b4 &+ a2 &* b3 &+ a3 &* b2 &+ a4 &* b1 &+ a5 &* b0 &+ a6 &* b9x19 &+ a7 &* b8x19 &+ a8 &* b7x19
      &+ a9 &* b6x19
    let r6 =
      a0 &* b6 &+ a1x2 &* b5 &+ a2 &* b4 &+ a3x2 &* b3 &+ a4 &* b2 &+ a5x2 &* b1 &+ a6 &* b0 &+ a7x2 &* b9x19 &+ a8
      &* b8x19 &+ a9x2 &* b7x19
    let r7 =
      a0 &* b7 &+ a1 &* b6 &+ a2 &* b5 &+ a3 &* b4 &+ a4 &* b3 &+ a5 &* b2 &+ a6 &* b1 &+ a7 &* b0 &+ a8 &* b9x19 &+ a9
      &* b8x19
    let r8 =
      a0 &* b8 &+ a1x2 &* b7 &+ a2 &* b6 &+ a3x2 &* b5 &+ a4 &* b4 &+ a5x2 &* b3 &+ a6 &* b2 &+ a7x2 &* b1 &+ a8 &* b0
      &+ a9x2 &* b9x19
    let r9 =
      a0 &* b9 &+ a1 &* b8 &+ a2 &* b7 &+ a3 &* b6 &+ a4 &* b5 &+ a5 &* b4 &+ a6 &* b3 &+ a7 &* b2 &+ a8 &* b1 &+ a9
      &* b0
    return carried(r0, r1, r2, r3, r4, r5, r6, r7, r8, r9)
  }

  @inlinable @inline(__always)
  package func squared() -> Curve25519FieldElement32 {
    let x0 = UInt64(l0)
    let x1 = UInt64(l1)
    let x2 = UInt64(l2)
    let x3 = UInt64(l3)
    let x4 = UInt64(l4)
    let x5 = UInt64(l5)
    let x6 = UInt64(l6)
    let x7 = UInt64(l7)
    let x8 = UInt64(l8)
    let x9 = UInt64(l9)
    let x0x2 = x0 &* 2
    let x1x2 = x1 &* 2
    let x2x2 = x2 &* 2
    let x3x2 = x3 &* 2
    let x4x2 = x4 &* 2
    let x5x2 = x5 &* 2
    let x6x2 = x6 &* 2
    let x7x2 = x7 &* 2
    let x8x2 = x8 &* 2
    let x9x2 = x9 &* 2
    let x1x4 = x1 &* 4
    let x3x4 = x3 &* 4
    let x5x4 = x5 &* 4
    let x7x4 = x7 &* 4
    let x5x19 = x5 &* 19
    let x6x19 = x6 &* 19
    let x7x19 = x7 &* 19
    let x8x19 = x8 &* 19
    let x9x19 = x9 &* 19
    let r0 = x0 &* x0 &+ x1x4 &* x9x19 &+ x2x2 &* x8x19 &+ x3x4 &* x7x19 &+ x4x2 &* x6x19 &+ x5x2 &* x5x19
    let r1 = x0x2 &* x1 &+ x2x2 &* x9x19 &+ x3x2 &* x8x19 &+ x4x2 &* x7x19 &+ x5x2 &* x6x19
    let r2 = x0x2 &* x2 &+ x1x2 &* x1 &+ x3x4 &* x9x19 &+ x4x2 &* x8x19 &+ x5x4 &* x7x19 &+ x6 &* x6x19
    let r3 = x0x2 &* x3 &+ x1x2 &* x2 &+ x4x2 &* x9x19 &+ x5x2 &* x8x19 &+ x6x2 &* x7x19
    let r4 = x0x2 &* x4 &+ x1x4 &* x3 &+ x2 &* x2 &+ x5x4 &* x9x19 &+ x6x2 &* x8x19 &+ x7x2 &* x7x19
    let r5 = x0x2 &* x5 &+ x1x2 &* x4 &+ x2x2 &* x3 &+ x6x2 &* x9x19 &+ x7x2 &* x8x19
    let r6 = x0x2 &* x6 &+ x1x4 &* x5 &+ x2x2 &* x4 &+ x3x2 &* x3 &+ x7x4 &* x9x19 &+ x8 &* x8x19
    let r7 = x0x2 &* x7 &+ x1x2 &* x6 &+ x2x2 &* x5 &+ x3x2 &* x4 &+ x8x2 &* x9x19
    let r8 = x0x2 &* x8 &+ x1x4 &* x7 &+ x2x2 &* x6 &+ x3x4 &* x5 &+ x4 &* x4 &+ x9x2 &* x9x19
    let r9 = x0x2 &* x9 &+ x1x2 &* x8 &+ x2x2 &* x7 &+ x3x2 &* x6 &+ x4x2 &* x5
    return Self.carried(r0, r1, r2, r3, r4, r5, r6, r7, r8, r9)
  }

  /// self^(2^count), by repeated squaring.
  @inlinable
  func squared(times count: Int) -> Curve25519FieldElement32 {
    var result = self
    for _ in 0..<count { result = result.squared() }
    return result
  }

  /// Reduces ten 64-bit column sums (each below 2^63) to loosely reduced limbs: one carry pass
  /// from r0 to r9, r9's excess times 19 back into r0, and one more carry into r1.
  @inlinable @inline(__always)
  static func carried(
    _ r0: UInt64, _ r1: UInt64, _ r2: UInt64, _ r3: UInt64, _ r4: UInt64,
    _ r5: UInt64, _ r6: UInt64, _ r7: UInt64, _ r8: UInt64, _ r9: UInt64
  ) -> Curve25519FieldElement32 {
    let m26 = UInt64(mask26)
    let m25 = UInt64(mask25)
    let s1 = r1 &+ (r0 >> 26)
    let s2 = r2 &+ (s1 >> 25)
    let s3 = r3 &+ (s2 >> 26)
    let s4 = r4 &+ (s3 >> 25)
    let s5 = r5 &+ (s4 >> 26)
    let s6 = r6 &+ (s5 >> 25)
    let s7 = r7 &+ (s6 >> 26)
    let s8 = r8 &+ (s7 >> 25)
    let s9 = r9 &+ (s8 >> 26)
    // s9 >> 25 < 2^39, so h0 < 2^44 and its carry into limb 1 is below 2^18.
    let h0 = (r0 & m26) &+ (s9 >> 25) &* 19
    return Curve25519FieldElement32(
      limbs: UInt32(h0 & m26), UInt32((s1 & m25) &+ (h0 >> 26)), UInt32(s2 & m26), UInt32(s3 & m25),
      UInt32(s4 & m26), UInt32(s5 & m25), UInt32(s6 & m26), UInt32(s7 & m25), UInt32(s8 & m26),
      UInt32(s9 & m25))
  }
}
