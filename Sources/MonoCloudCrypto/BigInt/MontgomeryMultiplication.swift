// Montgomery multiplication, squaring and reduction (REDC) on raw limbs: the inner loops of
// RSA and of the wasm32 limb-loop fields. Constant time; the final subtraction is masked.
extension MontgomeryModulus {
  // MARK: - Core operations on raw limbs

  /// `result = a·b·R⁻¹ mod N`. Inputs < N. `result` may alias `a` or `b`; `scratch` has
  /// `scratchLimbCount` limbs and must not alias anything else. Product scanning on 64-bit
  /// targets, CIOS on wasm32 (see MontgomeryProductScanning.swift).
  @inline(__always)
  package static func multiply(
    _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>,
    modulus n: UnsafePointer<UInt64>, negatedInverse: UInt64, count: Int, scratch: UnsafeMutablePointer<UInt64>
  ) {
    #if arch(wasm32)
      operandScanningMultiply(
        a, b, into: result, modulus: n, negatedInverse: negatedInverse, count: count, scratch: scratch)
    #else
      productScanningMultiply(
        a, b, into: result, modulus: n, negatedInverse: negatedInverse, count: count, scratch: scratch)
    #endif
  }

  /// `result = a²·R⁻¹ mod N`, as `multiply(a, a, …)`; same rules and target split.
  @inline(__always)
  package static func square(
    _ a: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>,
    modulus n: UnsafePointer<UInt64>, negatedInverse: UInt64, count: Int, scratch: UnsafeMutablePointer<UInt64>
  ) {
    #if arch(wasm32)
      operandScanningSquare(a, into: result, modulus: n, negatedInverse: negatedInverse, count: count, scratch: scratch)
    #else
      productScanningSquare(a, into: result, modulus: n, negatedInverse: negatedInverse, count: count, scratch: scratch)
    #endif
  }

  /// `result = a·b·R⁻¹ mod N` (CIOS Montgomery multiplication). Inputs < N. `result` may alias
  /// `a` or `b`; `scratch` has `count + 2` limbs and must not alias anything else.
  @inline(__always)
  package static func operandScanningMultiply(
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
      let (top, o1) = addWithCarry(t[count], carryProduct, 0)
      let (top2, o2) = addWithCarry(top, carryReduce, 0)
      t[count &- 1] = top2
      t[count] = o1 | o2
    }
    // t < 2N: subtract N once, masked.
    finalSubtract(t, top: t[count], into: result, modulus: n, count: count)
  }

  /// `result = a²·R⁻¹ mod N`: the full square (off-diagonal products once, doubled, plus the
  /// diagonal) then Montgomery reduction. Same aliasing rules as `multiply`; `scratch` has
  /// `2·count + 2` limbs.
  @inline(__always)
  package static func operandScanningSquare(
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
      (row[count], topCarry) = addWithCarry(row[count], carry, topCarry)
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
      (result[index], borrow) = subtractWithBorrow(t[index], n[index], borrow)
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

  /// `operandScanningMultiply` with its own scratch (at most 9 limbs): one out-of-line copy of the limb loop
  /// for every fixed-limb field that uses it.
  @inline(never)
  static func limbProduct(
    _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>,
    modulus: UnsafePointer<UInt64>, negatedInverse: UInt64, count: Int
  ) {
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count &+ 2) { scratch in
      operandScanningMultiply(
        a, b, into: result, modulus: modulus, negatedInverse: negatedInverse, count: count,
        scratch: scratch.baseAddress!)
    }
  }
}
