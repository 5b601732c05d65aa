// Montgomery multiplication and squaring by product scanning (column by column, the reduction
// interleaved: Koç, Acar and Kaliski's "FIPS" method). Each result column is summed in three
// registers, so a step is one `mul` and three adds, with no load or store of a partial row as in
// operand scanning (CIOS). The operands are first copied into the scratch interleaved with the
// reduction multipliers mⱼ (and, for squaring, the modulus), so that the inner loop walks two
// pointers, one up and one down, and keeps every accumulator in a register.
// Constant time: the loops' bounds depend only on the limb count, the final subtraction is masked.
extension MontgomeryModulus {
  /// Scratch limbs that `productScanningMultiply` and `productScanningSquare` need.
  @inline(__always)
  package static func productScanningScratchLimbCount(count: Int) -> Int { 5 &* count }

  /// `result = a·b·R⁻¹ mod N`, for a·b < N·R (e.g. both < N, or one < N and the other < R).
  /// `result` may alias `a` or `b`; `scratch` has `productScanningScratchLimbCount(count:)`
  /// limbs and must not alias anything else.
  @inline(__always)
  package static func productScanningMultiply(
    _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>,
    modulus n: UnsafePointer<UInt64>, negatedInverse: UInt64, count: Int, scratch: UnsafeMutablePointer<UInt64>
  ) {
    // Scratch: pairs (aⱼ, mⱼ) | pairs (bₖ, nₖ) | t, the high columns before the final subtraction.
    let am = scratch
    let bn = scratch + 2 &* count
    let t = scratch + 4 &* count
    for index in 0..<count {
      am[2 &* index] = a[index]
      am[2 &* index &+ 1] = 0
      bn[2 &* index] = b[index]
      bn[2 &* index &+ 1] = n[index]
    }
    var low: UInt64 = 0
    var middle: UInt64 = 0
    var high: UInt64 = 0
    // Low columns c < count: Σ aⱼ·b₍c−j₎ + Σ mⱼ·n₍c−j₎ (j < c), then aᶜ·b₀, then m꜀ is chosen
    // so that m꜀·n₀ clears the column's low limb.
    var column = 0
    while column < count {
      var up = am
      var down = bn + 2 &* column
      let end = am + 2 &* column
      while up < end {
        multiplyAccumulate(up[0], down[0], &low, &middle, &high)
        multiplyAccumulate(up[1], down[1], &low, &middle, &high)
        up += 2
        down -= 2
      }
      multiplyAccumulate(up[0], down[0], &low, &middle, &high)
      let multiplier = low &* negatedInverse
      up[1] = multiplier
      multiplyAccumulate(multiplier, down[1], &low, &middle, &high)
      (low, middle, high) = (middle, high, 0)
      column &+= 1
    }
    // High columns: what is left of each sum is a limb of the result.
    let end = am + 2 &* count
    while column < 2 &* count &- 1 {
      var up = am + 2 &* (column &- count &+ 1)
      var down = bn + 2 &* (count &- 1)
      while up < end {
        multiplyAccumulate(up[0], down[0], &low, &middle, &high)
        multiplyAccumulate(up[1], down[1], &low, &middle, &high)
        up += 2
        down -= 2
      }
      t[column &- count] = low
      (low, middle, high) = (middle, high, 0)
      column &+= 1
    }
    t[count &- 1] = low
    // The value middle·R + t is below 2N: subtract N once, masked.
    finalSubtract(t, top: middle, into: result, modulus: n, count: count)
  }

  /// `result = a²·R⁻¹ mod N`, for a² < N·R (e.g. a < N). In column c the loop takes the pairs
  /// j < k = c − j once: the cross product aⱼ·aₖ (summed apart, then doubled) and both reduction
  /// products mⱼ·nₖ and mₖ·nⱼ; so it does about three quarters of `multiply`'s work.
  /// Same aliasing and scratch rules as `productScanningMultiply`.
  @inline(__always)
  package static func productScanningSquare(
    _ a: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>,
    modulus n: UnsafePointer<UInt64>, negatedInverse: UInt64, count: Int, scratch: UnsafeMutablePointer<UInt64>
  ) {
    // Scratch: triples (aⱼ, mⱼ, nⱼ) | t. mₖ is still zero while column k is summed, so the pair
    // (0, k) adds m₀·nₖ and 0·n₀ and the loop needs no special first step.
    let triples = scratch
    let t = scratch + 3 &* count
    for index in 0..<count {
      triples[3 &* index] = a[index]
      triples[3 &* index &+ 1] = 0
      triples[3 &* index &+ 2] = n[index]
    }
    var low: UInt64 = 0
    var middle: UInt64 = 0
    var high: UInt64 = 0
    /// Adds the column whose pairs run from `start` up and `end` down to the accumulator.
    @inline(__always)
    func addColumn(from start: UnsafeMutablePointer<UInt64>, to end: UnsafeMutablePointer<UInt64>) {
      var up = start
      var down = end
      var crossLow: UInt64 = 0
      var crossMiddle: UInt64 = 0
      var crossHigh: UInt64 = 0
      while up < down {
        multiplyAccumulate(up[0], down[0], &crossLow, &crossMiddle, &crossHigh)
        multiplyAccumulate(up[1], down[2], &low, &middle, &high)
        multiplyAccumulate(down[1], up[2], &low, &middle, &high)
        up += 3
        down -= 3
      }
      crossHigh = crossHigh &<< 1 | crossMiddle &>> 63
      crossMiddle = crossMiddle &<< 1 | crossLow &>> 63
      crossLow &<<= 1
      if up == down {
        // Even column: the square a₍c/2₎² and m₍c/2₎·n₍c/2₎, each once.
        multiplyAccumulate(up[0], up[0], &crossLow, &crossMiddle, &crossHigh)
        multiplyAccumulate(up[1], up[2], &low, &middle, &high)
      }
      let (sumLow, carryLow) = addWithCarry(low, crossLow, 0)
      let (sumMiddle, carryMiddle) = addWithCarry(middle, crossMiddle, carryLow)
      low = sumLow
      middle = sumMiddle
      high = high &+ crossHigh &+ carryMiddle
    }
    // Low columns (pairs from 0 to c), each closed by its multiplier m꜀; then the high ones
    // (pairs from c − count + 1 to count − 1), each leaving a limb of the result.
    var column = 0
    while column < count {
      addColumn(from: triples, to: triples + 3 &* column)
      let multiplier = low &* negatedInverse
      triples[3 &* column &+ 1] = multiplier
      multiplyAccumulate(multiplier, triples[2], &low, &middle, &high)
      (low, middle, high) = (middle, high, 0)
      column &+= 1
    }
    while column < 2 &* count &- 1 {
      addColumn(from: triples + 3 &* (column &- count &+ 1), to: triples + 3 &* (count &- 1))
      t[column &- count] = low
      (low, middle, high) = (middle, high, 0)
      column &+= 1
    }
    t[count &- 1] = low
    finalSubtract(t, top: middle, into: result, modulus: n, count: count)
  }
}
