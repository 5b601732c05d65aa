/// An element of a prime field GF(p), held in fixed-size limbs, for the elliptic-curve code.
///
/// Each NIST curve has its own conforming type with arithmetic specialised to its prime
/// (Montgomery form for P-256 and P-384, Mersenne reduction for P-521). The curve code is
/// generic over this protocol and is specialised per curve by the compiler; the protocol is
/// never used as an existential. All operations run in time independent of the values.
package protocol PrimeFieldElement: Sendable {
  /// Bytes of the canonical big-endian encoding: 32, 48 or 66.
  static var byteCount: Int { get }
  static var zero: Self { get }
  static var one: Self { get }

  /// Reads exactly `byteCount` big-endian bytes; `nil` when the value is not below p.
  init?(bigEndianBytes bytes: UnsafeRawBufferPointer)
  /// Writes the canonical (fully reduced) big-endian encoding into the first `byteCount` bytes.
  func write(bigEndianBytesInto output: UnsafeMutableRawBufferPointer)

  static func + (lhs: Self, rhs: Self) -> Self
  static func - (lhs: Self, rhs: Self) -> Self
  static func * (lhs: Self, rhs: Self) -> Self
  func squared() -> Self
  func negated() -> Self
  /// The multiplicative inverse (by Fermat's little theorem, constant time); 0 maps to 0.
  func inverted() -> Self

  /// 0 or all ones (`UInt64.max`) when the element is zero, without branching on the value.
  var isZeroMask: UInt64 { get }
  /// `a` where `mask` is 0, `b` where `mask` is all ones, without branching.
  static func select(_ a: Self, _ b: Self, mask: UInt64) -> Self
}

extension PrimeFieldElement {
  /// Whether the element is zero. Branch on it only for public values.
  @inlinable package var isZero: Bool { isZeroMask != 0 }
}

extension PrimeFieldElement {
  /// self^e for a public exponent e (limbs given by `exponentLimb`, least significant first;
  /// its top nonzero 4-bit window is `topNibble`), by fixed 4-bit windows: four squarings and at
  /// most one multiplication per window. Time independent of `self`; branches only on e.
  /// The generated fields invert with it (e = m − 2).
  func power(publicExponentLimb exponentLimb: (Int) -> UInt64, topNibble: Int) -> Self {
    withUnsafeTemporaryAllocation(of: Self.self, capacity: 16) { table in
      let powers = table.baseAddress!  // self⁰ … self¹⁵
      powers.initialize(to: .one)
      (powers + 1).initialize(to: self)
      for power in 2..<16 { (powers + power).initialize(to: powers[power &- 1] * self) }
      func digit(_ nibble: Int) -> Int {
        Int(truncatingIfNeeded: (exponentLimb(nibble &>> 4) &>> UInt64((nibble & 15) &* 4)) & 15)
      }
      var result = powers[digit(topNibble)]
      var nibble = topNibble &- 1
      while nibble >= 0 {
        for _ in 0..<4 { result = result.squared() }
        let window = digit(nibble)
        if window != 0 { result = result * powers[window] }
        nibble &-= 1
      }
      return result
    }
  }
}
