import MonoCloudCrypto
import Testing

/// The radix-2²⁸ arithmetic that wasm32 uses for RSA public operations, checked natively
/// against `MontgomeryModulus` (64-bit limbs): for moduli of many sizes (2 bits to 8192, runs of
/// the column sums cut at every length, top limbs all ones), `publicPower` must give the same
/// limbs for edge bases (0, 1, 2, N−1, N−2) and seeded random ones under several exponents, and
/// the Montgomery product and square must agree with the 64-bit ones for operands up to 2N − 1
/// (the lazily reduced values the exponentiation passes around).
@Suite("Radix 2^28 Montgomery")
struct Radix28MontgomeryTests {
  /// Sizes in bits: tiny, around limb and word edges, RSA sizes, around the one-run limits
  /// (120 pairs of a product column: 3360 bits; 60 pairs of a square: 3360 bits too), and the
  /// largest RSA modulus (8192 bits).
  static let bitCounts = [
    2, 3, 27, 28, 29, 30, 55, 56, 64, 65, 127, 128, 255, 512, 521, 1023, 1024, 1025, 1536, 2047, 2048, 3072, 3330,
    3358, 3359, 3360, 3361, 3390, 4095, 4096, 6000, 8190, 8191, 8192,
  ]
  static let randomBaseCount = 3
  static let exponents: [UInt64] = [3, 65537]

  /// An odd modulus of exactly `bits` bits as 64-bit limbs: random, or all ones when `allOnes`.
  static func modulus(bits: Int, allOnes: Bool, generator: inout Xorshift64) -> [UInt64] {
    let count = (bits + 63) / 64
    var limbs = (0..<count).map { _ in allOnes ? UInt64.max : generator.next() }
    let topBits = bits - 64 * (count - 1)
    if topBits < 64 { limbs[count - 1] &= (1 << UInt64(topBits)) - 1 }
    limbs[count - 1] |= 1 << UInt64(topBits - 1)
    limbs[0] |= 1
    return limbs
  }

  /// A random value below `limit` (same limb count), by masking to its bit length and retrying.
  static func random(below limit: [UInt64], generator: inout Xorshift64) -> [UInt64] {
    let count = limit.count
    let topBits = 64 - limit[count - 1].leadingZeroBitCount
    while true {
      var value = (0..<count).map { _ in generator.next() }
      value[count - 1] = topBits == 0 ? 0 : value[count - 1] >> UInt64(64 - topBits)
      if isLess(value, limit) { return value }
    }
  }

  static func isLess(_ a: [UInt64], _ b: [UInt64]) -> Bool {
    for index in stride(from: a.count - 1, through: 0, by: -1) where a[index] != b[index] {
      return a[index] < b[index]
    }
    return false
  }

  static func radix28(_ words: [UInt64], count: Int) -> [UInt32] {
    var limbs = [UInt32](repeating: 0, count: count)
    Radix28Modulus.load(words, wordCount: words.count, into: &limbs, count: count)
    return limbs
  }

  static func words(_ limbs: [UInt32], wordCount: Int) -> [UInt64] {
    var words = [UInt64](repeating: 0, count: wordCount)
    Radix28Modulus.store(limbs, count: limbs.count, into: &words, wordCount: wordCount)
    return words
  }

  struct Tally {
    var powers = 0
    var products = 0
    var mismatches = 0
  }

  /// Every comparison for one modulus.
  static func check(modulus limbs: [UInt64], generator: inout Xorshift64, tally: inout Tally) {
    let reference = MontgomeryModulus(limbs: limbs)!
    let radix = Radix28Modulus(reference)
    var bases: [[UInt64]] = []
    var value = [UInt64](repeating: 0, count: limbs.count)
    bases.append(value)
    value[0] = 1
    bases.append(value)
    value[0] = 2
    bases.append(value)
    value = limbs
    value[0] -= 1
    bases.append(value)
    value[0] -= 1
    bases.append(value)
    for _ in 0..<randomBaseCount { bases.append(random(below: limbs, generator: &generator)) }
    for base in bases where isLess(base, limbs) {
      for exponent in exponents {
        if radix.publicPower(base, exponent: exponent) != reference.publicPower(base, exponent: exponent) {
          tally.mismatches += 1
        }
        tally.powers += 1
      }
    }
    checkProducts(reference: reference, radix: radix, bases: bases, tally: &tally)
  }

  /// Montgomery products and squares of operands below 2N, brought back to plain a·b mod N with
  /// R² (radix 2²⁸) and compared with the same through the 64-bit modulus.
  static func checkProducts(
    reference: MontgomeryModulus, radix: Radix28Modulus, bases: [[UInt64]], tally: inout Tally
  ) {
    let count = radix.limbCount
    let n = radix.modulus
    var scratch = [UInt32](
      repeating: 0,
      count: max(Radix28Modulus.multiplyScratchCount(count: count), Radix28Modulus.squareScratchCount(count: count)))
    var wideScratch = [UInt64](repeating: 0, count: reference.scratchLimbCount)
    func plainProduct28(_ a: [UInt32], _ b: [UInt32]) -> [UInt64] {
      var product = [UInt32](repeating: 0, count: count)
      if a == b {
        Radix28Modulus.square(
          a, into: &product, modulus: n, negatedInverse: radix.negatedInverse, count: count, scratch: &scratch)
      } else {
        Radix28Modulus.multiply(
          a, b, into: &product, modulus: n, negatedInverse: radix.negatedInverse, count: count, scratch: &scratch)
      }
      var plain = [UInt32](repeating: 0, count: count)
      Radix28Modulus.multiply(
        product, radix.rSquared, into: &plain, modulus: n, negatedInverse: radix.negatedInverse, count: count,
        scratch: &scratch)
      Radix28Modulus.reduceFully(&plain, modulus: n, count: count)
      return words(plain, wordCount: radix.wordCount)
    }
    func plainProduct64(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
      var product = [UInt64](repeating: 0, count: a.count)
      MontgomeryModulus.multiply(
        a, b, into: &product, modulus: reference.modulus, negatedInverse: reference.negatedInverse, count: a.count,
        scratch: &wideScratch)
      MontgomeryModulus.multiply(
        product, reference.rSquared, into: &product, modulus: reference.modulus,
        negatedInverse: reference.negatedInverse, count: a.count, scratch: &wideScratch)
      return product
    }
    // Operands x and x + N (< 2N): the radix-2²⁸ product sees the lazy form, the 64-bit one x.
    let lazyAdd = radix28(reference.modulus, count: count)
    for a in bases where isLess(a, reference.modulus) {
      let a28 = radix28(a, count: count)
      var lazy = a28
      var carry: UInt32 = 0
      for index in 0..<count {
        let sum = lazy[index] + lazyAdd[index] + carry
        lazy[index] = sum & 0x0fff_ffff
        carry = sum >> 28
      }
      for b in bases where isLess(b, reference.modulus) {
        let expected = plainProduct64(a, b)
        let b28 = radix28(b, count: count)
        if plainProduct28(a28, b28) != expected { tally.mismatches += 1 }
        if plainProduct28(lazy, b28) != expected { tally.mismatches += 1 }
        tally.products += 2
      }
      if plainProduct28(lazy, lazy) != plainProduct64(a, a) { tally.mismatches += 1 }
      tally.products += 1
    }
  }

  @Test func matchesSixtyFourBitLimbs() {
    var generator = Xorshift64(state: 0x2545_f491_4f6c_dd1d)
    var tally = Tally()
    var moduli = 0
    for bits in Self.bitCounts {
      for allOnes in [false, false, true] {
        Self.check(
          modulus: Self.modulus(bits: bits, allOnes: allOnes, generator: &generator), generator: &generator,
          tally: &tally)
        moduli += 1
      }
    }
    // Bases N−1 and N−2 exist below N except for N = 3 (2 bits: N−2 = 1, still below; N = 3
    // has every base below it), so every base counts.
    let bases = 5 + Self.randomBaseCount
    #expect(moduli == 3 * Self.bitCounts.count)
    #expect(tally.powers == moduli * bases * Self.exponents.count)
    #expect(tally.products == moduli * bases * (2 * bases + 1))
    #expect(tally.mismatches == 0)
  }

  @Test func theCompilationConditionSelectsTheRadix() {
    // The ci step that runs the RSA suites with -DMONOCLOUD_32BIT_LIMBS relies on this.
    #if MONOCLOUD_32BIT_LIMBS
      #expect(RSAPublicKey.publicOperationsUseRadix28)
    #else
      #expect(!RSAPublicKey.publicOperationsUseRadix28)
    #endif
  }

  @Test func largeExponentMatches() {
    // Every bit set: 63 squarings and 62 multiplications by the Montgomery-form base.
    var generator = Xorshift64(state: 0x1234_5678_9abc_def1)
    var cases = 0
    var mismatches = 0
    for bits in [29, 1024, 2048, 4096] {
      let limbs = Self.modulus(bits: bits, allOnes: false, generator: &generator)
      let reference = MontgomeryModulus(limbs: limbs)!
      let radix = Radix28Modulus(reference)
      for exponent: UInt64 in [.max, 0x8000_0000_0000_0001, 0xdead_beef_1235] {
        let base = Self.random(below: limbs, generator: &generator)
        if radix.publicPower(base, exponent: exponent) != reference.publicPower(base, exponent: exponent) {
          mismatches += 1
        }
        cases += 1
      }
    }
    #expect(cases == 12)
    #expect(mismatches == 0)
  }

  @Test func conversionRoundTrips() {
    var generator = Xorshift64(state: 0x0bad_cafe_f00d_0001)
    var cases = 0
    for wordCount in [1, 2, 3, 7, 32, 128] {
      var words = (0..<wordCount).map { _ in generator.next() }
      words[wordCount - 1] >>= 3  // room for the two spare bits of the limb count
      let count = Radix28Modulus.limbCount(bitCount: 64 * wordCount - 3)
      let limbs = Self.radix28(words, count: count)
      #expect(limbs.allSatisfy { $0 < 1 << 28 })
      #expect(Self.words(limbs, wordCount: wordCount) == words)
      cases += 1
    }
    #expect(cases == 6)
  }
}
