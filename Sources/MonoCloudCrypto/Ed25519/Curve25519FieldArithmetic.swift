/// What both representations of GF(2^255 − 19) provide — radix 2^51 in five 64-bit limbs
/// (`Curve25519FieldElement`) and radix 2^25.5 in ten 32-bit limbs (`Curve25519FieldElement32`) —
/// so that what sits above the limbs is written once: the exponentiation chains, the encoding,
/// the tests on canonical values and batch inversion.
package protocol Curve25519FieldArithmetic: Sendable {
  static var zero: Self { get }
  static var one: Self { get }
  static func + (a: Self, b: Self) -> Self
  static func - (a: Self, b: Self) -> Self
  static func * (a: Self, b: Self) -> Self
  func squared() -> Self
  /// The canonical (fully reduced, < p) value as four little-endian 64-bit words.
  func canonicalWords() -> (UInt64, UInt64, UInt64, UInt64)
}

extension Curve25519FieldArithmetic {
  @inlinable @inline(__always)
  package func negated() -> Self { Self.zero - self }

  @inlinable @inline(__always)
  func doubled() -> Self { self + self }

  /// self^(2^count), by repeated squaring.
  @inlinable
  func squared(times count: Int) -> Self {
    var result = self
    for _ in 0..<count { result = result.squared() }
    return result
  }

  // MARK: Exponentiation

  /// self^(2^250 − 1) and self^11, the common start of inversion and square root.
  func powerTwo250MinusOne() -> (power: Self, power11: Self) {
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
  package func inverted() -> Self {
    let (z2_250_0, z11) = powerTwo250MinusOne()
    return z2_250_0.squared(times: 5) * z11  // 2^255 − 21 = p − 2
  }

  /// self^((p − 5)/8) = self^(2^252 − 3), used for square roots.
  func powerP58() -> Self {
    let (z2_250_0, _) = powerTwo250MinusOne()
    return z2_250_0.squared(times: 2) * self
  }

  /// Inverts every element of `elements` with a single field inversion (Montgomery's trick).
  /// Elements must be nonzero. Used only for precomputing tables of public points.
  static func batchInvert(_ elements: inout [Self]) {
    guard !elements.isEmpty else { return }
    var prefix = [Self](repeating: .one, count: elements.count)
    var accumulator = Self.one
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

  // MARK: Canonical value

  /// Writes the canonical 32-byte little-endian encoding.
  package func write(littleEndianBytesInto output: UnsafeMutableRawBufferPointer) {
    let words = canonicalWords()
    Self.storeWord(words.0, output, 0)
    Self.storeWord(words.1, output, 8)
    Self.storeWord(words.2, output, 16)
    Self.storeWord(words.3, output, 24)
  }

  @inline(__always)
  static func storeWord(_ word: UInt64, _ output: UnsafeMutableRawBufferPointer, _ offset: Int) {
    for index in 0..<8 { output[offset + index] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(index))) }
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
  package func isEqual(to other: Self) -> Bool { (self - other).isZero }
}
