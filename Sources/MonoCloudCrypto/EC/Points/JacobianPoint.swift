/// A curve point in Jacobian coordinates (X : Y : Z), x = X/Z², y = Y/Z³; the identity has Z = 0.
///
/// Used by verification only, where every input is public: the formulas (Bernstein–Lange's
/// Explicit-Formulas Database: dbl-2001-b for a = −3, add-2007-bl, madd-2007-bl) are cheaper
/// than the complete projective ones, and their exceptional cases (identity, P = ±Q) are
/// handled by branches, which is fine for public data. Signing uses `ProjectivePoint`.
struct JacobianPoint<Curve: WeierstrassCurve>: Sendable {
  typealias Field = Curve.Field
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

  static var identity: Self { Self(x: .one, y: .one, z: .zero) }

  var isIdentity: Bool { z.isZero }

  @inline(__always) func negated() -> Self { Self(x: x, y: y.negated(), z: z) }

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
    let i = (hh + hh) + (hh + hh)
    let j = h * i
    let r = sDifference + sDifference
    let v = x * i
    let x3 = r.squared() - j - (v + v)
    let yj = y * j
    let y3 = r * (v - x3) - (yj + yj)
    let z3 = (z + h).squared() - z1z1 - hh
    return Self(x: x3, y: y3, z: z3)
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
    let i = h2.squared()
    let j = h * i
    let r = sDifference + sDifference
    let v = u1 * i
    let x3 = r.squared() - j - (v + v)
    let s1j = s1 * j
    let y3 = r * (v - x3) - (s1j + s1j)
    let z3 = ((z + other.z).squared() - z1z1 - z2z2) * h
    return Self(x: x3, y: y3, z: z3)
  }
}
