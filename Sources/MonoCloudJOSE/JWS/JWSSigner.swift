import MonoCloudCrypto

/// Compact JWS signing (client assertions, sample tokens) and unverified decoding (inspection).
public enum JWS {
  /// Signs `payload` with `key` and returns the compact JWS. The header is `alg`, the key's
  /// `kid` if it has one, then the members of `extraHeader` (which may not set `alg`, `crit`).
  /// The key must be private (or `oct` for HMAC), fit `algorithm` like a verifying key must
  /// (type, curve, `alg`, RSA ≥ 2048 bits, HMAC key ≥ hash length) and allow signing (`use`,
  /// `key_ops`). PS* draws its salt from `random`.
  public static func sign(
    payload: [UInt8], key: JWK, algorithm: JWSAlgorithm, extraHeader: JSONObject = JSONObject(),
    random: RandomSource = .system
  ) throws(JOSEError) -> String {
    if let problem = key.mismatch(with: algorithm) { throw JOSEError(.invalidKey, "signing key: \(problem)") }
    guard key.allowsSigning else { throw JOSEError(.invalidKey, "signing key: use or key_ops forbid signing") }
    guard key.isPrivate else { throw JOSEError(.invalidKey, "signing key: not a private key") }
    if extraHeader.contains("alg") || extraHeader.contains("crit") {
      throw JOSEError(.invalidInput, "JWS: extraHeader may not set alg or crit")
    }
    var header = JSONObject()
    header["alg"] = .string(algorithm.name)
    if let keyID = key.keyID { header["kid"] = .string(keyID) }
    for member in extraHeader.members { header[member.key] = member.value }

    var signingInput = header.jsonBytes.withUnsafeBytes { Base64URL.encodeBytes($0) }
    signingInput.append(UInt8(ascii: "."))
    signingInput.append(contentsOf: payload.withUnsafeBytes { Base64URL.encodeBytes($0) })
    let signature = try signature(for: signingInput, key: key, algorithm: algorithm, random: random)
    var token = signingInput
    token.append(UInt8(ascii: "."))
    token.append(contentsOf: signature.withUnsafeBytes { Base64URL.encodeBytes($0) })
    return String(decoding: token, as: UTF8.self)
  }

  /// Signs the JSON object `claims` (compact JSON) as a JWT.
  public static func sign(
    claims: JSONObject, key: JWK, algorithm: JWSAlgorithm, extraHeader: JSONObject = JSONObject(),
    random: RandomSource = .system
  ) throws(JOSEError) -> String {
    try sign(payload: claims.jsonBytes, key: key, algorithm: algorithm, extraHeader: extraHeader, random: random)
  }

  /// The raw signature of `signingInput`.
  package static func signature(
    for signingInput: [UInt8], key: JWK, algorithm: JWSAlgorithm, random: RandomSource
  ) throws(JOSEError) -> [UInt8] {
    do throws(CryptoError) {
      switch (key.material, algorithm.family) {
      case (.rsa(let rsa), .rsaPKCS1):
        guard let privateKey = rsa.privateKey, let hash = algorithm.hash else { break }
        return try privateKey.pkcs1v15Signature(for: signingInput, hash: hash)
      case (.rsa(let rsa), .rsaPSS):
        guard let privateKey = rsa.privateKey, let hash = algorithm.hash else { break }
        return try privateKey.pssSignature(
          for: signingInput, hash: hash, saltLength: hash.digestByteCount, random: random)
      case (.ec(let ec), .ecdsa):
        guard let privateKey = ec.privateKey, let hash = algorithm.hash else { break }
        return try privateKey.signature(for: signingInput, hash: hash)
      case (.okp(let okp), .edDSA):
        guard let privateKey = okp.privateKey else { break }
        return privateKey.signature(for: signingInput)
      case (.oct(let oct), .hmac):
        guard let hash = algorithm.hash else { break }
        return hash.authenticationCode(key: oct.k, message: signingInput)
      default:
        break
      }
    } catch {
      throw error.keyError("signing failed")
    }
    throw JOSEError(.invalidKey, "signing key does not fit \(algorithm.name)")
  }

  /// A PKCS #1 v1.5 signature of `message` with any digest (SHA-1 included), for tests that
  /// forge tokens the verifier must refuse. Not for JOSE signing (use `sign`).
  package static func pkcs1v15Signature(
    for message: [UInt8], key: JWK, hash: HashAlgorithm
  ) throws(JOSEError) -> [UInt8] {
    guard case .rsa(let rsa) = key.material, let privateKey = rsa.privateKey else {
      throw JOSEError(.invalidKey, "not an RSA private key")
    }
    do throws(CryptoError) {
      return try privateKey.pkcs1v15Signature(for: message, hash: hash)
    } catch {
      throw error.keyError("signing failed")
    }
  }

  /// Splits and decodes a compact JWS **without verifying it** (for inspection and tools only):
  /// the header and the payload must both be JSON objects.
  public static func decodeUnverified(_ token: String) throws(JOSEError) -> (header: JSONObject, payload: JSONObject) {
    try token.withUTF8Bytes { (raw) throws(JOSEError) -> (header: JSONObject, payload: JSONObject) in
      guard raw.count <= JWSVerifier.defaultMaximumTokenByteCount else {
        throw JOSEError(.invalidToken, "the token is longer than \(JWSVerifier.defaultMaximumTokenByteCount) bytes")
      }
      let parts = try CompactJWSParts(raw)
      do throws(JOSEError) {
        let header = try JSONReader.parseObject(base64URLEncoded: raw.slice(parts.header))
        let payload = try JSONReader.parseObject(base64URLEncoded: raw.slice(parts.payload))
        return (header, payload)
      } catch {
        throw error.wrapped(as: .invalidToken, "the token is not a JWT")
      }
    }
  }
}
