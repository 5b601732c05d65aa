// Exponentiation, inversion and reduction modulo N on caller-owned limbs (RSA and CRT).
extension MontgomeryModulus {
  /// `result = base^exponent mod N` for a plain (not Montgomery) `base` < N and an odd public
  /// exponent > 1. Branches on the exponent's bits (public); 1 + (bits−1) squarings + one
  /// multiplication per further set bit + 1 multiplication; for 65537, 16 squarings and 2
  /// multiplications. `workspace` holds `2·limbCount + scratchLimbCount` limbs.
  package func publicPower(
    _ base: UnsafePointer<UInt64>, exponent: UInt64, into result: UnsafeMutablePointer<UInt64>,
    workspace: UnsafeMutablePointer<UInt64>
  ) {
    let count = limbCount
    let baseMontgomery = workspace
    let scratch = workspace + 2 &* count
    withPointers { n, r2 in
      Self.multiply(
        base, r2, into: baseMontgomery, modulus: n, negatedInverse: negatedInverse, count: count,
        scratch: scratch)
      let accumulator = workspace + count
      accumulator.update(from: baseMontgomery, count: count)
      var bit = 63 &- exponent.leadingZeroBitCount &- 1
      while bit >= 1 {
        Self.square(
          accumulator, into: accumulator, modulus: n, negatedInverse: negatedInverse, count: count,
          scratch: scratch)
        if (exponent &>> UInt64(bit)) & 1 == 1 {
          Self.multiply(
            accumulator, baseMontgomery, into: accumulator, modulus: n, negatedInverse: negatedInverse,
            count: count, scratch: scratch)
        }
        bit &-= 1
      }
      // Last bit (set: the exponent is odd): square, then multiply by the plain base, which also
      // leaves Montgomery form: (x^(e−1)·R)·x·R⁻¹ = x^e.
      Self.square(
        accumulator, into: accumulator, modulus: n, negatedInverse: negatedInverse, count: count,
        scratch: scratch)
      Self.multiply(
        accumulator, base, into: result, modulus: n, negatedInverse: negatedInverse, count: count,
        scratch: scratch)
    }
  }

  /// Limbs of workspace `secretPower` needs.
  package var secretPowerWorkspaceLimbCount: Int { 18 &* limbCount &+ scratchLimbCount }

  /// `result = base^exponent` in Montgomery form, for `base` in Montgomery form and a secret
  /// exponent of `exponentLimbCount` limbs. Constant time: a fixed 4-bit window over every bit of
  /// the exponent's full width, the table entry chosen by a masked scan of all 16 entries.
  package func secretPower(
    _ base: UnsafePointer<UInt64>, exponent: UnsafePointer<UInt64>, exponentLimbCount: Int,
    into result: UnsafeMutablePointer<UInt64>, workspace: UnsafeMutablePointer<UInt64>
  ) {
    let count = limbCount
    let table = workspace  // 16 entries: base⁰…base¹⁵, Montgomery form
    let selected = workspace + 16 &* count
    let accumulator = workspace + 17 &* count
    let scratch = workspace + 18 &* count
    withPointers { n, r2 in
      // base⁰ = R mod N = R²·1·R⁻¹.
      selected.initialize(repeating: 0, count: count)
      selected[0] = 1
      Self.multiply(
        r2, selected, into: table, modulus: n, negatedInverse: negatedInverse, count: count,
        scratch: scratch)
      table.advanced(by: count).update(from: base, count: count)
      for power in 2..<16 {
        Self.multiply(
          table + (power &- 1) &* count, base, into: table + power &* count, modulus: n,
          negatedInverse: negatedInverse, count: count, scratch: scratch)
      }
      accumulator.update(from: table, count: count)
      var window = exponentLimbCount &* 16
      while window > 0 {
        window &-= 1
        for _ in 0..<4 {
          Self.square(
            accumulator, into: accumulator, modulus: n, negatedInverse: negatedInverse, count: count,
            scratch: scratch)
        }
        let digit = (exponent[window &>> 4] &>> UInt64((window & 15) &* 4)) & 15
        selected.update(repeating: 0, count: count)
        for entry in 0..<16 {
          // All ones exactly when entry == digit, computed without a branch.
          let difference = UInt64(truncatingIfNeeded: entry) ^ digit
          let mask = ((difference | (0 &- difference)) &>> 63) &- 1
          let row = table + entry &* count
          for index in 0..<count { selected[index] |= row[index] & mask }
        }
        Self.multiply(
          accumulator, selected, into: accumulator, modulus: n, negatedInverse: negatedInverse,
          count: count, scratch: scratch)
      }
      result.update(from: accumulator, count: count)
    }
  }

  /// `result = x·R mod N` (Montgomery form) for any `2·limbCount`-limb `x` < N·R, e.g. a value
  /// modulo a larger modulus, as CRT needs. Overwrites `wide`. Constant time.
  /// `workspace` holds `scratchLimbCount` limbs.
  package func montgomeryFormReducingWide(
    _ wide: UnsafeMutablePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>,
    workspace: UnsafeMutablePointer<UInt64>
  ) {
    let count = limbCount
    withPointers { n, r2 in
      // REDC gives x·R⁻¹; two multiplications by R² give x·R.
      Self.reduce(wide, into: result, modulus: n, negatedInverse: negatedInverse, count: count)
      Self.multiply(
        result, r2, into: result, modulus: n, negatedInverse: negatedInverse, count: count,
        scratch: workspace)
      Self.multiply(
        result, r2, into: result, modulus: n, negatedInverse: negatedInverse, count: count,
        scratch: workspace)
    }
  }

  /// `result = (a - b) mod N` for a, b < N, constant time. `result` may alias either input.
  package func subtract(
    _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>
  ) {
    let count = limbCount
    let borrow = Limbs.subtract(a, b, into: result, count: count)
    let mask = 0 &- borrow
    // Add N back under the mask.
    modulus.withUnsafeBufferPointer { n in
      var carry: UInt64 = 0
      for index in 0..<count {
        (result[index], carry) = addWithCarry(result[index], n[index] & mask, carry)
      }
    }
  }
}
