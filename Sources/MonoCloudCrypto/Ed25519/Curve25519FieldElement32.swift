// The hand-written part of the 32-bit-limb field: conversions from 64-bit words and from the
// radix-2^51 limbs, the constants and decoding. The limb storage, carries and unrolled products
// are generated (Ed25519/Generated/Curve25519FieldElement32Limbs.swift, from
// Scripts/generate-curve25519-fields.py); what sits above the limbs is `Curve25519FieldArithmetic`'s.
extension Curve25519FieldElement32 {
  /// From the five radix-2^51 limbs of the 64-bit representation (each below 2^51), so that
  /// both types share their constants (curve constants, base point) written once.
  init(_ r0: UInt64, _ r1: UInt64, _ r2: UInt64, _ r3: UInt64, _ r4: UInt64) {
    self.init(
      words: r0 | r1 << 51, r1 >> 13 | r2 << 38, r2 >> 26 | r3 << 25, r3 >> 39 | r4 << 12)
  }

  /// The same value as a radix-2^51 element with tight limbs (each below 2^51).
  init(_ wide: Curve25519FieldElement) {
    self.init(wide.l0, wide.l1, wide.l2, wide.l3, wide.l4)
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
  // The curve constants are the radix-2^51 type's, converted once.
  static let edwardsD = Curve25519FieldElement32(Curve25519FieldElement.edwardsD)
  static let edwardsD2 = Curve25519FieldElement32(Curve25519FieldElement.edwardsD2)
  static let squareRootOfMinusOne = Curve25519FieldElement32(Curve25519FieldElement.squareRootOfMinusOne)

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
}
