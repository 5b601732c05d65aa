import MonoCloudCrypto

/// An EC JWK's members (RFC 7518 §6.2) and its ready-to-use keys.
struct ECKeyMaterial: Sendable {
  let curve: JWKCurve
  let x: [UInt8]
  let y: [UInt8]
  /// The private scalar, for private keys.
  let d: [UInt8]?
  let publicKey: ECDSAPublicKey
  let privateKey: ECDSAPrivateKey?
}

extension ECKeyMaterial {
  /// Imports `crv`, `x` and `y` (the point must be on the curve); `d` is not looked at.
  init(publicMembersOf reader: JWKMemberReader) throws(JOSEError) {
    let curveName = try reader.requiredString("crv")
    guard let curve = JWKCurve(name: curveName), let ecCurve = curve.ecCurve else {
      throw JOSEError(.invalidKey, "JWK: unsupported EC curve")
    }
    let x = try reader.requiredBytes("x")
    let y = try reader.requiredBytes("y")
    let size = curve.coordinateByteCount
    guard x.count == size, y.count == size else {
      throw JOSEError(.invalidKey, "JWK: EC coordinates must be \(size) bytes for \(curve.name)")
    }
    let publicKey = try importingKey("JWK: EC public key rejected") { () throws(CryptoError) in
      try ECDSAPublicKey(curve: ecCurve, x: x, y: y)
    }
    self.init(curve: curve, x: x, y: y, d: nil, publicKey: publicKey, privateKey: nil)
  }

  /// This public key with `d` of `reader`, when it has one, which must give the same point.
  func addingPrivateMembers(from reader: JWKMemberReader) throws(JOSEError) -> ECKeyMaterial {
    guard let d = try reader.optionalBytes("d") else { return self }
    let size = curve.coordinateByteCount
    guard d.count == size else { throw JOSEError(.invalidKey, "JWK: EC d must be \(size) bytes for \(curve.name)") }
    let key = try importingKey("JWK: EC private key rejected") { () throws(CryptoError) in
      try ECDSAPrivateKey(curve: publicKey.curve, d: d)
    }
    guard key.publicKey.x == x, key.publicKey.y == y else {
      throw JOSEError(.invalidKey, "JWK: EC d does not match x and y")
    }
    return ECKeyMaterial(curve: curve, x: x, y: y, d: d, publicKey: publicKey, privateKey: key)
  }

  var publicOnly: ECKeyMaterial {
    ECKeyMaterial(curve: curve, x: x, y: y, d: nil, publicKey: publicKey, privateKey: nil)
  }

  func appendMembers(to object: inout JSONObject, includingPrivate: Bool) {
    object["crv"] = .string(curve.name)
    object["x"] = .string(Base64URL.encode(x))
    object["y"] = .string(Base64URL.encode(y))
    if includingPrivate, let d { object["d"] = .string(Base64URL.encode(d)) }
  }
}

extension JWKCurve {
  /// The crypto layer's curve for the NIST curves.
  var ecCurve: ECCurve? {
    switch self {
    case .p256: return .p256
    case .p384: return .p384
    case .p521: return .p521
    case .ed25519: return nil
    }
  }

  init(_ curve: ECCurve) {
    switch curve {
    case .p256: self = .p256
    case .p384: self = .p384
    case .p521: self = .p521
    }
  }
}
