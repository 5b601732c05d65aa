// The hand-written part of the radix-2^51 field: the constants, decoding, and the 128-bit column
// sums its products use. The limb storage, carries and unrolled products are generated
// (Ed25519/Generated/Curve25519FieldElementLimbs.swift, from Scripts/generate-curve25519-fields.py);
// what sits above the limbs is `Curve25519FieldArithmetic`'s.
extension Curve25519FieldElement {
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
