import MonoCloudCrypto

/// An OKP JWK's members (RFC 8037 §2; only `crv` Ed25519) and its ready-to-use keys.
struct OKPKeyMaterial: Sendable {
  let publicKey: Ed25519PublicKey
  let privateKey: Ed25519PrivateKey?

  /// `x`: the public key's encoding (exactly the imported bytes).
  var x: [UInt8] { publicKey.rawRepresentation }
  /// `d`: the private seed, for private keys.
  var d: [UInt8]? { privateKey?.seed }
}

extension OKPKeyMaterial {
  /// Imports `crv` and `x` (a valid point encoding); `d` is not looked at.
  init(publicMembersOf reader: JWKMemberReader) throws(JOSEError) {
    let curveName = try reader.requiredString("crv")
    guard let curve = JWKCurve(name: curveName), curve == .ed25519 else {
      throw JOSEError(.invalidKey, "JWK: unsupported OKP curve (only Ed25519)")
    }
    let x = try reader.requiredBytes("x")
    guard x.count == 32 else { throw JOSEError(.invalidKey, "JWK: Ed25519 x must be 32 bytes") }
    let publicKey = try importingKey("JWK: Ed25519 public key rejected") { () throws(CryptoError) in
      try Ed25519PublicKey(rawRepresentation: x)
    }
    self.init(publicKey: publicKey, privateKey: nil)
  }

  /// This public key with the seed `d` of `reader`, when it has one, which must give `x`.
  func addingPrivateMembers(from reader: JWKMemberReader) throws(JOSEError) -> OKPKeyMaterial {
    guard let d = try reader.optionalBytes("d") else { return self }
    guard d.count == 32 else { throw JOSEError(.invalidKey, "JWK: Ed25519 d must be 32 bytes") }
    let key = try importingKey("JWK: Ed25519 private key rejected") { () throws(CryptoError) in
      try Ed25519PrivateKey(seed: d)
    }
    guard key.publicKey.rawRepresentation == x else {
      throw JOSEError(.invalidKey, "JWK: Ed25519 d does not match x")
    }
    return OKPKeyMaterial(publicKey: publicKey, privateKey: key)
  }

  var publicOnly: OKPKeyMaterial { OKPKeyMaterial(publicKey: publicKey, privateKey: nil) }

  func appendMembers(to object: inout JSONObject, includingPrivate: Bool) {
    object["crv"] = .string(JWKCurve.ed25519.name)
    object["x"] = .string(Base64URL.encode(x))
    if includingPrivate, let d { object["d"] = .string(Base64URL.encode(d)) }
  }
}
