// The constants of the NIST prime curves (FIPS 186-5 / SEC 2), as big-endian hexadecimal.

/// P-256 (secp256r1, prime256v1).
package enum P256Curve: WeierstrassCurve {
  package typealias Field = P256FieldElement
  package typealias Scalar = P256Scalar

  package static let b: Field = curveConstant("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b")
  package static let generator = AffinePoint<Self>(
    x: curveConstant("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"),
    y: curveConstant("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"))
  package static let orderBytes = hexBytes("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")
  package static let generatorOddMultiples = makeGeneratorOddMultiples()
  package static let generatorSigningTable = makeGeneratorSigningTable()
}

/// P-384 (secp384r1).
package enum P384Curve: WeierstrassCurve {
  package typealias Field = P384FieldElement
  package typealias Scalar = P384Scalar

  package static let b: Field = curveConstant(
    "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef")
  package static let generator = AffinePoint<Self>(
    x: curveConstant(
      "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7"),
    y: curveConstant(
      "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f"))
  package static let orderBytes = hexBytes(
    "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973")
  package static let generatorOddMultiples = makeGeneratorOddMultiples()
  package static let generatorSigningTable = makeGeneratorSigningTable()
}
