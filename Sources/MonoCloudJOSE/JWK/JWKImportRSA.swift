import MonoCloudCrypto

/// An RSA JWK's members (RFC 7518 §6.3) and its ready-to-use keys.
struct RSAKeyMaterial: Sendable {
  /// The smallest modulus JOSE accepts (RFC 7518 §3.3 requires 2048).
  static let minimumJOSEModulusBits = 2048
  /// The largest modulus accepted (the crypto layer's limit).
  static let maximumModulusBits = 8192

  /// `n` and `e` as given (big-endian).
  let n: [UInt8]
  let e: [UInt8]
  /// `d p q dp dq qi`, for private keys.
  let privateMembers: RSAPrivateMembers?
  let publicKey: RSAPublicKey
  let privateKey: RSAPrivateKey?

  var modulusBitCount: Int { publicKey.modulusBitCount }

  struct RSAPrivateMembers: Sendable {
    let d: [UInt8]
    let p: [UInt8]
    let q: [UInt8]
    let dp: [UInt8]
    let dq: [UInt8]
    let qi: [UInt8]
  }

}

extension RSAKeyMaterial {
  /// Imports `n` and `e` (sizes, exponent, ROCA); the private members are not looked at.
  init(publicMembersOf reader: JWKMemberReader) throws(JOSEError) {
    let n = try reader.requiredBytes("n")
    let e = try reader.requiredBytes("e")
    try RSAKeyMaterial.checkSizes(n: n, e: e)
    let publicKey = try importingKey("JWK: RSA public key rejected") { () throws(CryptoError) in
      try RSAPublicKey(modulus: n, publicExponent: e)
    }
    guard publicKey.modulusBitCount >= RSAKeyMaterial.minimumJOSEModulusBits else {
      throw JOSEError(.invalidKey, "JWK: RSA modulus under 2048 bits")
    }
    guard !ROCAFingerprint.matches(n) else {
      throw JOSEError(.invalidKey, "JWK: RSA key from a generator with the ROCA weakness (CVE-2017-15361)")
    }
    self.init(n: n, e: e, privateMembers: nil, publicKey: publicKey, privateKey: nil)
  }

  /// This public key with the private members of `reader`, when it has `d`: all of
  /// `d p q dp dq qi` are then required and must be consistent with `n` and `e`. Multi-prime
  /// keys (`oth`) and private members without `d` are refused.
  func addingPrivateMembers(from reader: JWKMemberReader) throws(JOSEError) -> RSAKeyMaterial {
    if reader.contains("oth") {
      throw JOSEError(.invalidKey, "JWK: multi-prime RSA keys (oth) are not supported")
    }
    guard reader.contains("d") else {
      for name in ["p", "q", "dp", "dq", "qi"] where reader.contains(name) {
        throw JOSEError(.invalidKey, "JWK: RSA private members without d")
      }
      return self
    }
    let members = RSAPrivateMembers(
      d: try reader.requiredBytes("d"), p: try reader.requiredBytes("p"), q: try reader.requiredBytes("q"),
      dp: try reader.requiredBytes("dp"), dq: try reader.requiredBytes("dq"), qi: try reader.requiredBytes("qi"))
    let privateKey = try importingKey("JWK: RSA private key rejected") { () throws(CryptoError) in
      try RSAPrivateKey(
        modulus: n, publicExponent: e, privateExponent: members.d, prime1: members.p, prime2: members.q,
        exponent1: members.dp, exponent2: members.dq, coefficient: members.qi)
    }
    // The crypto layer does not cross-check every CRT member (a wrong qi imports); a trial
    // signature does, because signing verifies its result. Private keys are imported rarely.
    _ = try importingKey("JWK: RSA private members are inconsistent") { () throws(CryptoError) in
      try privateKey.pkcs1v15Signature(for: [], hash: .sha256)
    }
    return RSAKeyMaterial(n: n, e: e, privateMembers: members, publicKey: publicKey, privateKey: privateKey)
  }

  /// Checks what can be checked without the crypto layer, so that errors are clear and cheap:
  /// `e` odd, > 1 and at most 64 bits; `n` odd and of a sane size.
  static func checkSizes(n: [UInt8], e: [UInt8]) throws(JOSEError) {
    let eValue = e.drop { $0 == 0 }
    guard let eLast = eValue.last, eValue.count <= 8 else {
      throw JOSEError(.invalidKey, "JWK: RSA exponent must be between 3 and 2^64-1")
    }
    guard eLast & 1 == 1, eValue.count > 1 || eLast > 1 else {
      throw JOSEError(.invalidKey, "JWK: RSA exponent must be odd and > 1")
    }
    let nValue = n.drop { $0 == 0 }
    guard let nFirst = nValue.first, let nLast = nValue.last, nLast & 1 == 1 else {
      throw JOSEError(.invalidKey, "JWK: RSA modulus must be odd")
    }
    let bits = (nValue.count &- 1) &* 8 &+ (8 &- nFirst.leadingZeroBitCount)
    guard bits >= minimumJOSEModulusBits else { throw JOSEError(.invalidKey, "JWK: RSA modulus under 2048 bits") }
    guard bits <= maximumModulusBits else { throw JOSEError(.invalidKey, "JWK: RSA modulus over 8192 bits") }
  }

  var publicOnly: RSAKeyMaterial {
    RSAKeyMaterial(n: n, e: e, privateMembers: nil, publicKey: publicKey, privateKey: nil)
  }

  func appendMembers(to object: inout JSONObject, includingPrivate: Bool) {
    object["n"] = .string(Base64URL.encode(n))
    object["e"] = .string(Base64URL.encode(e))
    guard includingPrivate, let members = privateMembers else { return }
    object["d"] = .string(Base64URL.encode(members.d))
    object["p"] = .string(Base64URL.encode(members.p))
    object["q"] = .string(Base64URL.encode(members.q))
    object["dp"] = .string(Base64URL.encode(members.dp))
    object["dq"] = .string(Base64URL.encode(members.dq))
    object["qi"] = .string(Base64URL.encode(members.qi))
  }
}
