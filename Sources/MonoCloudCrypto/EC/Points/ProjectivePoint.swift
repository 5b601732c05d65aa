/// A curve point (x, y) with both coordinates known, never the point at infinity.
package struct AffinePoint<Curve: WeierstrassCurve>: Sendable {
  package var x: Curve.Field
  package var y: Curve.Field

  /// The point −P.
  @inline(__always) func negated() -> Self { Self(x: x, y: y.negated()) }
}

/// A curve point in homogeneous projective coordinates (X : Y : Z), x = X/Z, y = Y/Z; the
/// identity is (0 : 1 : 0).
///
/// Addition and doubling use the complete formulas of Renes, Costello and Batina ("Complete
/// addition formulas for prime order elliptic curves", 2016, algorithms 4–6 for a = −3): one
/// formula for every input, identity and equal points included, so there are no exceptional
/// cases to branch on, which keeps signing constant time and verification simple.
package struct ProjectivePoint<Curve: WeierstrassCurve>: PointCoordinates {
  var x: Curve.Field
  var y: Curve.Field
  var z: Curve.Field

  static var identity: Self { Self(x: .zero, y: .one, z: .zero) }

  /// The affine coordinates, by one constant-time inversion; the identity maps to (0, 0).
  func affine() -> AffinePoint<Curve> {
    let inverse = z.inverted()
    return AffinePoint(x: x * inverse, y: y * inverse)
  }

  /// The same point with Z = 1 (the identity stays the identity).
  func normalized() -> Self {
    let point = affine()
    return Self.select(Self(point), .identity, mask: z.isZeroMask)
  }

  /// `a` where `mask` is 0, `b` where it is all ones, without branching.
  @inline(__always) static func select(_ a: Self, _ b: Self, mask: UInt64) -> Self {
    Self(
      x: Field.select(a.x, b.x, mask: mask), y: Field.select(a.y, b.y, mask: mask),
      z: Field.select(a.z, b.z, mask: mask))
  }

  /// P + Q, complete (Renes–Costello–Batina algorithm 4).
  func adding(_ other: Self) -> Self {
    let t0 = x * other.x
    let t1 = y * other.y
    let t2 = z * other.z
    var t3 = (x + y) * (other.x + other.y)
    var t4 = t0 + t1
    t3 = t3 - t4
    t4 = (y + z) * (other.y + other.z)
    var x3 = t1 + t2
    t4 = t4 - x3
    x3 = (x + z) * (other.x + other.z)
    var y3 = t0 + t2
    y3 = x3 - y3
    return Self.completedSum(t0: t0, t1: t1, t2: t2, t3: t3, t4: t4, y3: y3)
  }

  /// P + Q for an affine Q (Renes–Costello–Batina algorithm 5); complete for every P, and Q is
  /// never the identity because affine points cannot be.
  func adding(_ other: AffinePoint<Curve>) -> Self {
    let t0 = x * other.x
    let t1 = y * other.y
    var t3 = (other.x + other.y) * (x + y)
    var t4 = t0 + t1
    t3 = t3 - t4
    t4 = other.y * z + y
    let y3 = other.x * z + x
    return Self.completedSum(t0: t0, t1: t1, t2: z, t3: t3, t4: t4, y3: y3)
  }

  /// The second half of algorithms 4 and 5, where they agree, from t0 = X1·X2, t1 = Y1·Y2,
  /// t2 = Z1·Z2, t3 = X1·Y2 + X2·Y1, t4 = Y1·Z2 + Y2·Z1 and y3 = X1·Z2 + X2·Z1 (Z2 = 1 for the
  /// mixed sum).
  @inline(__always)
  static func completedSum(t0: Field, t1: Field, t2: Field, t3: Field, t4: Field, y3: Field) -> Self {
    let b = Curve.b
    var (t0, t1, t2, y3) = (t0, t1, t2, y3)
    var z3 = b * t2
    var x3 = y3 - z3
    z3 = x3 + x3
    x3 = x3 + z3
    z3 = t1 - x3
    x3 = t1 + x3
    (y3, t0, t2) = tripledTerms(y3, t0: t0, t2: t2)
    t1 = t4 * y3
    t2 = t0 * y3
    y3 = x3 * z3
    y3 = y3 + t2
    x3 = t3 * x3
    x3 = x3 - t1
    z3 = t4 * z3
    t1 = t3 * t0
    z3 = z3 + t1
    return Self(x: x3, y: y3, z: z3)
  }

  /// The step that algorithms 4, 5 and 6 share (a = −3): with t2' = 3·t2, the values
  /// 3·(b·v − t2' − t0), 3·t0 − t2' and t2'.
  @inline(__always)
  static func tripledTerms(_ v: Field, t0: Field, t2: Field) -> (v: Field, t0: Field, t2: Field) {
    let t2Doubled = t2 + t2
    let t2Tripled = t2Doubled + t2
    var w = Curve.b * v
    w = w - t2Tripled
    w = w - t0
    let wDoubled = w + w
    let t0Doubled = t0 + t0
    let t0Tripled = t0Doubled + t0
    return (wDoubled + w, t0Tripled - t2Tripled, t2Tripled)
  }

  /// 2P, complete (Renes–Costello–Batina algorithm 6).
  func doubled() -> Self {
    let b = Curve.b
    var t0 = x.squared()
    let t1 = y.squared()
    var t2 = z.squared()
    var t3 = x * y
    t3 = t3 + t3
    var z3 = x * z
    z3 = z3 + z3
    var y3 = b * t2
    y3 = y3 - z3
    var x3 = y3 + y3
    y3 = x3 + y3
    x3 = t1 - y3
    y3 = t1 + y3
    y3 = x3 * y3
    x3 = x3 * t3
    (z3, t0, t2) = Self.tripledTerms(z3, t0: t0, t2: t2)
    t0 = t0 * z3
    y3 = y3 + t0
    t0 = y * z
    t0 = t0 + t0
    z3 = t0 * z3
    x3 = x3 - z3
    z3 = t0 * t1
    z3 = z3 + z3
    z3 = z3 + z3
    return Self(x: x3, y: y3, z: z3)
  }
}
