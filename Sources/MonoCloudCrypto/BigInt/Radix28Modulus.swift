/// An odd modulus N in the unsaturated radix 2²⁸, for RSA *public* operations on targets without
/// a 64×64→128-bit multiply (wasm32).
///
/// A limb holds 28 bits in a `UInt32`; products of two limbs are below 2⁵⁶, so a column of a
/// Montgomery product sums up to 255 of them in one `UInt64` with no carry detection: each term
/// is one native 64-bit multiply and one add, where 64-bit limbs on wasm32 need four multiplies
/// and a dozen shifts and masks. The limb count leaves two spare bits (R = 2^(28·limbCount) ≥ 4N),
/// so values stay below 2N between operations and only the last result is fully reduced.
///
/// Only for public data: conversions and the final reduction branch on the values.
package struct Radix28Modulus: Sendable {
  /// Bits per limb.
  @usableFromInline static let limbBits: UInt64 = 28
  /// The low `limbBits` bits.
  @usableFromInline static let limbMask: UInt64 = (1 &<< 28) &- 1

  /// Limbs of every value modulo N in this radix.
  package let limbCount: Int
  /// 64-bit limbs of the values `publicPower` reads and writes (N's limb count in `MontgomeryModulus`).
  package let wordCount: Int
  /// N, 28-bit limbs, least significant first.
  package let modulus: [UInt32]
  /// -N⁻¹ mod 2²⁸.
  package let negatedInverse: UInt64
  /// R² mod N (R = 2^(28·limbCount)), fully reduced: the factor that brings a value into Montgomery form.
  package let rSquared: [UInt32]

  /// Limbs of 28 bits needed for a modulus of `bitCount` bits with two spare bits (R ≥ 4N).
  package static func limbCount(bitCount: Int) -> Int { (bitCount &+ 2 &+ 27) / 28 }

  /// The radix-2²⁸ form of a modulus already checked by `MontgomeryModulus` (odd, > 1).
  /// Allocates its arrays and some scratch: for key setup, not for a verification.
  package init(_ source: MontgomeryModulus) {
    let count = Self.limbCount(bitCount: source.bitCount)
    limbCount = count
    wordCount = source.limbCount
    var limbs = [UInt32](repeating: 0, count: count)
    limbs.withUnsafeMutableBufferPointer { l in
      source.modulus.withUnsafeBufferPointer { m in
        Self.load(m.baseAddress!, wordCount: source.limbCount, into: l.baseAddress!, count: count)
      }
    }
    modulus = limbs
    // Newton iteration for N⁻¹ mod 2⁶⁴ from the low limb (N·N ≡ 1 mod 8: 3 bits, each step doubles).
    let low = UInt64(limbs[0])
    var inverse = low
    for _ in 0..<5 { inverse = inverse &* (2 &- low &* inverse) }
    negatedInverse = (0 &- inverse) & Self.limbMask
    rSquared = Self.computeRSquared(modulus: limbs, bitCount: source.bitCount, negatedInverse: negatedInverse)
  }

  /// R² mod N: R mod N by doubling 2^(bits−1) < N, then x = R·2^s mod N walks s from 1 to
  /// 28·limbCount along that number's bits (a Montgomery square doubles s, a doubling adds one),
  /// about a dozen squarings instead of thousands of doublings.
  static func computeRSquared(modulus: [UInt32], bitCount: Int, negatedInverse: UInt64) -> [UInt32] {
    let count = modulus.count
    var value = [UInt32](repeating: 0, count: count)
    modulus.withUnsafeBufferPointer { n in
      value.withUnsafeMutableBufferPointer { v in
        let n = n.baseAddress!
        let v = v.baseAddress!
        v[(bitCount &- 1) / 28] = 1 &<< UInt32((bitCount &- 1) % 28)
        for _ in 0..<(28 &* count &- bitCount &+ 1) { doubleReduced(v, modulus: n, count: count) }
        // Now v = R mod N; one doubling makes s = 1.
        doubleReduced(v, modulus: n, count: count)
        let exponent = 28 &* count
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: squareScratchCount(count: count)) { scratch in
          var bit = Int.bitWidth &- exponent.leadingZeroBitCount &- 2
          while bit >= 0 {
            square(v, into: v, modulus: n, negatedInverse: negatedInverse, count: count, scratch: scratch.baseAddress!)
            reduceFully(v, modulus: n, count: count)
            if (exponent &>> bit) & 1 == 1 { doubleReduced(v, modulus: n, count: count) }
            bit &-= 1
          }
        }
      }
    }
    return value
  }

  /// `v = 2v mod N` for v < N. Variable time.
  static func doubleReduced(_ v: UnsafeMutablePointer<UInt32>, modulus n: UnsafePointer<UInt32>, count: Int) {
    var carry: UInt32 = 0
    for index in 0..<count {
      let doubled = v[index] &<< 1 | carry
      v[index] = doubled & UInt32(limbMask)
      carry = doubled &>> 28
    }
    reduceFully(v, modulus: n, count: count)
  }

  /// `v = v mod N` for v < 2N (limbs < 2²⁸): subtracts N when v ≥ N. Variable time.
  package static func reduceFully(_ v: UnsafeMutablePointer<UInt32>, modulus n: UnsafePointer<UInt32>, count: Int) {
    var index = count
    while index > 0 {
      index &-= 1
      if v[index] != n[index] {
        if v[index] < n[index] { return }
        break
      }
    }
    var borrow: UInt32 = 0
    for index in 0..<count {
      let difference = v[index] &- n[index] &- borrow
      v[index] = difference & UInt32(limbMask)
      borrow = difference &>> 31
    }
  }

  // MARK: - Conversions

  /// Reads `wordCount` 64-bit limbs into `count` 28-bit limbs (zero-extended; bits beyond
  /// `28·count` are dropped, so the caller makes sure the value fits).
  package static func load(
    _ words: UnsafePointer<UInt64>, wordCount: Int, into limbs: UnsafeMutablePointer<UInt32>, count: Int
  ) {
    for index in 0..<count {
      let bit = 28 &* index
      let word = bit &>> 6
      let shift = UInt64(bit & 63)
      var value: UInt64 = word < wordCount ? words[word] &>> shift : 0
      // A limb that straddles two words takes its top bits from the next one.
      if shift > 36, word &+ 1 < wordCount { value |= words[word &+ 1] &<< (64 &- shift) }
      limbs[index] = UInt32(truncatingIfNeeded: value & limbMask)
    }
  }

  /// Writes `count` 28-bit limbs (each < 2²⁸) as `wordCount` 64-bit limbs; bits beyond
  /// `64·wordCount` are dropped, so the caller makes sure the value fits.
  package static func store(
    _ limbs: UnsafePointer<UInt32>, count: Int, into words: UnsafeMutablePointer<UInt64>, wordCount: Int
  ) {
    words.update(repeating: 0, count: wordCount)
    for index in 0..<count {
      let bit = 28 &* index
      let word = bit &>> 6
      guard word < wordCount else { break }
      let shift = UInt64(bit & 63)
      let value = UInt64(limbs[index])
      words[word] |= value &<< shift
      if shift > 36, word &+ 1 < wordCount { words[word &+ 1] |= value &>> (64 &- shift) }
    }
  }
}
