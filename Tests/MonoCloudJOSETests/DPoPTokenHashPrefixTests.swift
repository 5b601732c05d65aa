import MonoCloudCrypto
import MonoCloudJOSE
import Testing

/// The `ath` shortcut: verifying an ES256 token keeps the SHA-256 state of its signing input,
/// and the proof check continues from it. The answers must be those of hashing the whole token.
@Suite struct DPoPTokenHashPrefixTests {
  typealias T = DPoPTestSupport

  static func token(kid: String, algorithm: JWSAlgorithm) -> String {
    try! JWS.sign(
      claims: ["sub": "user-1", "exp": .number(JSONNumber(T.now + 60))], key: T.key(kid), algorithm: algorithm)
  }

  static func verifier() -> JWSVerifier {
    JWSVerifier(keySet: JWKSet(keys: T.keySet.keys.map { $0.publicKey }))
  }

  static func sha256(_ text: String) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: 32)
    Array(text.utf8).withUnsafeBytes { input in digest.withUnsafeMutableBytes { SHA256.hash(input, into: $0) } }
    return digest
  }

  @Test func anES256TokenGivesThePrefixOfItsWholeHash() throws {
    let token = Self.token(kid: "ec-p256", algorithm: .es256)
    var prefix: SHA256Prefix?
    _ = try Self.verifier().verify(token, tokenHashPrefix: &prefix)
    let kept = try #require(prefix)
    #expect(kept.byteCount == token.utf8.count - token.utf8.reversed().prefix { $0 != UInt8(ascii: ".") }.count - 1)
    var digest = [UInt8](repeating: 0, count: 32)
    let finished = Array(token.utf8).withUnsafeBytes { bytes in
      digest.withUnsafeMutableBytes { kept.finalize(message: bytes, into: $0) }
    }
    #expect(finished)
    #expect(digest == Self.sha256(token))
    // A message shorter than the prefix cannot be finished from it.
    let short = Array("abc".utf8).withUnsafeBytes { bytes in
      digest.withUnsafeMutableBytes { kept.finalize(message: bytes, into: $0) }
    }
    #expect(!short)
  }

  @Test func otherAlgorithmsGiveNoPrefix() throws {
    for (kid, algorithm) in [("rsa-rs256", JWSAlgorithm.rs256), ("ec-p384", .es384), ("okp-ed25519", .edDSA)] {
      var prefix: SHA256Prefix? = SHA256Prefix(hashing: UnsafeRawBufferPointer(start: nil, count: 0))
      _ = try Self.verifier().verify(Self.token(kid: kid, algorithm: algorithm), tokenHashPrefix: &prefix)
      #expect(prefix == nil, "\(algorithm.name)")
    }
  }

  @Test func athIsCheckedTheSameWithAPrefix() throws {
    let token = Self.token(kid: "ec-p256", algorithm: .es256)
    let other = Self.token(kid: "ec-p256", algorithm: .es256) + "x"
    var prefix: SHA256Prefix?
    _ = try Self.verifier().verify(token, tokenHashPrefix: &prefix)
    let key = T.key("ec-p256")
    let good = T.proof(key: key, algorithm: .es256, claims: T.claims(ath: DPoPProofValidator.accessTokenHash(token)))
    let forOther = T.proof(
      key: key, algorithm: .es256, claims: T.claims(ath: DPoPProofValidator.accessTokenHash(other)))
    let validator = DPoPProofValidator()
    let accepted = try validator.verify(
      T.request(good), accessToken: token, accessTokenHashPrefix: prefix, confirmationThumbprint: key.thumbprint(),
      now: T.now, keyCache: DPoPKeyMemoryCache())
    #expect(accepted.thumbprint == key.thumbprint())
    let mismatch = T.failure { () throws(DPoPError) in
      _ = try validator.verify(
        T.request(forOther), accessToken: token, accessTokenHashPrefix: prefix, confirmationThumbprint: nil,
        now: T.now, keyCache: DPoPNoKeyCache())
    }
    #expect(mismatch == .athMismatch)
    // A prefix longer than the token fails closed.
    let tooLong = SHA256Prefix(state: SHA256(), byteCount: token.utf8.count + 1)
    let refused = T.failure { () throws(DPoPError) in
      _ = try validator.verify(
        T.request(good), accessToken: token, accessTokenHashPrefix: tooLong, confirmationThumbprint: nil,
        now: T.now, keyCache: DPoPNoKeyCache())
    }
    #expect(refused == .athMismatch)
    // The replay-only entry point runs the same checks.
    let entry = try validator.verifyForReplay(
      T.request(good), accessToken: token, accessTokenHashPrefix: prefix, confirmationThumbprint: key.thumbprint(),
      now: T.now, keyCache: DPoPNoKeyCache())
    #expect(entry.key == accepted.replayKey)
    #expect(entry.expiresAt == accepted.replayExpiresAt)
  }
}
