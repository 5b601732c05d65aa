import MonoCloudCrypto
import Testing

// Edge cases of the arithmetic under Ed25519: GF(2^255 − 19) and scalars modulo L. Known answers
// were computed with Python's arbitrary-precision integers.

private func littleEndian(hex: String) -> [UInt8] {
  var result: [UInt8] = []
  var high: UInt8?
  for character in hex.utf8 {
    let nibble = character <= UInt8(ascii: "9") ? character - UInt8(ascii: "0") : character - UInt8(ascii: "a") + 10
    if let value = high {
      result.append(value << 4 | nibble)
      high = nil
    } else {
      high = nibble
    }
  }
  return result
}

private func element(_ bytes: [UInt8]) -> (Curve25519FieldElement, isCanonical: Bool) {
  var isCanonical = true
  let value = bytes.withUnsafeBytes { Curve25519FieldElement(littleEndianBytes: $0, isCanonical: &isCanonical) }
  return (value, isCanonical)
}

private func encoding(_ value: Curve25519FieldElement) -> [UInt8] {
  var output = [UInt8](repeating: 0, count: 32)
  output.withUnsafeMutableBytes { value.write(littleEndianBytesInto: $0) }
  return output
}

private func small(_ value: UInt8) -> [UInt8] { [value] + [UInt8](repeating: 0, count: 31) }

/// p + offset for small offsets (as 32 little-endian bytes, top bit clear).
private func primePlus(_ offset: UInt8) -> [UInt8] {
  var bytes = [0xed] + [UInt8](repeating: 0xff, count: 30) + [0x7f]
  bytes[0] = 0xed &+ offset
  return bytes
}

/// Deterministic pseudo-random field encodings (below 2^255).
private func pseudoRandomBytes(_ seed: Int) -> [UInt8] {
  var state = UInt64(truncatingIfNeeded: seed) &* 0x9e37_79b9_7f4a_7c15 &+ 1
  var bytes: [UInt8] = []
  for _ in 0..<32 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    bytes.append(UInt8(truncatingIfNeeded: state >> 33))
  }
  bytes[31] &= 0x7f
  return bytes
}

@Suite struct Ed25519ArithmeticTests {
  @Test func fieldEncodingRejectsAndReducesValuesFromP() {
    #expect(element(primePlus(0)).isCanonical == false)
    #expect(element(primePlus(1)).isCanonical == false)
    #expect(element(primePlus(18)).isCanonical == false)  // 2^255 − 1
    var pMinusOne = primePlus(0)
    pMinusOne[0] = 0xec
    #expect(element(pMinusOne).isCanonical)
    #expect(encoding(element(pMinusOne).0) == pMinusOne)
    // Non-canonical inputs still compute correctly and encode reduced.
    #expect(encoding(element(primePlus(5)).0) == small(5))
    #expect(encoding(element(primePlus(0)).0) == small(0))
    #expect(element(primePlus(0)).0.isZero)
    // The top bit (the sign of x in point encodings) is ignored.
    var withTopBit = small(7)
    withTopBit[31] = 0x80
    #expect(encoding(element(withTopBit).0) == small(7))
  }

  @Test func fieldKnownAnswers() {
    let two = element(small(2)).0
    let halfExpected = littleEndian(hex: "f7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff3f")
    #expect(encoding(two.inverted()) == halfExpected)
    #expect(encoding(Curve25519FieldElement.zero.inverted()) == small(0))
    #expect(
      encoding(Curve25519FieldElement.one.negated())
        == littleEndian(hex: "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"))
    let minusOne = element(primePlus(0)).0 - .one
    #expect(minusOne.isEqual(to: Curve25519FieldElement.one.negated()))
    // (p − 1)² = 1.
    #expect(encoding(minusOne * minusOne) == small(1))
    #expect(encoding(minusOne.squared()) == small(1))
  }

  @Test func fieldIdentitiesOnPseudoRandomValues() {
    var count = 0
    for seed in 0..<200 {
      let a = element(pseudoRandomBytes(seed)).0
      let b = element(pseudoRandomBytes(seed + 1000)).0
      // (a + b)(a − b) = a² − b²
      #expect(((a + b) * (a - b)).isEqual(to: a.squared() - b.squared()), "seed \(seed)")
      #expect(a.squared().isEqual(to: a * a), "seed \(seed)")
      #expect((a + a.negated()).isZero, "seed \(seed)")
      #expect((a - b + b).isEqual(to: a), "seed \(seed)")
      // Loosely reduced operands: eight-term sums go straight into a multiplication.
      let eightA = a + a + a + a + a + a + a + a
      let ab = a * b
      let eightAB = ab + ab + ab + ab + ab + ab + ab + ab
      #expect((eightA * b).isEqual(to: eightAB), "seed \(seed)")
      #expect(eightA.squared().isEqual(to: eightA * eightA), "seed \(seed)")
      if !a.isZero {
        #expect(encoding(a * a.inverted()) == small(1), "seed \(seed)")
      }
      count += 1
    }
    #expect(count == 200)
  }

  private func scalarBytes(_ scalar: Ed25519Scalar) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: 32)
    output.withUnsafeMutableBytes { scalar.write(littleEndianBytesInto: $0) }
    return output
  }

  private func scalar(_ bytes: [UInt8]) -> Ed25519Scalar {
    bytes.withUnsafeBytes { Ed25519Scalar(littleEndianBytes: $0) }
  }

  private func reduced(_ bytes: [UInt8]) -> [UInt8] {
    scalarBytes(bytes.withUnsafeBytes { Ed25519Scalar.reduced(wide: $0) })
  }

  static let order = littleEndian(hex: "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")

  @Test func scalarReductionKnownAnswers() {
    let zero = [UInt8](repeating: 0, count: 32)
    #expect(reduced(Self.order + zero) == zero)
    #expect(reduced(zero + zero) == zero)
    #expect(
      reduced([UInt8](repeating: 0xff, count: 64))
        == littleEndian(hex: "000f9c44e31106a447938568a71b0ed065bef517d273ecce3d9a307c1b419903"))
    #expect(
      reduced(zero + [1] + [UInt8](repeating: 0, count: 31))
        == littleEndian(hex: "1d95988d7431ecd670cf7d73f45befc6feffffffffffffffffffffffffffff0f"))
    var orderMinusOne = Self.order
    orderMinusOne[0] -= 1
    #expect(reduced(orderMinusOne + zero) == orderMinusOne)
    var orderPlusOne = Self.order
    orderPlusOne[0] += 1
    #expect(reduced(orderPlusOne + zero) == [1] + zero.dropFirst())
  }

  @Test func scalarMultiplyAddKnownAnswers() {
    var orderMinusOne = Self.order
    orderMinusOne[0] -= 1
    let zero = [UInt8](repeating: 0, count: 32)
    // (L − 1)² = 1 (mod L)
    let square = Ed25519Scalar.multiplyAdd(scalar(orderMinusOne), scalar(orderMinusOne), scalar(zero))
    #expect(scalarBytes(square) == [1] + zero.dropFirst())
    // (2^256 − 1)(2^255 − 1) + (L − 1), the largest product signing can meet.
    var below255 = [UInt8](repeating: 0xff, count: 32)
    below255[31] = 0x7f
    let large = Ed25519Scalar.multiplyAdd(
      scalar([UInt8](repeating: 0xff, count: 32)), scalar(below255), scalar(orderMinusOne))
    #expect(
      scalarBytes(large) == littleEndian(hex: "afcfd487f784c53f274cf54ca2f75de734dffa0be93976e71e4d18be8da0cc09"))
  }

  @Test func scalarCanonicalBound() {
    var orderMinusOne = Self.order
    orderMinusOne[0] -= 1
    #expect(scalar(orderMinusOne).isCanonical)
    #expect(!scalar(Self.order).isCanonical)
    #expect(!scalar([UInt8](repeating: 0xff, count: 32)).isCanonical)
    #expect(scalar([UInt8](repeating: 0, count: 32)).isCanonical)
  }
}
