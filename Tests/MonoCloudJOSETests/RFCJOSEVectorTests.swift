import Foundation
import MonoCloudJOSE
import Testing

/// RFC 7515 Appendix A, RFC 7520 §4, RFC 8037 Appendix A and RFC 7638 §3.1.
@Suite struct RFCJOSEVectorTests {
  static let everyAlgorithm = JWSAlgorithm.allCases

  static func keySet(_ jwk: JSONObject) throws -> JWKSet {
    JWKSet(keys: [try JWK(importingPrivateKeyFrom: jwk).publicKey])
  }

  static func rfc7515Example(_ section: String) throws -> JSONObject {
    let file = try JOSETestSupport.vectorFile("rfc/rfc7515_appendix_a_jws.json")
    #expect(file.array("examples")?.count == 5)
    let examples = try #require(file.array("examples"))
    return try #require(examples.compactMap(\.objectValue).first { $0.string("section") == section })
  }

  /// Verifies one RFC 7515 A.1–A.4 example and checks the decoded parts.
  static func verifyRFC7515(_ section: String) throws {
    let example = try rfc7515Example(section)
    let algorithm = try #require(JWSAlgorithm(name: example.string("alg") ?? ""))
    let key = try #require(example.object("publicJwk") ?? example.object("jwk"))
    let verifier = JWSVerifier(keySet: try keySet(key), algorithms: [algorithm])
    let verified = try verifier.verify(try #require(example.string("compact")))
    #expect(verified.algorithm == algorithm)
    #expect(verified.payload == Array(try #require(example.string("payload")).utf8))
    // A changed signature byte fails.
    var tampered = Array(try #require(example.string("compact")).utf8)
    tampered[tampered.count - 2] =
      tampered[tampered.count - 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
    #expect(throws: JOSEError.self) { try verifier.verify(String(decoding: tampered, as: UTF8.self)) }
  }

  @Test func rfc7515A1HMAC() throws {
    try Self.verifyRFC7515("A.1")
    // The A.1 payload is a JWT (exp 1300819380): the full validator accepts it before expiry.
    let example = try Self.rfc7515Example("A.1")
    let validator = JWTValidator(
      keySet: try Self.keySet(try #require(example.object("jwk"))), algorithms: [.hs256],
      claims: ClaimsValidationOptions(issuer: "joe", clockTolerance: 0))
    let token = try #require(example.string("compact"))
    let claims = try validator.validate(token, now: 1_300_819_000)
    #expect(claims.bool("http://example.com/is_root") == true)
    #expect(throws: JOSEError.self) { try validator.validate(token, now: 1_300_819_380) }
  }

  @Test func rfc7515A2RSA() throws {
    try Self.verifyRFC7515("A.2")
    // RS256 is deterministic: our signer reproduces the signature over the RFC's signing input.
    let example = try Self.rfc7515Example("A.2")
    let key = try JWK(importingPrivateKeyFrom: try #require(example.object("jwk")))
    let token = try JWS.sign(
      payload: Array(try #require(example.string("payload")).utf8), key: key, algorithm: .rs256)
    #expect(token == example.string("compact"))
  }

  @Test func rfc7515A3ECDSAP256() throws {
    try Self.verifyRFC7515("A.3")
  }

  @Test func rfc7515A4ECDSAP521() throws {
    try Self.verifyRFC7515("A.4")
  }

  @Test func rfc7515A5UnsecuredIsRejected() throws {
    let example = try Self.rfc7515Example("A.5")
    let token = try #require(example.string("compact"))
    let secret = JWKTestKeys.hmacKey(kid: nil, bytes: 64)
    // With every algorithm allowed, and an HMAC-only set so that nothing else is in the way.
    let error = #expect(throws: JOSEError.self) {
      try JWSVerifier(keySet: JWKSet(keys: [secret]), algorithms: Self.everyAlgorithm).verify(token)
    }
    #expect(error?.reason == .algorithmNotAllowed)
    // It is a well-formed token: only its alg makes it unacceptable.
    #expect(try JWS.decodeUnverified(token).header.string("alg") == "none")
    #expect(JWSAlgorithm(name: "none") == nil)
  }

  // MARK: - RFC 7520 §4

  static let rfc7520Files = [
    "4_1.rsa_v15_signature.json", "4_2.rsa-pss_signature.json", "4_3.ecdsa_signature.json",
    "4_4.hmac-sha2_integrity_protection.json", "4_5.signature_with_detached_content.json",
    "4_6.protecting_specific_header_fields.json", "4_7.protecting_content_only.json",
    "4_8.multiple_signatures.json",
  ]

  /// 4.1–4.4 verify in compact form (4.1 RS256 and 4.4 HS256 are also re-signed exactly). 4.5
  /// (detached content) has a compact form with an empty payload segment: we do not support
  /// detached payloads, so it must be rejected. 4.6–4.8 exist only in the JSON serialization
  /// (unprotected headers, multiple signatures), which we do not support: counted, not run.
  @Test func rfc7520Section4() throws {
    var compactVerified = 0
    var detachedRejected = 0
    var jsonOnly = 0
    for name in Self.rfc7520Files {
      let example = try JOSETestSupport.vectorFile("rfc/rfc7520/jws/" + name)
      let output = try #require(example.object("output"))
      guard let compact = output.string("compact") else {
        #expect(output.contains("json"))
        jsonOnly += 1
        continue
      }
      let input = try #require(example.object("input"))
      let keyObject = try #require(input.object("key"))
      let algorithm = try #require(JWSAlgorithm(name: input.string("alg") ?? ""))
      let key = try JWK(importingPrivateKeyFrom: keyObject)
      let allowed = Self.everyAlgorithm
      let verifier = JWSVerifier(keySet: JWKSet(keys: [key.publicKey]), algorithms: allowed)
      let payload = Array(try #require(input.string("payload")).utf8)
      if name.hasPrefix("4_5") {
        #expect(throws: JOSEError.self) { try verifier.verify(compact) }
        detachedRejected += 1
        continue
      }
      let verified = try verifier.verify(compact)
      #expect(verified.payload == payload)
      #expect(verified.header.string("kid") == key.keyID)
      if example.bool("reproducible") == true {
        #expect(try JWS.sign(payload: payload, key: key, algorithm: algorithm) == compact, "\(name)")
      }
      compactVerified += 1
    }
    #expect(compactVerified == 4)
    #expect(detachedRejected == 1)
    #expect(jsonOnly == 3)
  }

  // MARK: - RFC 8037

  static func rfc8037() throws -> JSONObject { try JOSETestSupport.vectorFile("rfc/rfc8037_ed25519_jws.json") }

  @Test func rfc8037Ed25519() throws {
    let file = try Self.rfc8037()
    let privateKey = try JWK(importingPrivateKeyFrom: try #require(file.object("A.1_privateJwk")))
    #expect(privateKey.isPrivate)
    #expect(privateKey.curve == .ed25519)
    let publicKey = try JWK(importingPrivateKeyFrom: try #require(file.object("A.2_publicJwk")))
    #expect(privateKey.publicKey.jsonObject() == publicKey.jsonObject())
    // A.3 thumbprint.
    let thumbprint = try #require(file.object("A.3_thumbprint"))
    #expect(publicKey.thumbprintInput() == Array(try #require(thumbprint.string("canonicalJson")).utf8))
    #expect(publicKey.thumbprint() == thumbprint.string("thumbprintB64"))
    // A.4: signing reproduces the RFC's token exactly (Ed25519 is deterministic).
    let sign = try #require(file.object("A.4_sign"))
    let token = try JWS.sign(
      payload: Array(try #require(sign.string("payload")).utf8), key: privateKey, algorithm: .edDSA)
    #expect(token == sign.string("compact"))
    // A.5: verification, with EdDSA and (RFC 9864) with Ed25519 for a re-signed token.
    let verify = try #require(file.object("A.5_verify"))
    let verifier = JWSVerifier(keySet: JWKSet(keys: [publicKey]))
    let verified = try verifier.verify(try #require(verify.string("compact")))
    #expect(verified.payload == Array(try #require(verify.string("expectedPayload")).utf8))
    let fullySpecified = try JWS.sign(payload: Array("x".utf8), key: privateKey, algorithm: .ed25519)
    #expect(try verifier.verify(fullySpecified).algorithm == .ed25519)
  }

  // MARK: - RFC 7638

  @Test func rfc7638Thumbprint() throws {
    let file = try JOSETestSupport.vectorFile("rfc/rfc7638_jwk_thumbprint.json")
    let key = try JWK(importingPrivateKeyFrom: try #require(file.object("jwk")))
    #expect(key.thumbprintInput() == Array(try #require(file.string("canonicalJson")).utf8))
    #expect(key.thumbprint() == file.string("thumbprintB64"))
    // Optional members (alg, kid) do not change it.
    var bare = try #require(file.object("jwk"))
    bare["alg"] = nil
    bare["kid"] = nil
    #expect(try JWK(importingPrivateKeyFrom: bare).thumbprint() == file.string("thumbprintB64"))
  }

  /// Thumbprints for the other key types, which need no crypto family: `oct` (RFC 7638 §3.2
  /// members `k`, `kty`).
  @Test func octThumbprint() throws {
    let key = try JWK(importingPrivateKeyFrom: [
      "kty": "oct", "kid": "x", "alg": "HS256", "k": "AyM1SysPpbyDfgZld3umj1qzKObwVMko",
    ])
    #expect(key.thumbprintInput() == Array(#"{"k":"AyM1SysPpbyDfgZld3umj1qzKObwVMko","kty":"oct"}"#.utf8))
  }
}
