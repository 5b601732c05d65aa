// The unrolled column-sum products of the P-521 field (multiplication, squaring, scaling by a
// small constant), generic over the 128-bit accumulator so that tests can run the portable one.
extension P521FieldElement {
  /// `a · b` through the portable accumulator (two `UInt64` words), whatever the platform
  /// uses natively; lets tests check the code path of 32-bit and Apple targets on any machine.
  @inlinable
  package static func portableProduct(_ a: Self, _ b: Self) -> Self {
    product(a, b, P521PortableAccumulator.self)
  }

  /// `self²` through the portable accumulator; see `portableProduct`.
  @inlinable
  package func portableSquared() -> Self {
    Self.square(self, P521PortableAccumulator.self)
  }

  /// Schoolbook product, one column at a time: column k sums a_i · b_j over i + j ≡ k (mod 9)
  /// plus the carry of column k − 1, all below 2^121. Columns at or above limb 9 fold back
  /// doubled (2^522 ≡ 2), hence the doubled limbs of b for them.
  @inlinable @inline(__always)
  static func product<A: P521Accumulator>(_ a: Self, _ b: Self, _: A.Type) -> Self {
    let m = Self.mask58
    let db1 = b.l1 &<< 1
    let db2 = b.l2 &<< 1
    let db3 = b.l3 &<< 1
    let db4 = b.l4 &<< 1
    let db5 = b.l5 &<< 1
    let db6 = b.l6 &<< 1
    let db7 = b.l7 &<< 1
    let db8 = b.l8 &<< 1
    var t = A(a.l0, b.l0)
    t.add(a.l1, db8)
    t.add(a.l2, db7)
    t.add(a.l3, db6)
    t.add(a.l4, db5)
    t.add(a.l5, db4)
    t.add(a.l6, db3)
    t.add(a.l7, db2)
    t.add(a.l8, db1)
    var r0 = t.low & m
    let carry1 = t.shiftedRight58
    t = A(a.l0, b.l1)
    t.add(a.l1, b.l0)
    t.add(a.l2, db8)
    t.add(a.l3, db7)
    t.add(a.l4, db6)
    t.add(a.l5, db5)
    t.add(a.l6, db4)
    t.add(a.l7, db3)
    t.add(a.l8, db2)
    t.add(carry: carry1)
    var r1 = t.low & m
    let carry2 = t.shiftedRight58
    t = A(a.l0, b.l2)
    t.add(a.l1, b.l1)
    t.add(a.l2, b.l0)
    t.add(a.l3, db8)
    t.add(a.l4, db7)
    t.add(a.l5, db6)
    t.add(a.l6, db5)
    t.add(a.l7, db4)
    t.add(a.l8, db3)
    t.add(carry: carry2)
    let r2 = t.low & m
    let carry3 = t.shiftedRight58
    t = A(a.l0, b.l3)
    t.add(a.l1, b.l2)
    t.add(a.l2, b.l1)
    t.add(a.l3, b.l0)
    t.add(a.l4, db8)
    t.add(a.l5, db7)
    t.add(a.l6, db6)
    t.add(a.l7, db5)
    t.add(a.l8, db4)
    t.add(carry: carry3)
    let r3 = t.low & m
    let carry4 = t.shiftedRight58
    t = A(a.l0, b.l4)
    t.add(a.l1, b.l3)
    t.add(a.l2, b.l2)
    t.add(a.l3, b.l1)
    t.add(a.l4, b.l0)
    t.add(a.l5, db8)
    t.add(a.l6, db7)
    t.add(a.l7, db6)
    t.add(a.l8, db5)
    t.add(carry: carry4)
    let r4 = t.low & m
    let carry5 = t.shiftedRight58
    t = A(a.l0, b.l5)
    t.add(a.l1, b.l4)
    t.add(a.l2, b.l3)
    t.add(a.l3, b.l2)
    t.add(a.l4, b.l1)
    t.add(a.l5, b.l0)
    t.add(a.l6, db8)
    t.add(a.l7, db7)
    t.add(a.l8, db6)
    t.add(carry: carry5)
    let r5 = t.low & m
    let carry6 = t.shiftedRight58
    t = A(a.l0, b.l6)
    t.add(a.l1, b.l5)
    t.add(a.l2, b.l4)
    t.add(a.l3, b.l3)
    t.add(a.l4, b.l2)
    t.add(a.l5, b.l1)
    t.add(a.l6, b.l0)
    t.add(a.l7, db8)
    t.add(a.l8, db7)
    t.add(carry: carry6)
    let r6 = t.low & m
    let carry7 = t.shiftedRight58
    t = A(a.l0, b.l7)
    t.add(a.l1, b.l6)
    t.add(a.l2, b.l5)
    t.add(a.l3, b.l4)
    t.add(a.l4, b.l3)
    t.add(a.l5, b.l2)
    t.add(a.l6, b.l1)
    t.add(a.l7, b.l0)
    t.add(a.l8, db8)
    t.add(carry: carry7)
    let r7 = t.low & m
    let carry8 = t.shiftedRight58
    t = A(a.l0, b.l8)
    t.add(a.l1, b.l7)
    t.add(a.l2, b.l6)
    t.add(a.l3, b.l5)
    t.add(a.l4, b.l4)
    t.add(a.l5, b.l3)
    t.add(a.l6, b.l2)
    t.add(a.l7, b.l1)
    t.add(a.l8, b.l0)
    t.add(carry: carry8)
    let r8 = t.low & Self.mask57
    // The excess above bit 521 (below 2^64) wraps onto limb 0; one more carry keeps limb 0 tight.
    r0 &+= t.shiftedRight57
    r1 &+= r0 &>> 58
    r0 &= m
    return Self(r0, r1, r2, r3, r4, r5, r6, r7, r8)
  }

  /// The square: 45 limb products instead of 81 (each cross product once, doubled).
  @inlinable @inline(__always)
  static func square<A: P521Accumulator>(_ x: Self, _: A.Type) -> Self {
    let m = Self.mask58
    let l0 = x.l0
    let l1 = x.l1
    let l2 = x.l2
    let l3 = x.l3
    let l4 = x.l4
    let l5 = x.l5
    let l6 = x.l6
    let l7 = x.l7
    let l8 = x.l8
    let da0 = l0 &<< 1
    let da1 = l1 &<< 1
    let da2 = l2 &<< 1
    let da3 = l3 &<< 1
    let da4 = l4 &<< 1
    let da5 = l5 &<< 1
    let da6 = l6 &<< 1
    let da7 = l7 &<< 1
    let da8 = l8 &<< 1
    var t = A(l0, l0)
    t.add(da1, da8)
    t.add(da2, da7)
    t.add(da3, da6)
    t.add(da4, da5)
    var r0 = t.low & m
    let carry9 = t.shiftedRight58
    t = A(da0, l1)
    t.add(da2, da8)
    t.add(da3, da7)
    t.add(da4, da6)
    t.add(da5, l5)
    t.add(carry: carry9)
    var r1 = t.low & m
    let carry10 = t.shiftedRight58
    t = A(da0, l2)
    t.add(l1, l1)
    t.add(da3, da8)
    t.add(da4, da7)
    t.add(da5, da6)
    t.add(carry: carry10)
    let r2 = t.low & m
    let carry11 = t.shiftedRight58
    t = A(da0, l3)
    t.add(da1, l2)
    t.add(da4, da8)
    t.add(da5, da7)
    t.add(da6, l6)
    t.add(carry: carry11)
    let r3 = t.low & m
    let carry12 = t.shiftedRight58
    t = A(da0, l4)
    t.add(da1, l3)
    t.add(l2, l2)
    t.add(da5, da8)
    t.add(da6, da7)
    t.add(carry: carry12)
    let r4 = t.low & m
    let carry13 = t.shiftedRight58
    t = A(da0, l5)
    t.add(da1, l4)
    t.add(da2, l3)
    t.add(da6, da8)
    t.add(da7, l7)
    t.add(carry: carry13)
    let r5 = t.low & m
    let carry14 = t.shiftedRight58
    t = A(da0, l6)
    t.add(da1, l5)
    t.add(da2, l4)
    t.add(l3, l3)
    t.add(da7, da8)
    t.add(carry: carry14)
    let r6 = t.low & m
    let carry15 = t.shiftedRight58
    t = A(da0, l7)
    t.add(da1, l6)
    t.add(da2, l5)
    t.add(da3, l4)
    t.add(da8, l8)
    t.add(carry: carry15)
    let r7 = t.low & m
    let carry16 = t.shiftedRight58
    t = A(da0, l8)
    t.add(da1, l7)
    t.add(da2, l6)
    t.add(da3, l5)
    t.add(l4, l4)
    t.add(carry: carry16)
    let r8 = t.low & Self.mask57
    // The excess above bit 521 (below 2^64) wraps onto limb 0; one more carry keeps limb 0 tight.
    r0 &+= t.shiftedRight57
    r1 &+= r0 &>> 58
    r0 &= m
    return Self(r0, r1, r2, r3, r4, r5, r6, r7, r8)
  }

  @inlinable @inline(__always)
  static func scaled<A: P521Accumulator>(_ x: Self, _ c: UInt64, _: A.Type) -> Self {
    let m = Self.mask58
    let l0 = x.l0
    let l1 = x.l1
    let l2 = x.l2
    let l3 = x.l3
    let l4 = x.l4
    let l5 = x.l5
    let l6 = x.l6
    let l7 = x.l7
    let l8 = x.l8
    var t = A(l0, c)
    var r0 = t.low & m
    let carry17 = t.shiftedRight58
    t = A(l1, c)
    t.add(carry: carry17)
    var r1 = t.low & m
    let carry18 = t.shiftedRight58
    t = A(l2, c)
    t.add(carry: carry18)
    let r2 = t.low & m
    let carry19 = t.shiftedRight58
    t = A(l3, c)
    t.add(carry: carry19)
    let r3 = t.low & m
    let carry20 = t.shiftedRight58
    t = A(l4, c)
    t.add(carry: carry20)
    let r4 = t.low & m
    let carry21 = t.shiftedRight58
    t = A(l5, c)
    t.add(carry: carry21)
    let r5 = t.low & m
    let carry22 = t.shiftedRight58
    t = A(l6, c)
    t.add(carry: carry22)
    let r6 = t.low & m
    let carry23 = t.shiftedRight58
    t = A(l7, c)
    t.add(carry: carry23)
    let r7 = t.low & m
    let carry24 = t.shiftedRight58
    t = A(l8, c)
    t.add(carry: carry24)
    let r8 = t.low & Self.mask57
    // The excess above bit 521 (below 2^64) wraps onto limb 0; one more carry keeps limb 0 tight.
    r0 &+= t.shiftedRight57
    r1 &+= r0 &>> 58
    r0 &= m
    return Self(r0, r1, r2, r3, r4, r5, r6, r7, r8)
  }
}
