import MonoCloudCrypto

/// An OKP JWK's members (RFC 8037 §2; only `crv` Ed25519) and its ready-to-use keys.
struct OKPKeyMaterial: Sendable {
  let x: [UInt8]
  /// The private seed, for private keys.
  let d: [UInt8]?
  let publicKey: Ed25519PublicKey
  let privateKey: Ed25519PrivateKey?

  /// Imports `crv` and `x` (a valid point encoding); `d` is not looked at.
  init(publicMembersOf reader: JWKMemberReader) throws(JOSEError) {
    let curveName = try reader.requiredString("crv")
    guard let curve = JWKCurve(name: curveName), curve == .ed25519 else {
      throw JOSEError(.invalidKey, "JWK: unsupported OKP curve (only Ed25519)")
    }
    let x = try reader.requiredBytes("x")
    guard x.count == 32 else { throw JOSEError(.invalidKey, "JWK: Ed25519 x must be 32 bytes") }
    let publicKey: Ed25519PublicKey
    do throws(CryptoError) {
      publicKey = try Ed25519PublicKey(rawRepresentation: x)
    } catch {
      throw error.keyError("JWK: Ed25519 public key rejected")
    }
    self.init(x: x, d: nil, publicKey: publicKey, privateKey: nil)
  }

  /// This public key with the seed `d` of `reader`, when it has one, which must give `x`.
  func addingPrivateMembers(from reader: JWKMemberReader) throws(JOSEError) -> OKPKeyMaterial {
    guard let d = try reader.optionalBytes("d") else { return self }
    guard d.count == 32 else { throw JOSEError(.invalidKey, "JWK: Ed25519 d must be 32 bytes") }
    let key: Ed25519PrivateKey
    do throws(CryptoError) {
      key = try Ed25519PrivateKey(seed: d)
    } catch {
      throw error.keyError("JWK: Ed25519 private key rejected")
    }
    guard key.publicKey.rawRepresentation == x else {
      throw JOSEError(.invalidKey, "JWK: Ed25519 d does not match x")
    }
    return OKPKeyMaterial(x: x, d: d, publicKey: publicKey, privateKey: key)
  }

  init(x: [UInt8], d: [UInt8]?, publicKey: Ed25519PublicKey, privateKey: Ed25519PrivateKey?) {
    self.x = x
    self.d = d
    self.publicKey = publicKey
    self.privateKey = privateKey
  }

  var publicOnly: OKPKeyMaterial { OKPKeyMaterial(x: x, d: nil, publicKey: publicKey, privateKey: nil) }

  func appendMembers(to object: inout JSONObject, includingPrivate: Bool) {
    object["crv"] = .string(JWKCurve.ed25519.name)
    object["x"] = .string(Base64URL.encode(x))
    if includingPrivate, let d { object["d"] = .string(Base64URL.encode(d)) }
  }
}
