/// What the projective and the Jacobian forms of a curve point share: three coordinates
/// (X : Y : Z) over the curve's field, Z = 0 exactly for the identity, an affine point as
/// (x : y : 1), and negation as (X : −Y : Z).
protocol PointCoordinates: Sendable {
  associatedtype Curve: WeierstrassCurve
  var x: Curve.Field { get }
  var y: Curve.Field { get }
  var z: Curve.Field { get }
  init(x: Curve.Field, y: Curve.Field, z: Curve.Field)
}

extension PointCoordinates {
  typealias Field = Curve.Field

  @inline(__always) init(_ point: AffinePoint<Curve>) {
    self.init(x: point.x, y: point.y, z: .one)
  }

  /// Whether this is the point at infinity. Branch on it only for public points.
  var isIdentity: Bool { z.isZero }

  /// The point −P.
  @inline(__always) func negated() -> Self { Self(x: x, y: y.negated(), z: z) }
}
