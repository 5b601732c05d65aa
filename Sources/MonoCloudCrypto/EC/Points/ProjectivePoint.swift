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
package struct ProjectivePoint<Curve: WeierstrassCurve>: Sendable {
  package typealias Field = Curve.Field
  var x: Field
  var y: Field
  var z: Field

  @inline(__always) init(x: Field, y: Field, z: Field) {
    self.x = x
    self.y = y
    self.z = z
  }

  @inline(__always) init(_ point: AffinePoint<Curve>) {
    self.init(x: point.x, y: point.y, z: .one)
  }

  static var identity: Self { Self(x: .zero, y: .one, z: .zero) }

  /// Whether this is the point at infinity. Branch on it only for public points.
  var isIdentity: Bool { z.isZero }

  /// The point −P.
  @inline(__always) func negated() -> Self { Self(x: x, y: y.negated(), z: z) }

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
    let b = Curve.b
    var t0 = x * other.x
    var t1 = y * other.y
    var t2 = z * other.z
    var t3 = (x + y) * (other.x + other.y)
    var t4 = t0 + t1
    t3 = t3 - t4
    t4 = (y + z) * (other.y + other.z)
    var x3 = t1 + t2
    t4 = t4 - x3
    x3 = (x + z) * (other.x + other.z)
    var y3 = t0 + t2
    y3 = x3 - y3
    var z3 = b * t2
    x3 = y3 - z3
    z3 = x3 + x3
    x3 = x3 + z3
    z3 = t1 - x3
    x3 = t1 + x3
    y3 = b * y3
    t1 = t2 + t2
    t2 = t1 + t2
    y3 = y3 - t2
    y3 = y3 - t0
    t1 = y3 + y3
    y3 = t1 + y3
    t1 = t0 + t0
    t0 = t1 + t0
    t0 = t0 - t2
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

  /// P + Q for an affine Q (Renes–Costello–Batina algorithm 5); complete for every P, and Q is
  /// never the identity because affine points cannot be.
  func adding(_ other: AffinePoint<Curve>) -> Self {
    let b = Curve.b
    var t0 = x * other.x
    var t1 = y * other.y
    var t3 = (other.x + other.y) * (x + y)
    var t4 = t0 + t1
    t3 = t3 - t4
    t4 = other.y * z + y
    var y3 = other.x * z + x
    var z3 = b * z
    var x3 = y3 - z3
    z3 = x3 + x3
    x3 = x3 + z3
    z3 = t1 - x3
    x3 = t1 + x3
    y3 = b * y3
    t1 = z + z
    let t2 = t1 + z
    y3 = y3 - t2
    y3 = y3 - t0
    t1 = y3 + y3
    y3 = t1 + y3
    t1 = t0 + t0
    t0 = t1 + t0
    t0 = t0 - t2
    t1 = t4 * y3
    let t5 = t0 * y3
    y3 = x3 * z3
    y3 = y3 + t5
    x3 = t3 * x3
    x3 = x3 - t1
    z3 = t4 * z3
    t1 = t3 * t0
    z3 = z3 + t1
    return Self(x: x3, y: y3, z: z3)
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
    t3 = t2 + t2
    t2 = t2 + t3
    z3 = b * z3
    z3 = z3 - t2
    z3 = z3 - t0
    t3 = z3 + z3
    z3 = z3 + t3
    t3 = t0 + t0
    t0 = t3 + t0
    t0 = t0 - t2
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
