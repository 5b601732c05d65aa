import MonoCloudCrypto

/// An OKP JWK's members (RFC 8037 §2; only `crv` Ed25519) and its ready-to-use keys.
struct OKPKeyMaterial: Sendable {
  let x: [UInt8]
  /// The private seed, for private keys.
  let d: [UInt8]?
  let publicKey: Ed25519PublicKey
  let privateKey: Ed25519PrivateKey?

  init(_ reader: JWKMemberReader) throws(JOSEError) {
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
    var privateKey: Ed25519PrivateKey? = nil
    let d = try reader.optionalBytes("d")
    if let d {
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
      privateKey = key
    }
    self.init(x: x, d: d, publicKey: publicKey, privateKey: privateKey)
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
