/// Scalar multiplications on edwards25519: a constant-time fixed-base one for signing and a
/// variable-time double-scalar one for verification, with their precomputed tables.
enum Ed25519ScalarMultiplication {
  /// NAF width for the base point in verification: 64 precomputed odd multiples.
  static let baseWindowWidth = 8
  /// NAF width for the public key in verification: 16 odd multiples, precomputed per key.
  static let keyWindowWidth = 6

  /// B, 3B, 5B, …, 127B in affine-Niels form, computed once.
  static let baseOddMultiples: [Ed25519AffineNielsPoint] = Ed25519ExtendedPoint.affineNiels(
    of: Ed25519ExtendedPoint.oddMultiples(of: .basePoint, count: 1 << (baseWindowWidth - 2)))

  /// Row i holds j·256^i·B for j = 1…8 (32 rows), for the radix-16 fixed-base method.
  static let baseRadix16Table: [Ed25519AffineNielsPoint] = {
    var points: [Ed25519ExtendedPoint] = []
    points.reserveCapacity(32 * 8)
    var rowBase = Ed25519ExtendedPoint.basePoint
    for _ in 0..<32 {
      let cached = rowBase.cached
      var multiple = rowBase
      points.append(multiple)
      for _ in 1..<8 {
        multiple = (multiple + cached).extended
        points.append(multiple)
      }
      for _ in 0..<8 { rowBase = rowBase.doubled() }
    }
    return Ed25519ExtendedPoint.affineNiels(of: points)
  }()

  /// The table a public key keeps for verification: odd multiples of −A.
  static func verificationTable(negating point: Ed25519ExtendedPoint) -> [Ed25519AffineNielsPoint] {
    let negated = Ed25519ExtendedPoint(x: point.x.negated(), y: point.y, z: point.z, t: point.t.negated())
    return Ed25519ExtendedPoint.affineNiels(
      of: Ed25519ExtendedPoint.oddMultiples(of: negated, count: 1 << (keyWindowWidth - 2)))
  }

  /// [a]B for a scalar below 2^255, in constant time: 64 signed radix-16 digits, each
  /// looked up by scanning its whole table row with masks.
  static func baseMultiple(_ scalar: Ed25519Scalar) -> Ed25519ExtendedPoint {
    withUnsafeTemporaryAllocation(of: Int8.self, capacity: 64) { buffer in
      let digits = buffer.baseAddress!
      scalar.signedRadix16(into: digits)
      let table = baseRadix16Table
      return table.withUnsafeBufferPointer { table in
        var h = Ed25519ExtendedPoint.identity
        // Odd digits first (16^(2i+1) = 16 · 256^i), then multiply by 16, then even digits.
        var index = 1
        while index < 64 {
          h = (h + select(table, row: index / 2, digit: digits[index])).extended
          index += 2
        }
        var projective = h.doubled().projective
        projective = projective.doubled().projective
        projective = projective.doubled().projective
        h = projective.doubled().extended
        index = 0
        while index < 64 {
          h = (h + select(table, row: index / 2, digit: digits[index])).extended
          index += 2
        }
        return h
      }
    }
  }

  /// digit·256^row·B for digit in [−8, 8], reading all eight entries of the row.
  @inline(__always)
  private static func select(
    _ table: UnsafeBufferPointer<Ed25519AffineNielsPoint>, row: Int, digit: Int8
  ) -> Ed25519AffineNielsPoint {
    let negativeMask = UInt64(bitPattern: Int64(digit) >> 63)
    let magnitude = UInt64(
      bitPattern: (Int64(digit) ^ Int64(bitPattern: negativeMask)) &- Int64(bitPattern: negativeMask))
    var result = Ed25519AffineNielsPoint.identity
    for entry in 0..<8 {
      let difference = magnitude ^ UInt64(entry + 1)
      let equalMask = 0 &- ((difference &- 1) >> 63)
      let candidate = table[row * 8 + entry]
      result.yPlusX = .select(result.yPlusX, candidate.yPlusX, mask: equalMask)
      result.yMinusX = .select(result.yMinusX, candidate.yMinusX, mask: equalMask)
      result.xy2d = .select(result.xy2d, candidate.xy2d, mask: equalMask)
    }
    // Negation swaps y+x with y−x and negates 2d·x·y.
    let swapped = Ed25519AffineNielsPoint(
      yPlusX: .select(result.yPlusX, result.yMinusX, mask: negativeMask),
      yMinusX: .select(result.yMinusX, result.yPlusX, mask: negativeMask),
      xy2d: .select(result.xy2d, result.xy2d.negated(), mask: negativeMask))
    return swapped
  }

  /// [b]B + [a]P where `pointTable` holds odd multiples of P (NAF width `keyWindowWidth`).
  /// Variable time: for verification, where every input is public. Both scalars below 2^255.
  static func doubleBaseMultiple(
    _ a: Ed25519Scalar, pointTable: [Ed25519AffineNielsPoint], _ b: Ed25519Scalar
  ) -> Ed25519ProjectivePoint {
    withUnsafeTemporaryAllocation(of: Int8.self, capacity: 512) { buffer in
      let aDigits = buffer.baseAddress!
      let bDigits = aDigits + 256
      a.nonAdjacentForm(width: keyWindowWidth, into: aDigits)
      b.nonAdjacentForm(width: baseWindowWidth, into: bDigits)
      var index = 255
      while index >= 0 && aDigits[index] == 0 && bDigits[index] == 0 { index -= 1 }
      let baseTable = baseOddMultiples
      return pointTable.withUnsafeBufferPointer { pointTable in
        baseTable.withUnsafeBufferPointer { baseTable in
          var r = Ed25519ProjectivePoint.identity
          while index >= 0 {
            var t = r.doubled()
            let aDigit = aDigits[index]
            if aDigit > 0 {
              t = t.extended + pointTable[Int(aDigit) / 2]
            } else if aDigit < 0 {
              t = t.extended - pointTable[Int(-aDigit) / 2]
            }
            let bDigit = bDigits[index]
            if bDigit > 0 {
              t = t.extended + baseTable[Int(bDigit) / 2]
            } else if bDigit < 0 {
              t = t.extended - baseTable[Int(-bDigit) / 2]
            }
            r = t.projective
            index -= 1
          }
          return r
        }
      }
    }
  }
}
