// Montgomery multiplication and squaring in radix 2²⁸ by product scanning with the reduction
// interleaved (the "FIPS" method): column c of a·b + m·N is summed, its low 28 bits either
// choose the reduction multiplier m꜀ (low columns) or are a limb of the result (high columns),
// and the rest carries into column c + 1. Products of 28-bit limbs are < 2⁵⁶, so a plain
// `UInt64` sums a run of them with no carry detection; runs are cut at `multiplyRun` /
// `squareRun` pairs and folded into a (low 28 bits, high part) column total, so any limb count
// (an 8192-bit modulus has 293 limbs) works. Operands are copied interleaved with the
// multipliers mⱼ (and the modulus) so that the inner loop walks one pointer up and one down.
// For public operands (verification): nothing here is secret, but nothing branches on values.
extension Radix28Modulus {
  /// Pairs (two products, each < 2⁵⁶) summed in one run of `multiply`: 2·120 products plus a
  /// carry of at most about 2⁴⁰ stay below 2⁶⁴. One run covers a 3072-bit column.
  @usableFromInline static let multiplyRun = 120
  /// Pairs in one run of `square`: each adds a cross product counted twice and two reduction
  /// products, four products' worth; 4·60 plus the middle terms and the carry stay below 2⁶⁴.
  @usableFromInline static let squareRun = 60

  /// Scratch `UInt32` limbs that `multiply` needs.
  package static func multiplyScratchCount(count: Int) -> Int { 4 &* count }
  /// Scratch `UInt32` limbs that `square` needs.
  package static func squareScratchCount(count: Int) -> Int { 3 &* count }

  /// `result = a·b·R⁻¹ mod N`, below 2N, for a·b < 4N² (e.g. a, b < 2N; R ≥ 4N). Limbs < 2²⁸.
  /// `result` may alias `a` or `b`; `scratch` has `multiplyScratchCount(count:)` limbs.
  package static func multiply(
    _ a: UnsafePointer<UInt32>, _ b: UnsafePointer<UInt32>, into result: UnsafeMutablePointer<UInt32>,
    modulus n: UnsafePointer<UInt32>, negatedInverse: UInt64, count: Int, scratch: UnsafeMutablePointer<UInt32>
  ) {
    // Scratch: pairs (aⱼ, mⱼ) | pairs (bₖ, nₖ).
    let am = scratch
    let bn = scratch + 2 &* count
    for index in 0..<count {
      am[2 &* index] = a[index]
      am[2 &* index &+ 1] = 0
      bn[2 &* index] = b[index]
      bn[2 &* index &+ 1] = n[index]
    }
    var carry: UInt64 = 0
    /// Σ aⱼ·b₍c−j₎ + mⱼ·n₍c−j₎ for the pairs from `start` up to (not including) `end`, plus the
    /// carry, as a column total high·2²⁸ + low with low < 2²⁸ (or the bare carry for no pairs).
    @inline(__always)
    func sumPairs(
      from start: UnsafeMutablePointer<UInt32>, to end: UnsafeMutablePointer<UInt32>,
      down: UnsafeMutablePointer<UInt32>
    ) -> (low: UInt64, high: UInt64) {
      var up = start
      var down = down
      var low = carry
      var high: UInt64 = 0
      while up < end {
        let runEnd = end - up > 2 &* multiplyRun ? up + 2 &* multiplyRun : end
        var sum: UInt64 = 0
        while up < runEnd {
          sum &+= UInt64(up[0]) &* UInt64(down[0]) &+ UInt64(up[1]) &* UInt64(down[1])
          up += 2
          down -= 2
        }
        low &+= sum
        high &+= low &>> limbBits
        low &= limbMask
      }
      return (low, high)
    }
    // Low columns c < count: the pairs j < c, then a꜀·b₀, then m꜀ so that m꜀·n₀ clears the low bits.
    for column in 0..<count {
      var (low, high) = sumPairs(from: am, to: am + 2 &* column, down: bn + 2 &* column)
      low &+= UInt64(am[2 &* column]) &* UInt64(bn[0])
      let multiplier = (low &* negatedInverse) & limbMask
      am[2 &* column &+ 1] = UInt32(truncatingIfNeeded: multiplier)
      low &+= multiplier &* UInt64(bn[1])
      carry = high &+ low &>> limbBits
    }
    // High columns: pairs j from c − count + 1 to count − 1; the low bits are a limb of the result.
    for column in count..<(2 &* count) {
      let (low, high) = sumPairs(
        from: am + 2 &* (column &- count &+ 1), to: am + 2 &* count, down: bn + 2 &* (count &- 1))
      result[column &- count] = UInt32(truncatingIfNeeded: low & limbMask)
      carry = high &+ low &>> limbBits
    }
  }

  /// `result = a²·R⁻¹ mod N`, below 2N, for a < 2N. In column c the pairs j < k = c − j are taken
  /// once: the cross product aⱼ·aₖ (summed apart, then doubled) and both reduction products
  /// mⱼ·nₖ and mₖ·nⱼ, so a square does about three quarters of a multiplication's work.
  /// `result` may alias `a`; `scratch` has `squareScratchCount(count:)` limbs.
  package static func square(
    _ a: UnsafePointer<UInt32>, into result: UnsafeMutablePointer<UInt32>,
    modulus n: UnsafePointer<UInt32>, negatedInverse: UInt64, count: Int, scratch: UnsafeMutablePointer<UInt32>
  ) {
    // Scratch: triples (aⱼ, mⱼ, nⱼ). mₖ is still zero while column k is summed, so the pair
    // (0, k) adds m₀·nₖ and 0·n₀ and the loop needs no special first step.
    let triples = scratch
    for index in 0..<count {
      triples[3 &* index] = a[index]
      triples[3 &* index &+ 1] = 0
      triples[3 &* index &+ 2] = n[index]
    }
    var carry: UInt64 = 0
    /// The column whose pairs run from `start` up and `end` down, plus the carry, as a total
    /// high·2²⁸ + low (low < 2²⁸ + 2⁵⁷ after the middle terms of an even column).
    @inline(__always)
    func sumColumn(
      from start: UnsafeMutablePointer<UInt32>, to end: UnsafeMutablePointer<UInt32>
    ) -> (low: UInt64, high: UInt64) {
      var up = start
      var down = end
      var low = carry
      var high: UInt64 = 0
      while up < down {
        // Pairs left: ⌈(distance in triples) / 2⌉; `down` moves too, so the run ends on `up`.
        let runEnd = up + 3 &* min((down - up &+ 3) / 6, squareRun)
        var cross: UInt64 = 0
        var reduction: UInt64 = 0
        while up < runEnd {
          cross &+= UInt64(up[0]) &* UInt64(down[0])
          reduction &+= UInt64(up[1]) &* UInt64(down[2]) &+ UInt64(down[1]) &* UInt64(up[2])
          up += 3
          down -= 3
        }
        low &+= cross &<< 1 &+ reduction
        high &+= low &>> limbBits
        low &= limbMask
      }
      if up == down {
        // Even column: the square a₍c/2₎² and m₍c/2₎·n₍c/2₎, each once.
        low &+= UInt64(up[0]) &* UInt64(up[0]) &+ UInt64(up[1]) &* UInt64(up[2])
      }
      return (low, high)
    }
    for column in 0..<count {
      var (low, high) = sumColumn(from: triples, to: triples + 3 &* column)
      let multiplier = (low &* negatedInverse) & limbMask
      triples[3 &* column &+ 1] = UInt32(truncatingIfNeeded: multiplier)
      low &+= multiplier &* UInt64(triples[2])
      carry = high &+ low &>> limbBits
    }
    for column in count..<(2 &* count) {
      let (low, high) = sumColumn(from: triples + 3 &* (column &- count &+ 1), to: triples + 3 &* (count &- 1))
      result[column &- count] = UInt32(truncatingIfNeeded: low & limbMask)
      carry = high &+ low &>> limbBits
    }
  }
}
