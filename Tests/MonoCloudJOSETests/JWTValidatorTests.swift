import MonoCloudJOSE
import Testing

@Suite struct JWTValidatorTests {
  static let now: Int64 = 1_700_000_000
  static let secret = JWKTestKeys.hmacKey(kid: "hs-1", bytes: 32)

  static let claims: JSONObject = [
    "iss": "https://tenant.example.com",
    "sub": "user-1",
    "aud": ["https://api.example.com"],
    "exp": .number(JSONNumber(now + 600)),
    "nbf": .number(JSONNumber(now - 10)),
    "scope": "openid read:a",
    "groups": ["staff"],
  ]

  static let options = ClaimsValidationOptions(
    issuer: "https://tenant.example.com", audience: "https://api.example.com", requiredScopes: ["read:a"])

  static func validator(
    _ keys: [JWK] = [secret], algorithms: [JWSAlgorithm] = [.hs256], options: ClaimsValidationOptions = options
  ) -> JWTValidator {
    JWTValidator(keySet: JWKSet(keys: keys), algorithms: algorithms, claims: options)
  }

  @Test func validHS256TokenReturnsThePayload() throws {
    let token = try JWS.sign(claims: Self.claims, key: Self.secret, algorithm: .hs256)
    let payload = try Self.validator().validate(token, now: Self.now)
    #expect(payload == Self.claims)
    #expect(try Self.validator().verifySignature(token) == Self.claims)
    let decoded = try JWS.decodeUnverified(token)
    #expect(decoded.header.string("alg") == "HS256")
    #expect(decoded.header.string("kid") == "hs-1")
    #expect(decoded.payload == Self.claims)
  }

  @Test func allHMACAlgorithmsRoundTrip() throws {
    let key = JWKTestKeys.hmacKey(kid: "k", bytes: 64)
    for algorithm in [JWSAlgorithm.hs256, .hs384, .hs512] {
      let token = try JWS.sign(claims: Self.claims, key: key, algorithm: algorithm)
      #expect(try Self.validator([key], algorithms: [algorithm]).validate(token, now: Self.now) == Self.claims)
      // Not listed: refused.
      #expect(throws: JOSEError.self) { try Self.validator([key], algorithms: [.rs256]).validate(token, now: Self.now) }
    }
  }

  @Test func claimsAreChecked() throws {
    var expired = Self.claims
    expired["exp"] = .number(JSONNumber(Self.now - 1000))
    let token = try JWS.sign(claims: expired, key: Self.secret, algorithm: .hs256)
    let error = #expect(throws: JOSEError.self) { try Self.validator().validate(token, now: Self.now) }
    #expect(error?.code == .invalidToken)
    // Signature-only verification does not look at claims.
    #expect(try Self.validator().verifySignature(token) == expired)

    var noScope = Self.claims
    noScope["scope"] = "openid"
    let token2 = try JWS.sign(claims: noScope, key: Self.secret, algorithm: .hs256)
    let error2 = #expect(throws: JOSEError.self) { try Self.validator().validate(token2, now: Self.now) }
    #expect(error2?.code == .insufficientScope)
  }

  @Test func tamperedTokenIsRejected() throws {
    let token = try JWS.sign(claims: Self.claims, key: Self.secret, algorithm: .hs256)
    var bytes = Array(token.utf8)
    let dot = bytes.firstIndex(of: UInt8(ascii: "."))!
    bytes[dot + 5] = bytes[dot + 5] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
    let error = #expect(throws: JOSEError.self) {
      try Self.validator().validate(String(decoding: bytes, as: UTF8.self), now: Self.now)
    }
    #expect(error?.reason == .invalidSignature)
  }

  @Test func verifierReturnsTheClaimsOfAJWT() throws {
    let token = try JWS.sign(claims: Self.claims, key: Self.secret, algorithm: .hs256)
    let verifier = JWSVerifier(keySet: JWKSet(keys: [Self.secret]), algorithms: [.hs256])
    #expect(try verifier.verifyJWT(token) == Self.claims)
    let notJWT = try JWS.sign(payload: Array("foo".utf8), key: Self.secret, algorithm: .hs256)
    #expect(try verifier.verify(notJWT).payload == Array("foo".utf8))
    #expect(throws: JOSEError.self) { try verifier.verifyJWT(notJWT) }
  }

  @Test func bufferAndStringEntryPointsAgree() throws {
    let token = try JWS.sign(claims: Self.claims, key: Self.secret, algorithm: .hs256)
    let fromBuffer = try Array(token.utf8).withUnsafeBytes { try Self.validator().validate($0, now: Self.now) }
    #expect(fromBuffer == Self.claims)
  }
}

/// Keys made in tests.
enum JWKTestKeys {
  static func hmacKey(kid: String?, bytes: Int, alg: String? = nil) -> JWK {
    var object: JSONObject = [
      "kty": "oct", "k": .string(Base64URL.encode((0..<bytes).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })),
    ]
    if let kid { object["kid"] = .string(kid) }
    if let alg { object["alg"] = .string(alg) }
    return try! JWK(importingPrivateKeyFrom: object)
  }
}
