// Points of the twisted Edwards curve −x² + y² = 1 + d·x²·y² over GF(2^255 − 19) (edwards25519),
// in the coordinate systems of Hisil–Wong–Carter–Dawson ("Twisted Edwards curves revisited"):
// additions take an extended point and a cached or affine-Niels point and give a completed point,
// which converts back to extended (4 multiplications) or projective (3) coordinates.

// 32-bit targets get the radix-2^25.5 field (no 64×64→128-bit products); the compilation
// condition MONOCLOUD_32BIT_LIMBS selects it on any target, so native tests can run the Ed25519
// vectors through it (`swift test -Xswiftc -DMONOCLOUD_32BIT_LIMBS`).
#if arch(wasm32) || arch(arm) || MONOCLOUD_32BIT_LIMBS
  typealias FieldElement = Curve25519FieldElement32
#else
  typealias FieldElement = Curve25519FieldElement
#endif

/// Extended coordinates (X:Y:Z:T) with x = X/Z, y = Y/Z, x·y = T/Z.
struct Ed25519ExtendedPoint: Sendable {
  var x: FieldElement
  var y: FieldElement
  var z: FieldElement
  var t: FieldElement

  static let identity = Ed25519ExtendedPoint(x: .zero, y: .one, z: .one, t: .zero)

  /// The base point B of RFC 8032 (y = 4/5, x even).
  static let basePoint: Ed25519ExtendedPoint = {
    let x = FieldElement(
      0x62d6_08f2_5d51a, 0x412a_4b4f_6592a, 0x75b7_171a_4b31d, 0x1ff6_0527_118fe, 0x2169_36d3_cd6e5)
    let y = FieldElement(
      0x6666_6666_66658, 0x4ccc_cccc_ccccc, 0x1999_9999_99999, 0x3333_3333_33333, 0x6666_6666_66666)
    return Ed25519ExtendedPoint(x: x, y: y, z: .one, t: x * y)
  }()

  init(x: FieldElement, y: FieldElement, z: FieldElement, t: FieldElement) {
    self.x = x
    self.y = y
    self.z = z
    self.t = t
  }

  /// Decodes a 32-byte point encoding (RFC 8032 §5.1.3). Fails for y ≥ p, for encodings
  /// that are not on the curve, and for x = 0 with the sign bit set. Variable time: for public points.
  init?(decoding bytes: UnsafeRawBufferPointer) {
    guard bytes.count == 32 else { return nil }
    var isCanonical = true
    let y = FieldElement(littleEndianBytes: bytes, isCanonical: &isCanonical)
    guard isCanonical else { return nil }
    let signBit = UInt64(bytes[31] >> 7)
    let y2 = y.squared()
    let u = y2 - .one
    let v = y2 * .edwardsD + .one
    let v3 = v.squared() * v
    let v7 = v3.squared() * v
    // Candidate root x = u·v³·(u·v⁷)^((p−5)/8) of x² = u/v.
    var x = (u * v7).powerP58() * v3 * u
    let vx2 = v * x.squared()
    if vx2.isEqual(to: u) {
      // x is a root.
    } else if vx2.isEqual(to: u.negated()) {
      x = x * .squareRootOfMinusOne
    } else {
      return nil
    }
    if x.isZero && signBit == 1 { return nil }
    if x.parityBit != signBit { x = x.negated() }
    self.init(x: x, y: y, z: .one, t: x * y)
  }

  var projective: Ed25519ProjectivePoint { Ed25519ProjectivePoint(x: x, y: y, z: z) }

  /// Whether this is the neutral element (0, 1). Variable time: for public points.
  var isIdentity: Bool { x.isZero && y.isEqual(to: z) }

  var cached: Ed25519CachedPoint {
    Ed25519CachedPoint(yPlusX: y + x, yMinusX: y - x, z: z, t2d: t * .edwardsD2)
  }

  func doubled() -> Ed25519ExtendedPoint { projective.doubled().extended }

  static func + (p: Ed25519ExtendedPoint, q: Ed25519CachedPoint) -> Ed25519CompletedPoint {
    let a = (p.y + p.x) * q.yPlusX
    let b = (p.y - p.x) * q.yMinusX
    let c = q.t2d * p.t
    let zz = p.z * q.z
    let d = zz + zz
    return Ed25519CompletedPoint(x: a - b, y: a + b, z: d + c, t: d - c)
  }

  static func - (p: Ed25519ExtendedPoint, q: Ed25519CachedPoint) -> Ed25519CompletedPoint {
    let a = (p.y + p.x) * q.yMinusX
    let b = (p.y - p.x) * q.yPlusX
    let c = q.t2d * p.t
    let zz = p.z * q.z
    let d = zz + zz
    return Ed25519CompletedPoint(x: a - b, y: a + b, z: d - c, t: d + c)
  }

  static func + (p: Ed25519ExtendedPoint, q: Ed25519AffineNielsPoint) -> Ed25519CompletedPoint {
    let a = (p.y + p.x) * q.yPlusX
    let b = (p.y - p.x) * q.yMinusX
    let c = q.xy2d * p.t
    let d = p.z + p.z
    return Ed25519CompletedPoint(x: a - b, y: a + b, z: d + c, t: d - c)
  }

  static func - (p: Ed25519ExtendedPoint, q: Ed25519AffineNielsPoint) -> Ed25519CompletedPoint {
    let a = (p.y + p.x) * q.yMinusX
    let b = (p.y - p.x) * q.yPlusX
    let c = q.xy2d * p.t
    let d = p.z + p.z
    return Ed25519CompletedPoint(x: a - b, y: a + b, z: d - c, t: d + c)
  }

  /// Affine-Niels forms of many points with one shared field inversion (public points only).
  static func affineNiels(of points: [Ed25519ExtendedPoint]) -> [Ed25519AffineNielsPoint] {
    var inverses = points.map { $0.z }
    FieldElement.batchInvert(&inverses)
    var result: [Ed25519AffineNielsPoint] = []
    result.reserveCapacity(points.count)
    for index in points.indices {
      let x = points[index].x * inverses[index]
      let y = points[index].y * inverses[index]
      result.append(Ed25519AffineNielsPoint(yPlusX: y + x, yMinusX: y - x, xy2d: x * y * .edwardsD2))
    }
    return result
  }

  /// P, 3P, 5P, …, (2·count − 1)P for width-w NAF multiplication (count = 2^(w−2)).
  static func oddMultiples(of point: Ed25519ExtendedPoint, count: Int) -> [Ed25519ExtendedPoint] {
    let twice = point.doubled().cached
    var multiples = [point]
    multiples.reserveCapacity(count)
    while multiples.count < count {
      multiples.append((multiples[multiples.count - 1] + twice).extended)
    }
    return multiples
  }
}

/// Projective coordinates (X:Y:Z), x = X/Z, y = Y/Z: enough for doubling and encoding.
struct Ed25519ProjectivePoint: Sendable {
  var x: FieldElement
  var y: FieldElement
  var z: FieldElement

  static let identity = Ed25519ProjectivePoint(x: .zero, y: .one, z: .one)

  /// 2P (dbl-2008-hwcd with a = −1), as a completed point.
  func doubled() -> Ed25519CompletedPoint {
    let xx = x.squared()
    let yy = y.squared()
    let zz2 = z.squared().doubled()
    let xPlusY2 = (x + y).squared()
    let yyPlusXX = yy + xx
    let yyMinusXX = yy - xx
    return Ed25519CompletedPoint(
      x: xPlusY2 - yyPlusXX, y: yyPlusXX, z: yyMinusXX, t: zz2 - yyMinusXX)
  }

  /// The canonical 32-byte encoding: y with the parity of x in the top bit.
  func encode(into output: UnsafeMutableRawBufferPointer) {
    let inverse = z.inverted()
    let affineX = x * inverse
    let affineY = y * inverse
    affineY.write(littleEndianBytesInto: output)
    output[31] |= UInt8(truncatingIfNeeded: affineX.parityBit << 7)
  }
}

/// The "completed" result ((X:Z), (Y:T)) of an addition or doubling, x = X/Z, y = Y/T.
struct Ed25519CompletedPoint: Sendable {
  var x: FieldElement
  var y: FieldElement
  var z: FieldElement
  var t: FieldElement

  var extended: Ed25519ExtendedPoint {
    Ed25519ExtendedPoint(x: x * t, y: y * z, z: z * t, t: x * y)
  }

  var projective: Ed25519ProjectivePoint {
    Ed25519ProjectivePoint(x: x * t, y: y * z, z: z * t)
  }
}

/// A point prepared as an addend: (Y+X, Y−X, Z, 2d·T).
struct Ed25519CachedPoint: Sendable {
  var yPlusX: FieldElement
  var yMinusX: FieldElement
  var z: FieldElement
  var t2d: FieldElement
}

/// An affine point prepared as an addend: (y+x, y−x, 2d·x·y); saves one multiplication per addition.
struct Ed25519AffineNielsPoint: Sendable {
  var yPlusX: FieldElement
  var yMinusX: FieldElement
  var xy2d: FieldElement

  static let identity = Ed25519AffineNielsPoint(yPlusX: .one, yMinusX: .one, xy2d: .zero)

  var negated: Ed25519AffineNielsPoint {
    Ed25519AffineNielsPoint(yPlusX: yMinusX, yMinusX: yPlusX, xy2d: xy2d.negated())
  }
}
