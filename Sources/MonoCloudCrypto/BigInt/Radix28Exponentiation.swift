// Public exponentiation in radix 2²⁸ (RSA signature verification on wasm32): the same contract
// as `MontgomeryModulus.publicPower`, on the same 64-bit limbs, converting in and out once.
extension Radix28Modulus {
  /// `UInt64` words of workspace `publicPower` needs: the plain base, its Montgomery form, the
  /// accumulator and the multiplication scratch, all in 28-bit limbs held in `UInt32`s.
  package var publicPowerWorkspaceWordCount: Int { (7 &* limbCount &+ 1) / 2 }

  /// `result = base^exponent mod N` (fully reduced) for a `wordCount`-limb `base` < N and an odd
  /// public exponent > 1. Branches on the exponent's bits and, at the end, on the value (public
  /// data only). For 65537: 16 squarings and 2 multiplications, plus one multiplication by R².
  /// `result` may alias `base`; `workspace` holds `publicPowerWorkspaceWordCount` words.
  package func publicPower(
    _ base: UnsafePointer<UInt64>, exponent: UInt64, into result: UnsafeMutablePointer<UInt64>,
    workspace: UnsafeMutablePointer<UInt64>
  ) {
    let count = limbCount
    let words = wordCount
    let inverse = negatedInverse
    workspace.withMemoryRebound(to: UInt32.self, capacity: 7 &* count) { limbs in
      let plain = limbs
      let baseMontgomery = limbs + count
      let accumulator = limbs + 2 &* count
      let scratch = limbs + 3 &* count
      Self.load(base, wordCount: words, into: plain, count: count)
      modulus.withUnsafeBufferPointer { n in
        rSquared.withUnsafeBufferPointer { r2 in
          let n = n.baseAddress!
          Self.multiply(
            plain, r2.baseAddress!, into: baseMontgomery, modulus: n, negatedInverse: inverse, count: count,
            scratch: scratch)
          accumulator.update(from: baseMontgomery, count: count)
          var bit = 63 &- exponent.leadingZeroBitCount &- 1
          while bit >= 1 {
            Self.square(
              accumulator, into: accumulator, modulus: n, negatedInverse: inverse, count: count, scratch: scratch)
            if (exponent &>> UInt64(bit)) & 1 == 1 {
              Self.multiply(
                accumulator, baseMontgomery, into: accumulator, modulus: n, negatedInverse: inverse, count: count,
                scratch: scratch)
            }
            bit &-= 1
          }
          // Last bit (set: the exponent is odd): square, then multiply by the plain base, which
          // also leaves Montgomery form: (x^(e−1)·R)·x·R⁻¹ = x^e; below 2N, so reduce once.
          Self.square(
            accumulator, into: accumulator, modulus: n, negatedInverse: inverse, count: count, scratch: scratch)
          Self.multiply(
            accumulator, plain, into: accumulator, modulus: n, negatedInverse: inverse, count: count, scratch: scratch)
          Self.reduceFully(accumulator, modulus: n, count: count)
        }
      }
      Self.store(accumulator, count: count, into: result, wordCount: words)
    }
  }

  /// x^e mod N for plain x < N (`wordCount` limbs) and an odd public e > 1. Allocates: for tests.
  package func publicPower(_ x: [UInt64], exponent: UInt64) -> [UInt64] {
    precondition(x.count == wordCount && exponent & 1 == 1 && exponent > 1)
    var result = [UInt64](repeating: 0, count: wordCount)
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: publicPowerWorkspaceWordCount) { workspace in
      result.withUnsafeMutableBufferPointer { r in
        publicPower(x, exponent: exponent, into: r.baseAddress!, workspace: workspace.baseAddress!)
      }
    }
    return result
  }
}
