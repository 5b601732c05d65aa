/// An element of GF(2^255 − 19), the field of Curve25519 and Ed25519.
///
/// Radix 2^51: five 64-bit limbs, value = l0 + l1·2^51 + l2·2^102 + l3·2^153 + l4·2^204.
/// Limbs are kept "loosely reduced" (below about 2^52) by every multiplication and
/// subtraction; sums of a few such elements may go unreduced into a multiplication,
/// which accepts limbs below 2^54. Every operation runs in time independent of the values.
package struct Curve25519FieldElement: Curve25519FieldArithmetic {
  @usableFromInline var l0: UInt64
  @usableFromInline var l1: UInt64
  @usableFromInline var l2: UInt64
  @usableFromInline var l3: UInt64
  @usableFromInline var l4: UInt64

  @usableFromInline static let limbMask: UInt64 = (1 << 51) - 1

  @inlinable @inline(__always)
  init(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64, _ l4: UInt64) {
    self.l0 = l0
    self.l1 = l1
    self.l2 = l2
    self.l3 = l3
    self.l4 = l4
  }

  package static let zero = Curve25519FieldElement(0, 0, 0, 0, 0)
  package static let one = Curve25519FieldElement(1, 0, 0, 0, 0)
  /// The Edwards curve constant d = −121665/121666.
  static let edwardsD = Curve25519FieldElement(
    0x34dc_a135_978a3, 0x1a82_83b1_56ebd, 0x5e7a_2600_1c029, 0x739c_663a_03cbb, 0x5203_6cee_2b6ff)
  /// 2·d, as used by the cached point forms.
  static let edwardsD2 = Curve25519FieldElement(
    0x69b9_426b_2f159, 0x3505_0762_add7a, 0x3cf4_4c00_38052, 0x6738_cc74_07977, 0x2406_d9dc_56dff)
  /// A square root of −1 (2^((p−1)/4)).
  static let squareRootOfMinusOne = Curve25519FieldElement(
    0x61b2_74a0_ea0b0, 0xd5a_5fc8_f189d, 0x7ef5_e9cb_d0c60, 0x7859_5a68_04c9e, 0x2b83_2480_4fc1d)

  // MARK: Encoding

  /// Reads 32 little-endian bytes, ignoring the top bit (bit 255).
  /// `isCanonical` is false when the 255-bit value is not below p.
  package init(littleEndianBytes bytes: UnsafeRawBufferPointer, isCanonical: inout Bool) {
    let w0 = Self.loadWord(bytes, 0)
    let w1 = Self.loadWord(bytes, 8)
    let w2 = Self.loadWord(bytes, 16)
    let w3 = Self.loadWord(bytes, 24)
    let mask = Self.limbMask
    self.init(
      w0 & mask, (w0 >> 51 | w1 << 13) & mask, (w1 >> 38 | w2 << 26) & mask,
      (w2 >> 25 | w3 << 39) & mask, (w3 >> 12) & mask)
    // p = 2^255 − 19: the only non-canonical values have all upper limbs full and l0 ≥ 2^51 − 19.
    let upperFull = l1 & l2 & l3 & l4 == mask
    isCanonical = !(upperFull && l0 >= mask - 18)
  }

  @inline(__always)
  static func loadWord(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
    var word: UInt64 = 0
    for index in 0..<8 { word |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
    return word
  }

  /// The canonical (fully reduced, < p) value as four little-endian 64-bit words.
  package func canonicalWords() -> (UInt64, UInt64, UInt64, UInt64) {
    let mask = Self.limbMask
    var h = self.weaklyReduced().weaklyReduced()
    // Limbs are now below 2^51 + small; h < 2p. q = 1 exactly when h ≥ p.
    var q = (h.l0 &+ 19) >> 51
    q = (h.l1 &+ q) >> 51
    q = (h.l2 &+ q) >> 51
    q = (h.l3 &+ q) >> 51
    q = (h.l4 &+ q) >> 51
    h.l0 = h.l0 &+ 19 &* q
    h.l1 = h.l1 &+ (h.l0 >> 51)
    h.l0 &= mask
    h.l2 = h.l2 &+ (h.l1 >> 51)
    h.l1 &= mask
    h.l3 = h.l3 &+ (h.l2 >> 51)
    h.l2 &= mask
    h.l4 = h.l4 &+ (h.l3 >> 51)
    h.l3 &= mask
    h.l4 &= mask  // drops 2^255, i.e. subtracts p together with the +19 above
    return (
      h.l0 | h.l1 << 51, h.l1 >> 13 | h.l2 << 38, h.l2 >> 26 | h.l3 << 25, h.l3 >> 39 | h.l4 << 12
    )
  }

  // MARK: Arithmetic

  /// Carries each limb's excess into the next (the top one, times 19, into the first).
  @inlinable @inline(__always)
  func weaklyReduced() -> Curve25519FieldElement {
    let mask = Self.limbMask
    let c0 = l0 >> 51
    let c1 = l1 >> 51
    let c2 = l2 >> 51
    let c3 = l3 >> 51
    let c4 = l4 >> 51
    return Curve25519FieldElement(
      (l0 & mask) &+ c4 &* 19, (l1 & mask) &+ c0, (l2 & mask) &+ c1, (l3 & mask) &+ c2, (l4 & mask) &+ c3)
  }

  /// Limb-wise sum without carrying: inputs below 2^53 keep the result usable by `*`.
  @inlinable @inline(__always)
  package static func + (a: Curve25519FieldElement, b: Curve25519FieldElement) -> Curve25519FieldElement {
    Curve25519FieldElement(a.l0 &+ b.l0, a.l1 &+ b.l1, a.l2 &+ b.l2, a.l3 &+ b.l3, a.l4 &+ b.l4)
  }

  /// a − b, computed as a + 16p − b (no underflow for limbs below 2^55), then carried.
  @inlinable @inline(__always)
  package static func - (a: Curve25519FieldElement, b: Curve25519FieldElement) -> Curve25519FieldElement {
    Curve25519FieldElement(
      (a.l0 &+ 0x7f_ffff_ffff_fed0) &- b.l0, (a.l1 &+ 0x7f_ffff_ffff_fff0) &- b.l1,
      (a.l2 &+ 0x7f_ffff_ffff_fff0) &- b.l2, (a.l3 &+ 0x7f_ffff_ffff_fff0) &- b.l3,
      (a.l4 &+ 0x7f_ffff_ffff_fff0) &- b.l4
    ).weaklyReduced()
  }

  @inlinable @inline(__always)
  package static func * (a: Curve25519FieldElement, b: Curve25519FieldElement) -> Curve25519FieldElement {
    let b1 = b.l1 &* 19
    let b2 = b.l2 &* 19
    let b3 = b.l3 &* 19
    let b4 = b.l4 &* 19
    let r0 =
      wideProduct(a.l0, b.l0) + wideProduct(a.l1, b4) + wideProduct(a.l2, b3) + wideProduct(a.l3, b2)
      + wideProduct(a.l4, b1)
    let r1 =
      wideProduct(a.l0, b.l1) + wideProduct(a.l1, b.l0) + wideProduct(a.l2, b4) + wideProduct(a.l3, b3)
      + wideProduct(a.l4, b2)
    let r2 =
      wideProduct(a.l0, b.l2) + wideProduct(a.l1, b.l1) + wideProduct(a.l2, b.l0) + wideProduct(a.l3, b4)
      + wideProduct(a.l4, b3)
    let r3 =
      wideProduct(a.l0, b.l3) + wideProduct(a.l1, b.l2) + wideProduct(a.l2, b.l1) + wideProduct(a.l3, b.l0)
      + wideProduct(a.l4, b4)
    let r4 =
      wideProduct(a.l0, b.l4) + wideProduct(a.l1, b.l3) + wideProduct(a.l2, b.l2) + wideProduct(a.l3, b.l1)
      + wideProduct(a.l4, b.l0)
    return carried(r0, r1, r2, r3, r4)
  }

  @inlinable @inline(__always)
  package func squared() -> Curve25519FieldElement {
    let d0 = l0 &* 2
    let d1 = l1 &* 2
    let d3 = l3 &* 2
    let l3x19 = l3 &* 19
    let l4x19 = l4 &* 19
    let r0 = wideProduct(l0, l0) + wideProduct(d1, l4x19) + wideProduct(l2 &* 2, l3x19)
    let r1 = wideProduct(d0, l1) + wideProduct(l2 &* 2, l4x19) + wideProduct(l3, l3x19)
    let r2 = wideProduct(d0, l2) + wideProduct(l1, l1) + wideProduct(d3, l4x19)
    let r3 = wideProduct(d0, l3) + wideProduct(d1, l2) + wideProduct(l4, l4x19)
    let r4 = wideProduct(d0, l4) + wideProduct(d1, l3) + wideProduct(l2, l2)
    return Self.carried(r0, r1, r2, r3, r4)
  }

  /// Reduces five 128-bit column sums (each below about 2^115) to loosely reduced limbs.
  @inlinable @inline(__always)
  static func carried(
    _ r0: WideWord, _ r1: WideWord, _ r2: WideWord, _ r3: WideWord, _ r4: WideWord
  ) -> Curve25519FieldElement {
    let mask = limbMask
    let s1 = r1 + r0.shiftedRight51
    let s2 = r2 + s1.shiftedRight51
    let s3 = r3 + s2.shiftedRight51
    let s4 = r4 + s3.shiftedRight51
    var h0 = (r0.low & mask) &+ s4.shiftedRight51 &* 19
    let h1 = (s1.low & mask) &+ (h0 >> 51)
    h0 &= mask
    return Curve25519FieldElement(h0, h1, s2.low & mask, s3.low & mask, s4.low & mask)
  }

  /// `a` where `mask` is 0, `b` where `mask` is all ones, without branching.
  @inlinable @inline(__always)
  static func select(_ a: Curve25519FieldElement, _ b: Curve25519FieldElement, mask: UInt64)
    -> Curve25519FieldElement
  {
    Curve25519FieldElement(
      a.l0 ^ ((a.l0 ^ b.l0) & mask), a.l1 ^ ((a.l1 ^ b.l1) & mask), a.l2 ^ ((a.l2 ^ b.l2) & mask),
      a.l3 ^ ((a.l3 ^ b.l3) & mask), a.l4 ^ ((a.l4 ^ b.l4) & mask))
  }

}

/// A 128-bit unsigned accumulator for the column sums of a field multiplication.
@usableFromInline
struct WideWord {
  @usableFromInline var low: UInt64
  @usableFromInline var high: UInt64

  @inlinable @inline(__always)
  init(low: UInt64, high: UInt64) {
    self.low = low
    self.high = high
  }

  @inlinable @inline(__always)
  static func + (a: WideWord, b: WideWord) -> WideWord {
    let low = a.low &+ b.low
    let carry: UInt64 = low < a.low ? 1 : 0  // compiles to an add-with-carry chain
    return WideWord(low: low, high: a.high &+ b.high &+ carry)
  }

  @inlinable @inline(__always)
  static func + (a: WideWord, b: UInt64) -> WideWord {
    let low = a.low &+ b
    let carry: UInt64 = low < b ? 1 : 0
    return WideWord(low: low, high: a.high &+ carry)
  }

  /// The value shifted right by 51 bits, truncated to 64 bits (callers keep it below 2^64).
  @inlinable @inline(__always)
  var shiftedRight51: UInt64 { (high << 13) | (low >> 51) }
}

/// The full 128-bit product of two limbs.
@inlinable @inline(__always)
func wideProduct(_ a: UInt64, _ b: UInt64) -> WideWord {
  let (high, low) = wideMultiply(a, b)
  return WideWord(low: low, high: high)
}
