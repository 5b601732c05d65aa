import MonoCloudCrypto

extension JWK {
  /// The RFC 7638 thumbprint input: the required public members only (RSA `e kty n`; EC
  /// `crv kty x y`; OKP `crv kty x` per RFC 8037 §2; oct `k kty`), sorted by name, compact.
  public func thumbprintInput() -> [UInt8] {
    var object = JSONObject()
    object["kty"] = .string(keyType.name)
    material.appendMembers(to: &object, includingPrivate: false)
    return JSONWriter.bytes(object, keyOrder: .sortedByUTF8)
  }

  /// The RFC 7638 thumbprint with `hash` (SHA-256 by default), base64url-encoded.
  public func thumbprint(hash: HashAlgorithm = .sha256) -> String {
    Base64URL.encode(hash.hash(thumbprintInput()))
  }
}
