/// A curve point in Jacobian coordinates (X : Y : Z), x = X/Z², y = Y/Z³; the identity has Z = 0.
///
/// Used by verification only, where every input is public: the formulas (Bernstein–Lange's
/// Explicit-Formulas Database: dbl-2001-b for a = −3, add-2007-bl, madd-2007-bl) are cheaper
/// than the complete projective ones, and their exceptional cases (identity, P = ±Q) are
/// handled by branches, which is fine for public data. Signing uses `ProjectivePoint`.
struct JacobianPoint<Curve: WeierstrassCurve>: PointCoordinates {
  var x: Curve.Field
  var y: Curve.Field
  var z: Curve.Field

  static var identity: Self { Self(x: .one, y: .one, z: .zero) }

  /// 2P (dbl-2001-b, a = −3: 3M + 5S). The identity doubles to the identity (Z stays 0).
  func doubled() -> Self {
    let delta = z.squared()
    let gamma = y.squared()
    let beta = x * gamma
    let difference = x - delta
    let sum = x + delta
    let product = difference * sum
    let alpha = product + product + product
    let beta4 = (beta + beta) + (beta + beta)
    let x3 = alpha.squared() - (beta4 + beta4)
    let z3 = (y + z).squared() - gamma - delta
    let gammaSquared = gamma.squared()
    let gammaSquared2 = gammaSquared + gammaSquared
    let gammaSquared8 = (gammaSquared2 + gammaSquared2) + (gammaSquared2 + gammaSquared2)
    let y3 = alpha * (beta4 - x3) - gammaSquared8
    return Self(x: x3, y: y3, z: z3)
  }

  /// P + Q for an affine Q (madd-2007-bl: 7M + 4S), with the exceptional cases handled.
  func adding(_ other: AffinePoint<Curve>) -> Self {
    if isIdentity { return Self(other) }
    let z1z1 = z.squared()
    let u2 = other.x * z1z1
    let s2 = other.y * z * z1z1
    let h = u2 - x
    let sDifference = s2 - y
    if h.isZero {
      return sDifference.isZero ? doubled() : .identity
    }
    let hh = h.squared()
    let z3 = (z + h).squared() - z1z1 - hh
    return Self.sum(h: h, i: (hh + hh) + (hh + hh), sDifference: sDifference, u1: x, s1: y, z3: z3)
  }

  /// P + Q (add-2007-bl: 11M + 5S), with the exceptional cases handled.
  func adding(_ other: Self) -> Self {
    if isIdentity { return other }
    if other.isIdentity { return self }
    let z1z1 = z.squared()
    let z2z2 = other.z.squared()
    let u1 = x * z2z2
    let u2 = other.x * z1z1
    let s1 = y * other.z * z2z2
    let s2 = other.y * z * z1z1
    let h = u2 - u1
    let sDifference = s2 - s1
    if h.isZero {
      return sDifference.isZero ? doubled() : .identity
    }
    let h2 = h + h
    let z3 = ((z + other.z).squared() - z1z1 - z2z2) * h
    return Self.sum(h: h, i: h2.squared(), sDifference: sDifference, u1: u1, s1: s1, z3: z3)
  }

  /// The common end of madd-2007-bl and add-2007-bl: with J = H·I, r = 2(S2 − S1) and V = U1·I,
  /// X3 = r² − J − 2V and Y3 = r(V − X3) − 2·S1·J (for madd, U1 = X1 and S1 = Y1).
  @inline(__always)
  static func sum(h: Field, i: Field, sDifference: Field, u1: Field, s1: Field, z3: Field) -> Self {
    let j = h * i
    let r = sDifference + sDifference
    let v = u1 * i
    let x3 = r.squared() - j - (v + v)
    let s1j = s1 * j
    let y3 = r * (v - x3) - (s1j + s1j)
    return Self(x: x3, y: y3, z: z3)
  }
}
