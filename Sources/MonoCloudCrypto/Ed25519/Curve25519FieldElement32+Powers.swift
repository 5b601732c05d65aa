// Exponentiations (inversion, square-root power), constant-time selection and batch inversion
// of the 32-bit-limb field; split from `Curve25519FieldElement32.swift` to keep files short.
extension Curve25519FieldElement32 {
  // The exponentiations below are the radix-2^51 type's addition chains, unchanged.

  /// self^(2^250 − 1) and self^11, the common start of inversion and square root.
  func powerTwo250MinusOne() -> (power: Curve25519FieldElement32, power11: Curve25519FieldElement32) {
    let z2 = squared()
    let z9 = z2.squared(times: 2) * self
    let z11 = z9 * z2
    let z2_5_0 = z11.squared() * z9  // 2^5 − 1
    let z2_10_0 = z2_5_0.squared(times: 5) * z2_5_0
    let z2_20_0 = z2_10_0.squared(times: 10) * z2_10_0
    let z2_40_0 = z2_20_0.squared(times: 20) * z2_20_0
    let z2_50_0 = z2_40_0.squared(times: 10) * z2_10_0
    let z2_100_0 = z2_50_0.squared(times: 50) * z2_50_0
    let z2_200_0 = z2_100_0.squared(times: 100) * z2_100_0
    let z2_250_0 = z2_200_0.squared(times: 50) * z2_50_0
    return (z2_250_0, z11)
  }

  /// The multiplicative inverse self^(p − 2); zero maps to zero. Constant time.
  package func inverted() -> Curve25519FieldElement32 {
    let (z2_250_0, z11) = powerTwo250MinusOne()
    return z2_250_0.squared(times: 5) * z11  // 2^255 − 21 = p − 2
  }

  /// self^((p − 5)/8) = self^(2^252 − 3), used for square roots.
  func powerP58() -> Curve25519FieldElement32 {
    let (z2_250_0, _) = powerTwo250MinusOne()
    return z2_250_0.squared(times: 2) * self
  }

  /// `a` where `mask` is 0, `b` where `mask` is all ones, without branching.
  @inlinable @inline(__always)
  static func select(_ a: Curve25519FieldElement32, _ b: Curve25519FieldElement32, mask wideMask: UInt64)
    -> Curve25519FieldElement32
  {
    let mask = UInt32(truncatingIfNeeded: wideMask)
    return Curve25519FieldElement32(
      limbs: a.l0 ^ ((a.l0 ^ b.l0) & mask), a.l1 ^ ((a.l1 ^ b.l1) & mask), a.l2 ^ ((a.l2 ^ b.l2) & mask),
      a.l3 ^ ((a.l3 ^ b.l3) & mask), a.l4 ^ ((a.l4 ^ b.l4) & mask), a.l5 ^ ((a.l5 ^ b.l5) & mask),
      a.l6 ^ ((a.l6 ^ b.l6) & mask), a.l7 ^ ((a.l7 ^ b.l7) & mask), a.l8 ^ ((a.l8 ^ b.l8) & mask),
      a.l9 ^ ((a.l9 ^ b.l9) & mask))
  }

  /// Inverts every element of `elements` with a single field inversion (Montgomery's trick).
  /// Elements must be nonzero. Used only for precomputing tables of public points.
  static func batchInvert(_ elements: inout [Curve25519FieldElement32]) {
    guard !elements.isEmpty else { return }
    var prefix = [Curve25519FieldElement32](repeating: .one, count: elements.count)
    var accumulator = Curve25519FieldElement32.one
    for index in elements.indices {
      prefix[index] = accumulator
      accumulator = accumulator * elements[index]
    }
    var inverse = accumulator.inverted()
    for index in elements.indices.reversed() {
      let original = elements[index]
      elements[index] = inverse * prefix[index]
      inverse = inverse * original
    }
  }
}
