/// A NIST prime curve y² = x³ − 3x + b over `Field`, with a generator of prime order n.
///
/// The point and ECDSA code is generic over this protocol and specialised per curve by the
/// compiler. Adding a curve takes its field type, its scalar type and these constants.
package protocol WeierstrassCurve {
  associatedtype Field: PrimeFieldElement
  associatedtype Scalar: ScalarFieldElement

  /// The constant b of the curve equation (a is −3).
  static var b: Field { get }
  static var generator: AffinePoint<Self> { get }
  /// n, big-endian, `Scalar.byteCount` bytes.
  static var orderBytes: [UInt8] { get }
  /// The split odd multiples of G for verification (`makeSplitOddMultiples`, `generatorWindow`).
  static var generatorOddMultiples: [AffinePoint<Self>] { get }
  /// For each part of a split scalar, 0 … 15 times its base point, for constant-time signing.
  static var generatorSigningTable: [ProjectivePoint<Self>] { get }
}

extension WeierstrassCurve {
  /// Builds `generatorOddMultiples` (once per curve, at first use).
  static func makeGeneratorOddMultiples() -> [AffinePoint<Self>] {
    makeSplitOddMultiples(of: generator, window: generatorWindow)
  }

  /// Builds `generatorSigningTable` (once per curve, at first use): for each part k of a split
  /// scalar, 0·B … 15·B for B = 2^(k·l)·G, with Z = 1 (the identity as (0 : 1 : 0)).
  static func makeGeneratorSigningTable() -> [ProjectivePoint<Self>] {
    var table: [ProjectivePoint<Self>] = []
    var base = ProjectivePoint<Self>(generator)
    for part in 0..<splitCount {
      if part > 0 {
        for _ in 0..<splitBitCount(Scalar.self) { base = base.doubled() }
        base = base.normalized()
      }
      var multiple = ProjectivePoint<Self>.identity
      for _ in 0..<16 {
        table.append(multiple.normalized())
        multiple = multiple.adding(base)
      }
    }
    return table
  }

  /// Whether (x, y) satisfies y² = x³ − 3x + b.
  static func isOnCurve(x: Field, y: Field) -> Bool {
    let right = (x.squared() * x) - (x + x + x) + b
    return (y.squared() - right).isZero
  }
}

/// Parses a hexadecimal constant of exactly `Field.byteCount` bytes (curve parameters only).
func curveConstant<Field: PrimeFieldElement>(_ hex: StaticString) -> Field {
  let bytes = hexBytes(hex)
  return bytes.withUnsafeBytes { Field(bigEndianBytes: $0)! }
}

/// The bytes of a hexadecimal string literal (curve parameters only).
func hexBytes(_ hex: StaticString) -> [UInt8] {
  hex.withUTF8Buffer { text in
    func nibble(_ character: UInt8) -> UInt8 {
      switch character {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
      default: return character - UInt8(ascii: "A") + 10
      }
    }
    var bytes: [UInt8] = []
    var index = 0
    while index + 1 < text.count {
      bytes.append(nibble(text[index]) << 4 | nibble(text[index + 1]))
      index += 2
    }
    return bytes
  }
}
