/// The ECDSA computations of one curve (FIPS 186-5 §6.4), on fixed-size values: verification
/// with a double-scalar multiplication, and the signing equation with a constant-time
/// multiplication of the generator.
package enum ECDSAArithmetic<Curve: WeierstrassCurve> {
  package typealias Field = Curve.Field
  package typealias Scalar = Curve.Scalar

  /// The public point (x, y) from exact-length big-endian coordinates, if both are below p and
  /// the point is on the curve. The identity has no such encoding, so it is rejected too.
  package static func publicPoint(x: UnsafeRawBufferPointer, y: UnsafeRawBufferPointer) -> AffinePoint<Curve>? {
    guard let x = Field(bigEndianBytes: x), let y = Field(bigEndianBytes: y), Curve.isOnCurve(x: x, y: y) else {
      return nil
    }
    return AffinePoint(x: x, y: y)
  }

  /// The message representative e: the truncated digest reduced modulo n.
  package static func digestScalar(_ digest: UnsafeRawBufferPointer) -> Scalar {
    withUnsafeTemporaryAllocation(byteCount: Scalar.byteCount, alignment: 8) { buffer in
      leftmostBits(of: digest, into: buffer, scalar: Scalar.self)
      return Scalar(reducingBigEndianBytes: UnsafeRawBufferPointer(buffer))
    }
  }

  // MARK: Verification (all inputs public: branches and table indices may depend on them)

  /// Whether (r, s), each exactly `Scalar.byteCount` big-endian bytes, is a valid signature of
  /// `digest` under the key whose tables are `publicKey`: 1 ≤ r, s < n and x(u1·G + u2·Q) ≡ r (mod n).
  package static func verify(
    publicKey: PublicKeyTables<Curve>, r rBytes: UnsafeRawBufferPointer, s sBytes: UnsafeRawBufferPointer,
    digest: UnsafeRawBufferPointer
  ) -> Bool {
    guard let r = Scalar(bigEndianBytes: rBytes), let s = Scalar(bigEndianBytes: sBytes), !r.isZero, !s.isZero
    else { return false }
    let inverse = publicInverse(s, order: Curve.orderBytes)
    let point = doubleScalarMultiply(digestScalar(digest) * inverse, r * inverse, publicKey)
    if point.isIdentity { return false }
    // x(R) = X/Z². Without inverting Z: x(R) mod n = r iff X = r·Z², or X = (r + n)·Z² when r + n < p.
    guard let rField = Field(bigEndianBytes: rBytes) else { return false }
    let zSquared = point.z.squared()
    if (rField * zSquared - point.x).isZero { return true }
    return withUnsafeTemporaryAllocation(byteCount: Field.byteCount, alignment: 8) { sum in
      var carry: UInt16 = 0
      Curve.orderBytes.withUnsafeBytes { order in
        for index in (0..<Field.byteCount).reversed() {
          let total = UInt16(rBytes[index]) + UInt16(order[index]) + carry
          sum[index] = UInt8(truncatingIfNeeded: total)
          carry = total >> 8
        }
      }
      guard carry == 0, let shifted = Field(bigEndianBytes: UnsafeRawBufferPointer(sum)) else { return false }
      return (shifted * zSquared - point.x).isZero
    }
  }

  /// u1·G + u2·Q by Straus' method over split scalars (see `VerificationTables.swift`): one
  /// shared chain of `splitBitCount` doublings, and for each part of u1 and u2 its wNAF digits
  /// over the precomputed odd multiples of the matching power-of-two multiple of G or Q.
  static func doubleScalarMultiply(_ u1: Scalar, _ u2: Scalar, _ key: PublicKeyTables<Curve>) -> JacobianPoint<Curve> {
    let partBits = splitBitCount(Scalar.self)
    let length = partBits + 1
    let generatorPerPart = 1 << (generatorWindow - 2)
    let keyPerPart = 1 << (publicKeyWindow - 2)
    // Two buffers rather than one: each stays below the size that is always stack-allocated.
    return withUnsafeTemporaryAllocation(of: Int8.self, capacity: splitCount * length) { u1Digits in
      withUnsafeTemporaryAllocation(of: Int8.self, capacity: splitCount * length) { u2Digits in
        withUnsafeTemporaryAllocation(byteCount: Scalar.byteCount, alignment: 8) { bytes in
          // Digits of part k of a scalar at [k·length, (k+1)·length).
          func writeDigits(of scalar: Scalar, width: Int, into digits: UnsafeMutableBufferPointer<Int8>) {
            scalar.write(bigEndianBytesInto: bytes)
            for part in 0..<splitCount {
              let range = (part * length)..<((part + 1) * length)
              wNAF(
                of: UnsafeRawBufferPointer(bytes), from: part * partBits, count: partBits, width: width,
                into: UnsafeMutableBufferPointer(rebasing: digits[range]))
            }
          }
          writeDigits(of: u1, width: generatorWindow, into: u1Digits)
          writeDigits(of: u2, width: publicKeyWindow, into: u2Digits)
        }
        return Curve.generatorOddMultiples.withUnsafeBufferPointer { generatorMultiples in
          key.multiples.withUnsafeBufferPointer { keyMultiples in
            var position = length - 1
            while position >= 0
              && !(0..<splitCount).contains(where: {
                u1Digits[$0 * length + position] != 0 || u2Digits[$0 * length + position] != 0
              })
            {
              position -= 1
            }
            var accumulator = JacobianPoint<Curve>.identity
            while position >= 0 {
              accumulator = accumulator.doubled()
              for part in 0..<splitCount {
                let generatorDigit = Int(u1Digits[part * length + position])
                if generatorDigit > 0 {
                  accumulator = accumulator.adding(generatorMultiples[part * generatorPerPart + generatorDigit >> 1])
                } else if generatorDigit < 0 {
                  accumulator = accumulator.adding(
                    generatorMultiples[part * generatorPerPart + (-generatorDigit) >> 1].negated())
                }
                let keyDigit = Int(u2Digits[part * length + position])
                if keyDigit > 0 {
                  accumulator = accumulator.adding(keyMultiples[part * keyPerPart + keyDigit >> 1])
                } else if keyDigit < 0 {
                  accumulator = accumulator.adding(keyMultiples[part * keyPerPart + (-keyDigit) >> 1].negated())
                }
              }
              position -= 1
            }
            return accumulator
          }
        }
      }
    }
  }

  /// The width-`width` non-adjacent form of bits [start, start + count) of a public big-endian
  /// integer: digits odd, below 2^(width−1) in absolute value, non-zero digits at least `width`
  /// positions apart. `digits` has count + 1 entries (room for the final carry).
  static func wNAF(
    of bytes: UnsafeRawBufferPointer, from start: Int, count: Int, width: Int,
    into digits: UnsafeMutableBufferPointer<Int8>
  ) {
    func bit(_ offset: Int) -> Int {
      let position = start + offset
      guard offset < count, position < 8 * bytes.count else { return 0 }
      return Int(bytes[bytes.count - 1 - position >> 3] >> UInt8(position & 7)) & 1
    }
    for index in digits.indices { digits[index] = 0 }
    var carry = 0
    var position = 0
    while position < digits.count {
      if bit(position) == carry {
        position += 1
        continue
      }
      let windowCount = min(width, digits.count - position)
      var word = carry
      for offset in 0..<windowCount { word += bit(position + offset) << offset }
      carry = (word >> (width - 1)) & 1
      word -= carry << width
      digits[position] = Int8(truncatingIfNeeded: word)
      position += windowCount
    }
  }

  // MARK: Signing (secret inputs: no branch or table index depends on them)

  /// k·G by fixed 4-bit windows over the split scalar (see `VerificationTables.swift`): k is cut
  /// into `splitCount` parts, and each window adds, for every part, the multiple of that part's
  /// base point chosen by scanning the whole 16-entry table with masks. The positions read and
  /// the sequence of operations are the same for every k; only the values differ.
  static func multiplyGenerator(_ k: Scalar) -> ProjectivePoint<Curve> {
    let partBits = splitBitCount(Scalar.self)
    let windowCount = (partBits + 3) / 4
    return withUnsafeTemporaryAllocation(byteCount: Scalar.byteCount, alignment: 8) { bytes in
      k.write(bigEndianBytesInto: bytes)
      // The bits [start, start + count) of k (count ≤ 4, positions public).
      func bits(_ start: Int, _ count: Int) -> UInt64 {
        var value: UInt64 = 0
        for offset in 0..<count {
          let position = start + offset
          let byte = bytes[Scalar.byteCount - 1 - position >> 3]
          value |= UInt64((byte >> UInt8(position & 7)) & 1) << UInt64(offset)
        }
        return value
      }
      let result = Curve.generatorSigningTable.withUnsafeBufferPointer { table in
        var accumulator = ProjectivePoint<Curve>.identity
        for window in (0..<windowCount).reversed() {
          if window != windowCount - 1 {
            accumulator = accumulator.doubled().doubled().doubled().doubled()
          }
          for part in 0..<splitCount {
            let nibble = bits(part * partBits + 4 * window, min(4, partBits - 4 * window))
            var entry = table[16 * part]
            for candidate in 1..<16 {
              let difference = nibble ^ UInt64(candidate)
              let equal = ((difference | (0 &- difference)) >> 63) &- 1
              entry = ProjectivePoint.select(entry, table[16 * part + candidate], mask: equal)
            }
            accumulator = accumulator.adding(entry)
          }
        }
        return accumulator
      }
      for index in 0..<Scalar.byteCount { bytes[index] = 0 }
      return result
    }
  }

  /// The signing equation for one nonce k: r = x(k·G) mod n, s = k⁻¹(e + r·d) mod n; nil when r
  /// or s is zero (the caller then takes the next nonce).
  package static func sign(privateKey d: Scalar, nonce k: Scalar, digest: UnsafeRawBufferPointer) -> (
    r: Scalar, s: Scalar
  )? {
    let point = multiplyGenerator(k).affine()
    let r = withUnsafeTemporaryAllocation(byteCount: Field.byteCount, alignment: 8) { bytes in
      // x < p < 2n for the NIST curves, so one conditional subtraction reduces it modulo n.
      point.x.write(bigEndianBytesInto: bytes)
      return Scalar(reducingBigEndianBytes: UnsafeRawBufferPointer(bytes))
    }
    let s = k.inverted() * (digestScalar(digest) + r * d)
    if r.isZero || s.isZero { return nil }
    return (r, s)
  }

  /// d·G in affine form, for deriving a public key (d is secret: constant time).
  package static func publicPoint(privateKey d: Scalar) -> AffinePoint<Curve> {
    multiplyGenerator(d).affine()
  }
}
