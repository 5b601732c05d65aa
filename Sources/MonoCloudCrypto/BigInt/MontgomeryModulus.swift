/// An odd modulus N of `limbCount` 64-bit limbs with what Montgomery arithmetic needs, computed
/// once: -N⁻¹ mod 2⁶⁴ and R² mod N (R = 2^(64·limbCount)).
///
/// Values are `limbCount` limbs in caller-owned storage. "Montgomery form" of x is x·R mod N.
/// `multiply` and `square` never allocate; their scratch space (`scratchLimbCount` limbs) comes
/// from the caller, typically `withUnsafeTemporaryAllocation` once per whole operation.
/// Multiplication, squaring, reduction and `secretPower` run in time independent of the
/// values (the final subtraction is masked); `publicPower` branches on its public exponent.
/// The modulus may have leading zero limbs (CRT primes share one width), but must be odd and > 1.
package struct MontgomeryModulus: Sendable {
  /// Limbs of every value modulo N.
  package let limbCount: Int
  /// N, little-endian limbs.
  package let modulus: [UInt64]
  /// -N⁻¹ mod 2⁶⁴.
  package let negatedInverse: UInt64
  /// R² mod N, the factor that brings a value into Montgomery form.
  package let rSquared: [UInt64]
  /// Significant bits of N.
  package let bitCount: Int

  /// Scratch limbs that `multiply`, `square` and `reduce` need.
  package var scratchLimbCount: Int { 2 &* limbCount &+ 2 }

  /// `nil` unless the limbs hold an odd value > 1.
  package init?(limbs: [UInt64]) {
    guard let low = limbs.first, low & 1 == 1 else { return nil }
    let bits = limbs.withUnsafeBufferPointer { Limbs.bitCount($0.baseAddress!, count: $0.count) }
    guard bits > 1 else { return nil }
    limbCount = limbs.count
    modulus = limbs
    bitCount = bits
    // Newton iteration for N⁻¹ mod 2⁶⁴: N·N ≡ 1 mod 8 for odd N (3 bits), each step doubles.
    var inverse = low
    for _ in 0..<5 { inverse = inverse &* (2 &- low &* inverse) }
    negatedInverse = 0 &- inverse
    // R² mod N by doubling 2^(bits-1) (which is < N) up to 2^(2·64·limbCount), reducing each time.
    let count = limbs.count
    var value = [UInt64](repeating: 0, count: count)
    value[(bits &- 1) / 64] = 1 &<< UInt64((bits &- 1) % 64)
    limbs.withUnsafeBufferPointer { n in
      value.withUnsafeMutableBufferPointer { v in
        let n = n.baseAddress!
        let v = v.baseAddress!
        for _ in 0..<(2 &* 64 &* count &- bits &+ 1) {
          let top = v[count &- 1] &>> 63
          var index = count &- 1
          while index > 0 {
            v[index] = (v[index] &<< 1) | (v[index &- 1] &>> 63)
            index &-= 1
          }
          v[0] &<<= 1
          // v < 2N: subtract N when v ≥ N (top bit out, or no borrow).
          withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { d in
            let d = d.baseAddress!
            let borrow = Limbs.subtract(v, n, into: d, count: count)
            let keep = 0 &- (borrow & ~top & 1)
            Limbs.conditionalCopy(d, into: v, count: count, mask: ~keep)
          }
        }
      }
    }
    rSquared = value
  }

  /// Runs `body` with pointers to N and R² mod N (no allocation, no copy).
  @inline(__always)
  package func withPointers<Result>(
    _ body: (_ modulus: UnsafePointer<UInt64>, _ rSquared: UnsafePointer<UInt64>) -> Result
  ) -> Result {
    modulus.withUnsafeBufferPointer { n in
      rSquared.withUnsafeBufferPointer { r2 in body(n.baseAddress!, r2.baseAddress!) }
    }
  }

  // MARK: - Core operations on raw limbs

  /// `a·b + addend + carry`: returns the low limb and leaves the high limb in `carry`.
  /// Cannot overflow: (2⁶⁴−1)² + 2·(2⁶⁴−1) = 2¹²⁸ − 1.
  @inline(__always)
  static func multiplyAdd(_ a: UInt64, _ b: UInt64, _ addend: UInt64, _ carry: inout UInt64) -> UInt64 {
    #if arch(wasm32)
      // Both addends folded into the 32×32→64 partial products: no carries to detect.
      let (high, low) = multiplyAddPortable(a, b, addend, carry)
      carry = high
      return low
    #else
      var (high, low) = wideMultiply(a, b)
      var overflow: Bool
      (low, overflow) = low.addingReportingOverflow(addend)
      high &+= overflow ? 1 : 0
      (low, overflow) = low.addingReportingOverflow(carry)
      carry = high &+ (overflow ? 1 : 0)
      return low
    #endif
  }

  /// `result = a·b·R⁻¹ mod N` (CIOS Montgomery multiplication). Inputs < N. `result` may alias
  /// `a` or `b`; `scratch` has `scratchLimbCount` limbs and must not alias anything else.
  @inline(__always)
  package static func multiply(
    _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>,
    modulus n: UnsafePointer<UInt64>, negatedInverse: UInt64, count: Int, scratch t: UnsafeMutablePointer<UInt64>
  ) {
    t.initialize(repeating: 0, count: count &+ 2)
    for i in 0..<count {
      let bi = b[i]
      // Column 0 decides the reduction multiplier m, so that t + a·bᵢ + m·N ≡ 0 mod 2⁶⁴.
      var carryProduct: UInt64 = 0
      let low = multiplyAdd(a[0], bi, t[0], &carryProduct)
      let m = low &* negatedInverse
      var carryReduce: UInt64 = 0
      _ = multiplyAdd(m, n[0], low, &carryReduce)  // low limb is 0 by the choice of m
      // Unrolled by four (loop overhead is a third of a step otherwise).
      var j = 1
      while j &+ 4 <= count {
        t[j &- 1] = multiplyAdd(m, n[j], multiplyAdd(a[j], bi, t[j], &carryProduct), &carryReduce)
        t[j] = multiplyAdd(m, n[j &+ 1], multiplyAdd(a[j &+ 1], bi, t[j &+ 1], &carryProduct), &carryReduce)
        t[j &+ 1] = multiplyAdd(m, n[j &+ 2], multiplyAdd(a[j &+ 2], bi, t[j &+ 2], &carryProduct), &carryReduce)
        t[j &+ 2] = multiplyAdd(m, n[j &+ 3], multiplyAdd(a[j &+ 3], bi, t[j &+ 3], &carryProduct), &carryReduce)
        j &+= 4
      }
      while j < count {
        t[j &- 1] = multiplyAdd(m, n[j], multiplyAdd(a[j], bi, t[j], &carryProduct), &carryReduce)
        j &+= 1
      }
      // t[count] ≤ 1 and the sum stays below 2N, so one carry limb suffices.
      let (top, o1) = Limbs.addWithCarry(t[count], carryProduct, 0)
      let (top2, o2) = Limbs.addWithCarry(top, carryReduce, 0)
      t[count &- 1] = top2
      t[count] = o1 | o2
    }
    // t < 2N: subtract N once, masked.
    finalSubtract(t, top: t[count], into: result, modulus: n, count: count)
  }

  /// `result = a²·R⁻¹ mod N`: the full square (off-diagonal products once, doubled, plus the
  /// diagonal) then Montgomery reduction. Same aliasing and scratch rules as `multiply`.
  @inline(__always)
  package static func square(
    _ a: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>,
    modulus n: UnsafePointer<UInt64>, negatedInverse: UInt64, count: Int, scratch w: UnsafeMutablePointer<UInt64>
  ) {
    let wide = 2 &* count
    w.initialize(repeating: 0, count: wide)
    // Off-diagonal products aᵢ·aⱼ, i < j.
    var i = 0
    while i < count &- 1 {
      let ai = a[i]
      var carry: UInt64 = 0
      let row = w + i
      var j = i &+ 1
      while j &+ 4 <= count {
        row[j] = multiplyAdd(a[j], ai, row[j], &carry)
        row[j &+ 1] = multiplyAdd(a[j &+ 1], ai, row[j &+ 1], &carry)
        row[j &+ 2] = multiplyAdd(a[j &+ 2], ai, row[j &+ 2], &carry)
        row[j &+ 3] = multiplyAdd(a[j &+ 3], ai, row[j &+ 3], &carry)
        j &+= 4
      }
      while j < count {
        row[j] = multiplyAdd(a[j], ai, row[j], &carry)
        j &+= 1
      }
      w[i &+ count] = carry
      i &+= 1
    }
    // Double (a shift by one bit), then add the diagonal squares aᵢ².
    var index = wide &- 1
    while index > 0 {
      w[index] = (w[index] &<< 1) | (w[index &- 1] &>> 63)
      index &-= 1
    }
    w[0] &<<= 1
    var carry: UInt64 = 0
    i = 0
    while i < count {
      // w[2i] + aᵢ² + carry fits in 128 bits; its high half then goes into w[2i+1].
      w[2 &* i] = multiplyAdd(a[i], a[i], w[2 &* i], &carry)
      let (sum, overflow) = w[2 &* i &+ 1].addingReportingOverflow(carry)
      w[2 &* i &+ 1] = sum
      carry = overflow ? 1 : 0
      i &+= 1
    }
    reduce(w, into: result, modulus: n, negatedInverse: negatedInverse, count: count)
  }

  /// `result = w·R⁻¹ mod N` for a `2·count`-limb `w` < N·R (Montgomery reduction, REDC).
  /// Overwrites `w`. `result` must not overlap the low half of `w`.
  @inline(__always)
  package static func reduce(
    _ w: UnsafeMutablePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>,
    modulus n: UnsafePointer<UInt64>, negatedInverse: UInt64, count: Int
  ) {
    var topCarry: UInt64 = 0
    for i in 0..<count {
      let row = w + i
      let m = row[0] &* negatedInverse
      // Column 0 (which becomes zero) is part of the unrolled loop, so that the usual limb
      // counts (multiples of 4) leave no remainder.
      var carry: UInt64 = 0
      var j = 0
      while j &+ 4 <= count {
        row[j] = multiplyAdd(m, n[j], row[j], &carry)
        row[j &+ 1] = multiplyAdd(m, n[j &+ 1], row[j &+ 1], &carry)
        row[j &+ 2] = multiplyAdd(m, n[j &+ 2], row[j &+ 2], &carry)
        row[j &+ 3] = multiplyAdd(m, n[j &+ 3], row[j &+ 3], &carry)
        j &+= 4
      }
      while j < count {
        row[j] = multiplyAdd(m, n[j], row[j], &carry)
        j &+= 1
      }
      (row[count], topCarry) = Limbs.addWithCarry(row[count], carry, topCarry)
    }
    finalSubtract(w + count, top: topCarry, into: result, modulus: n, count: count)
  }

  /// `result = (top·R + t) mod N` for a value < 2N, by a masked subtraction of N.
  /// `t` has at least `count` limbs and may be changed.
  @inline(__always)
  static func finalSubtract(
    _ t: UnsafeMutablePointer<UInt64>, top: UInt64, into result: UnsafeMutablePointer<UInt64>,
    modulus n: UnsafePointer<UInt64>, count: Int
  ) {
    var borrow: UInt64 = 0
    for index in 0..<count {
      (result[index], borrow) = Limbs.subtractWithBorrow(t[index], n[index], borrow)
    }
    // Keep t when the subtraction went negative and nothing was carried out (borrow 1, top 0).
    let keep = 0 &- (borrow &- top)
    for index in 0..<count {
      result[index] = (result[index] & ~keep) | (t[index] & keep)
    }
  }

  // MARK: - Convenience on this modulus

  /// Montgomery product of two `limbCount`-limb values (see the static `multiply`).
  @inline(__always)
  package func multiply(
    _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>,
    modulus n: UnsafePointer<UInt64>, scratch: UnsafeMutablePointer<UInt64>
  ) {
    Self.multiply(a, b, into: result, modulus: n, negatedInverse: negatedInverse, count: limbCount, scratch: scratch)
  }

  /// Montgomery square of a `limbCount`-limb value (see the static `square`).
  @inline(__always)
  package func square(
    _ a: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>,
    modulus n: UnsafePointer<UInt64>, scratch: UnsafeMutablePointer<UInt64>
  ) {
    Self.square(a, into: result, modulus: n, negatedInverse: negatedInverse, count: limbCount, scratch: scratch)
  }

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
        (result[index], carry) = Limbs.addWithCarry(result[index], n[index] & mask, carry)
      }
    }
  }

  /// `result = a⁻¹` in Montgomery form for `a` in Montgomery form, when N is prime (Fermat:
  /// a^(N−2)); constant time; 0 maps to 0. `workspace` holds `secretPowerWorkspaceLimbCount + limbCount`.
  package func primeInverse(
    _ a: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>, workspace: UnsafeMutablePointer<UInt64>
  ) {
    let exponent = workspace
    modulus.withUnsafeBufferPointer { n in
      exponent.update(from: n.baseAddress!, count: limbCount)
    }
    // N − 2: N is odd and > 2 for a prime, so only the low limb can borrow past… propagate anyway.
    var borrow: UInt64 = 2
    for index in 0..<limbCount {
      let (d, o) = exponent[index].subtractingReportingOverflow(borrow)
      exponent[index] = d
      borrow = o ? 1 : 0
    }
    secretPower(a, exponent: exponent, exponentLimbCount: limbCount, into: result, workspace: workspace + limbCount)
  }
}

// MARK: - Fixed-limb field elements

extension MontgomeryModulus {
  /// The Montgomery product of two fixed-limb elements (structs holding exactly `count`
  /// `UInt64` limbs, least significant first, as the generated fields are) by the limb loop of
  /// `multiply`. `modulus` holds the modulus in the same layout.
  @inline(__always)
  static func fixedLimbProduct<Element>(
    _ a: Element, _ b: Element, modulus: Element, negatedInverse: UInt64, count: Int
  ) -> Element {
    var result = a
    withUnsafeBytes(of: a) { a in
      withUnsafeBytes(of: b) { b in
        withUnsafeBytes(of: modulus) { m in
          withUnsafeMutableBytes(of: &result) { r in
            limbProduct(
              a.assumingMemoryBound(to: UInt64.self).baseAddress!, b.assumingMemoryBound(to: UInt64.self).baseAddress!,
              into: r.assumingMemoryBound(to: UInt64.self).baseAddress!,
              modulus: m.assumingMemoryBound(to: UInt64.self).baseAddress!, negatedInverse: negatedInverse, count: count
            )
          }
        }
      }
    }
    return result
  }

  /// `multiply` with its own scratch (at most 9 limbs): one out-of-line copy of the limb loop
  /// for every fixed-limb field that uses it.
  @inline(never)
  static func limbProduct(
    _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>,
    modulus: UnsafePointer<UInt64>, negatedInverse: UInt64, count: Int
  ) {
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count &+ 2) { scratch in
      multiply(
        a, b, into: result, modulus: modulus, negatedInverse: negatedInverse, count: count,
        scratch: scratch.baseAddress!)
    }
  }
}

// MARK: - Array conveniences (allocate; for key setup and tests, not hot paths)

extension MontgomeryModulus {
  /// x·R mod N for a plain x < N.
  package func montgomeryForm(of x: [UInt64]) -> [UInt64] {
    precondition(x.count == limbCount)
    var result = [UInt64](repeating: 0, count: limbCount)
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: scratchLimbCount) { scratch in
      withPointers { n, r2 in
        result.withUnsafeMutableBufferPointer { r in
          multiply(x, r2, into: r.baseAddress!, modulus: n, scratch: scratch.baseAddress!)
        }
      }
    }
    return result
  }

  /// The plain value of x·R mod N.
  package func plainForm(of x: [UInt64]) -> [UInt64] {
    precondition(x.count == limbCount)
    var one = [UInt64](repeating: 0, count: limbCount)
    one[0] = 1
    var result = [UInt64](repeating: 0, count: limbCount)
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: scratchLimbCount) { scratch in
      withPointers { n, _ in
        result.withUnsafeMutableBufferPointer { r in
          multiply(x, one, into: r.baseAddress!, modulus: n, scratch: scratch.baseAddress!)
        }
      }
    }
    return result
  }

  /// x^e mod N for plain x < N and an odd public e > 1.
  package func publicPower(_ x: [UInt64], exponent: UInt64) -> [UInt64] {
    precondition(x.count == limbCount && exponent & 1 == 1 && exponent > 1)
    var result = [UInt64](repeating: 0, count: limbCount)
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 &* limbCount &+ scratchLimbCount) { workspace in
      result.withUnsafeMutableBufferPointer { r in
        publicPower(x, exponent: exponent, into: r.baseAddress!, workspace: workspace.baseAddress!)
      }
    }
    return result
  }

  /// x^d mod N for plain x < N, in constant time.
  package func secretPower(_ x: [UInt64], exponent: [UInt64]) -> [UInt64] {
    let base = montgomeryForm(of: x)
    var result = [UInt64](repeating: 0, count: limbCount)
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: secretPowerWorkspaceLimbCount) { workspace in
      result.withUnsafeMutableBufferPointer { r in
        secretPower(
          base, exponent: exponent, exponentLimbCount: exponent.count, into: r.baseAddress!,
          workspace: workspace.baseAddress!)
      }
    }
    return plainForm(of: result)
  }

  /// x⁻¹ mod N for a prime N and plain x < N (0 maps to 0), in constant time.
  package func primeInverse(_ x: [UInt64]) -> [UInt64] {
    let base = montgomeryForm(of: x)
    var result = [UInt64](repeating: 0, count: limbCount)
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: secretPowerWorkspaceLimbCount &+ limbCount) {
      workspace in
      result.withUnsafeMutableBufferPointer { r in
        primeInverse(base, into: r.baseAddress!, workspace: workspace.baseAddress!)
      }
    }
    return plainForm(of: result)
  }
}

extension Limbs {
  /// The big-endian bytes as exactly `count` limbs, or nil when they do not fit.
  package static func fromBigEndian(_ bytes: [UInt8], count: Int) -> [UInt64]? {
    var limbs = [UInt64](repeating: 0, count: count)
    let fits = bytes.withUnsafeBytes { b in
      limbs.withUnsafeMutableBufferPointer { l in load(bigEndian: b, into: l.baseAddress!, count: count) }
    }
    return fits ? limbs : nil
  }

  /// The value as `byteCount` big-endian bytes (high limbs beyond that are dropped).
  package static func toBigEndian(_ limbs: [UInt64], byteCount: Int) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: byteCount)
    limbs.withUnsafeBufferPointer { l in
      bytes.withUnsafeMutableBytes { b in store(l.baseAddress!, count: l.count, bigEndianInto: b) }
    }
    return bytes
  }
}
