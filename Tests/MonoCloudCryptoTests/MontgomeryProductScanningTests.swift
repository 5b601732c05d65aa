import MonoCloudCrypto
import Testing

/// Native RSA multiplies and squares by product scanning; wasm32 (and the fixed-limb fields)
/// by operand scanning (CIOS). Both must give the same limbs for every input: each modulus
/// size (1 to 64 limbs, top limb full or short) gets edge operands (0, 1, 2, N−1, N−2 and values
/// ≥ N where the product bound a·b < N·R allows them) and seeded random ones; every product is
/// checked against CIOS, every square against the product-scanning and CIOS products, and once
/// more with the result written over the operand.
@Suite("Montgomery product scanning")
struct MontgomeryProductScanningTests {
  static let limbCounts = [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 32, 48, 64]
  static let randomOperandCount = 12

  struct Tally {
    var products = 0
    var squares = 0
    var mismatches = 0
  }

  /// Runs every comparison for one modulus and adds to `tally`.
  static func check(modulus limbs: [UInt64], generator: inout Xorshift64, tally: inout Tally) {
    let count = limbs.count
    let modulus = MontgomeryModulus(limbs: limbs)!
    let top = limbs[count - 1]
    // Operands < N: edges, then random values with the top limb reduced below N's.
    var belowModulus: [[UInt64]] = []
    var value = [UInt64](repeating: 0, count: count)
    belowModulus.append(value)
    value[0] = 1
    belowModulus.append(value)
    value[0] = 2
    belowModulus.append(value)
    value = limbs
    value[0] &-= 1
    belowModulus.append(value)
    value[0] &-= 1
    belowModulus.append(value)
    for _ in 0..<randomOperandCount {
      var random = (0..<count).map { _ in generator.next() }
      random[count - 1] = top == 0 ? 0 : random[count - 1] % top
      belowModulus.append(random)
    }
    // Operands in [N, R): allowed as one factor when the other is < N.
    var aboveModulus: [[UInt64]] = [[UInt64](repeating: .max, count: count), limbs]
    if top < .max {
      var random = (0..<count).map { _ in generator.next() }
      random[count - 1] = top &+ 1 &+ random[count - 1] % (.max - top)
      aboveModulus.append(random)
    }
    let scratchCount = modulus.scratchLimbCount
    var scratch = [UInt64](repeating: 0, count: scratchCount)
    var reference = [UInt64](repeating: 0, count: count)
    var result = [UInt64](repeating: 0, count: count)
    func cios(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
      MontgomeryModulus.operandScanningMultiply(
        a, b, into: &reference, modulus: limbs, negatedInverse: modulus.negatedInverse, count: count, scratch: &scratch)
      return reference
    }
    func scanned(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
      MontgomeryModulus.productScanningMultiply(
        a, b, into: &result, modulus: limbs, negatedInverse: modulus.negatedInverse, count: count, scratch: &scratch)
      return result
    }
    for a in belowModulus + aboveModulus {
      for b in belowModulus {
        let expected = cios(a, b)
        if scanned(a, b) != expected { tally.mismatches += 1 }
        if scanned(b, a) != expected { tally.mismatches += 1 }
        tally.products += 2
      }
    }
    for a in belowModulus {
      let expected = cios(a, a)
      MontgomeryModulus.productScanningSquare(
        a, into: &result, modulus: limbs, negatedInverse: modulus.negatedInverse, count: count, scratch: &scratch)
      if result != expected || scanned(a, a) != expected { tally.mismatches += 1 }
      // In place, as the exponentiations call it.
      var inPlace = a
      inPlace.withUnsafeMutableBufferPointer { x in
        MontgomeryModulus.productScanningSquare(
          x.baseAddress!, into: x.baseAddress!, modulus: limbs, negatedInverse: modulus.negatedInverse, count: count,
          scratch: &scratch)
      }
      if inPlace != expected { tally.mismatches += 1 }
      tally.squares += 1
    }
  }

  @Test func productScanningMatchesOperandScanning() {
    var generator = Xorshift64(state: 0x9e37_79b9_7f4a_7c15)
    var tally = Tally()
    var moduli = 0
    for count in Self.limbCounts {
      // A full top limb (as RSA moduli have), a short one, and the largest odd value.
      var full = (0..<count).map { _ in generator.next() }
      full[0] |= 1
      full[count - 1] |= 1 &<< 63
      var short = (0..<count).map { _ in generator.next() }
      short[0] |= 1
      short[count - 1] = (short[count - 1] >> 40) | 1
      let largest = [UInt64](repeating: .max, count: count)
      for limbs in [full, short, largest] {
        Self.check(modulus: limbs, generator: &generator, tally: &tally)
        moduli += 1
      }
    }
    let below = 5 + Self.randomOperandCount
    // Three values ≥ N, except for the all-ones modulus, where only two exist in [N, R).
    let productsPerModulus = { (above: Int) in 2 * (below + above) * below }
    #expect(moduli == 3 * Self.limbCounts.count)
    #expect(
      tally.products == Self.limbCounts.count * (2 * productsPerModulus(3) + productsPerModulus(2)))
    #expect(tally.squares == moduli * below)
    #expect(tally.mismatches == 0)
  }
}
