// The P-521 field product as loops over the limbs: what wasm32 runs, where code size matters.
extension P521FieldElement {
  /// `a · b` with the column sums of `product` (the same terms, the same carries) as loops: a
  /// small fraction of the unrolled code, somewhat slower. What `*` and `squared()` run on
  /// wasm32, where the module's size matters more than ES512's speed. Branches only on indices.
  @inline(never) @usableFromInline
  package static func productByLoop(_ a: Self, _ b: Self) -> Self {
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 36) { buffer in
      let x = buffer.baseAddress!
      let y = x + 9
      let doubledY = x + 18  // 2·bⱼ for the columns that wrap past limb 8 (2^522 ≡ 2)
      let column = x + 27
      a.store(into: x)
      b.store(into: y)
      for j in 0..<9 { doubledY[j] = y[j] &<< 1 }
      var carry: UInt64 = 0
      var excess: UInt64 = 0
      for k in 0..<9 {
        var t = P521NativeAccumulator(x[0], y[k])
        for i in 1..<9 {
          let j = k &- i
          t.add(x[i], j >= 0 ? y[j] : doubledY[j &+ 9])
        }
        if k > 0 { t.add(carry: carry) }
        if k < 8 {
          column[k] = t.low & Self.mask58
          carry = t.shiftedRight58
        } else {
          column[8] = t.low & Self.mask57
          excess = t.shiftedRight57
        }
      }
      // The excess above bit 521 wraps onto limb 0; one more carry keeps limb 0 tight.
      var r0 = column[0] &+ excess
      let r1 = column[1] &+ (r0 >> 58)
      r0 &= Self.mask58
      return Self(r0, r1, column[2], column[3], column[4], column[5], column[6], column[7], column[8])
    }
  }

  @inline(__always)
  func store(into limbs: UnsafeMutablePointer<UInt64>) {
    limbs[0] = l0
    limbs[1] = l1
    limbs[2] = l2
    limbs[3] = l3
    limbs[4] = l4
    limbs[5] = l5
    limbs[6] = l6
    limbs[7] = l7
    limbs[8] = l8
  }
}
