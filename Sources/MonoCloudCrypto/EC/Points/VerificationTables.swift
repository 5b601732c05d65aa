// Precomputed multiples for verification. A scalar u of the curve's bit length is split into
// `splitCount` parts of `splitBitCount(Scalar)` bits, u = Σ u_k·2^(k·l), so that
// u·P = Σ u_k·(2^(k·l)·P): with the odd multiples of every 2^(k·l)·P at hand, the double-scalar
// multiplication needs only l doublings instead of the full bit length. The tables of G are
// built once per curve; those of a public key once per imported key.

/// Parts a verification scalar is split into.
let splitCount = 4

/// The wNAF width used with the precomputed multiples of the generator (64 per part).
let generatorWindow = 8

/// The wNAF width used with the precomputed multiples of a public key (16 per part).
let publicKeyWindow = 6

/// Bits in each part of a split scalar.
@inline(__always) func splitBitCount<Scalar: ScalarFieldElement>(_: Scalar.Type) -> Int {
  (Scalar.bitCount + splitCount - 1) / splitCount
}

/// For each part k, the odd multiples 1, 3, … (2^(window−1) − 1) of 2^(k·l)·P in affine form,
/// part after part (so 2^(window−2) points per part).
func makeSplitOddMultiples<Curve: WeierstrassCurve>(of point: AffinePoint<Curve>, window: Int) -> [AffinePoint<Curve>] {
  let perPart = 1 << (window - 2)
  var jacobian: [JacobianPoint<Curve>] = []
  jacobian.reserveCapacity(splitCount * perPart)
  var base = JacobianPoint<Curve>(point)
  for part in 0..<splitCount {
    if part > 0 {
      for _ in 0..<splitBitCount(Curve.Scalar.self) { base = base.doubled() }
    }
    let doubled = base.doubled()
    var current = base
    for _ in 0..<perPart {
      jacobian.append(current)
      current = current.adding(doubled)
    }
  }
  return normalize(jacobian)
}

/// Affine forms of Jacobian points (none the identity) with one field inversion for all of
/// them (Montgomery's trick: invert the product, then peel off one factor at a time).
func normalize<Curve: WeierstrassCurve>(_ points: [JacobianPoint<Curve>]) -> [AffinePoint<Curve>] {
  guard !points.isEmpty else { return [] }
  var prefixProducts: [Curve.Field] = []
  prefixProducts.reserveCapacity(points.count)
  var product = Curve.Field.one
  for point in points {
    product = product * point.z
    prefixProducts.append(product)
  }
  var inverse = product.inverted()
  var result = [AffinePoint<Curve>](repeating: AffinePoint(x: .zero, y: .zero), count: points.count)
  for index in points.indices.reversed() {
    // inverse = 1 / (z_0 · … · z_index) here.
    let zInverse = index == 0 ? inverse : inverse * prefixProducts[index - 1]
    inverse = inverse * points[index].z
    let zInverseSquared = zInverse.squared()
    result[index] = AffinePoint(
      x: points[index].x * zInverseSquared, y: points[index].y * zInverseSquared * zInverse)
  }
  return result
}

/// The verification tables of one public key: its split odd multiples (`publicKeyWindow`).
package struct PublicKeyTables<Curve: WeierstrassCurve>: Sendable {
  let multiples: [AffinePoint<Curve>]

  package init(_ point: AffinePoint<Curve>) {
    multiples = makeSplitOddMultiples(of: point, window: publicKeyWindow)
  }
}
