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

/// P-384 (secp384r1), over the Montgomery-form `P384FieldElement`, or `P384FieldElement32` on
/// 32-bit targets (and under MONOCLOUD_32BIT_LIMBS, as for P-521).
package enum P384Curve: WeierstrassCurve {
  #if arch(wasm32) || arch(arm) || MONOCLOUD_32BIT_LIMBS
    package typealias Field = P384FieldElement32
  #else
    package typealias Field = P384FieldElement
  #endif
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

/// P-521 (secp521r1), over the Mersenne-prime field of `P521FieldElement`, or of
/// `P521FieldElement32` on 32-bit targets (no 64×64→128-bit multiply there); the compilation
/// condition MONOCLOUD_32BIT_LIMBS selects the latter on any target, so native tests can run
/// the P-521 vectors through it (`swift test -Xswiftc -DMONOCLOUD_32BIT_LIMBS`).
package enum P521Curve: WeierstrassCurve {
  #if arch(wasm32) || arch(arm) || MONOCLOUD_32BIT_LIMBS
    package typealias Field = P521FieldElement32
  #else
    package typealias Field = P521FieldElement
  #endif
  package typealias Scalar = P521Scalar

  package static let b: Field = curveConstant(
    "0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00"
  )
  package static let generator = AffinePoint<Self>(
    x: curveConstant(
      "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66"
    ),
    y: curveConstant(
      "011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650"
    ))
  package static let orderBytes = hexBytes(
    "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"
  )
  package static let generatorOddMultiples = makeGeneratorOddMultiples()
  package static let generatorSigningTable = makeGeneratorSigningTable()
}
