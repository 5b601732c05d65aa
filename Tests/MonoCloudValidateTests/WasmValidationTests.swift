import MonoCloudJOSE
import MonoCloudWasm
import Testing

/// The wasm export logic (`validateForWasm`, `WasmValidationSession`), run natively: statuses,
/// result JSON, options and JWKS errors, and the key-set cache. The same cases run through the
/// WebAssembly module itself in Wasm/test (Scripts/ci-wasm.sh).
@Suite struct WasmValidationTests {
  static let now: Int64 = 1_700_000_000
  static let issuer = "https://tenant.example.com"
  static let audience = "https://api.example.com"
  static let baseOptions =
    #"{"issuer":"https://tenant.example.com","audience":"https://api.example.com","now":1700000000"#

  /// Options JSON: the base members plus `extra` (JSON members text, without braces).
  static func options(_ extra: String = "") -> String {
    extra.isEmpty ? baseOptions + "}" : baseOptions + "," + extra + "}"
  }

  static let hmacJWK: JWK = try! JWK(
    jsonString:
      #"{"kty":"oct","kid":"hs-1","alg":"HS256","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#
  )
  static let hmacJWKS =
    #"{"keys":[{"kty":"oct","kid":"hs-1","alg":"HS256","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}]}"#
  static let otherHMACJWKS =
    #"{"keys":[{"kty":"oct","kid":"hs-1","alg":"HS256","k":"c2Vjb25kLXNlY3JldC1zZWNvbmQtc2VjcmV0LXNlY29uZC1zZWNyZXQ"}]}"#
  static let allowHS256 = #""algorithms":["HS256"]"#

  /// Typical claims; `changes` replace or add members (`.null` removes one).
  static func claims(_ changes: [(String, JSONValue)] = []) -> JSONObject {
    var claims: JSONObject = [
      "iss": .string(issuer), "aud": .string(audience), "sub": "user-1", "iat": .number(JSONNumber(now - 10)),
      "exp": .number(JSONNumber(now + 3600)), "scope": "openid read write",
      "groups": ["staff", ["id": "g-2", "name": "admins"]],
    ]
    for (name, value) in changes {
      if value == .null {
        claims = JSONObject(claims.members.filter { !$0.key.utf8.elementsEqual(name.utf8) })
      } else {
        claims[name] = value
      }
    }
    return claims
  }

  static func hs256(_ claims: JSONObject) -> String {
    try! JWS.sign(claims: claims, key: hmacJWK, algorithm: .hs256)
  }

  /// Runs `validateForWasm` and parses its result JSON.
  static func run(_ token: String, jwks: String, options: String) -> (status: Int32, result: JSONObject?) {
    let outcome = validateForWasm(token: Array(token.utf8), jwks: Array(jwks.utf8), options: Array(options.utf8))
    return (outcome.status, try? JSONReader.parseObject(outcome.result))
  }

  /// The `error` member of a failure result, after checking the result is exactly `{error, message}`.
  static func errorCode(_ result: JSONObject?) -> String? {
    guard let result, result.count == 2, let code = result.string("error"), let message = result.string("message"),
      !message.isEmpty
    else { return nil }
    return code
  }

  @Test func validTokenReturnsThePayloadBytesExactlyAsSigned() throws {
    // Spacing, member order, escapes and number spellings that a re-serialization would change.
    let text =
      #"{ "iss" : "https://tenant.example.com", "aud":"https://api.example.com","exp":1.7000036E9,"#
      + #""iat":1699999990, "name":"caf\u00e9 \/ x", "n":[1.50, -0, 1e2] }"#
    let payload = Array(text.utf8)
    let token = try JWS.sign(payload: payload, key: Self.hmacJWK, algorithm: .hs256)
    let outcome = validateForWasm(
      token: Array(token.utf8), jwks: Array(Self.hmacJWKS.utf8), options: Array(Self.options(Self.allowHS256).utf8))
    #expect(outcome.status == 0)
    #expect(outcome.result == payload)
  }

  @Test func validHS256TokenReturnsTheWholePayload() {
    let claims = Self.claims([("jti", "token-1"), ("custom", ["nested": [1, 2, true, nil]])])
    let (status, result) = Self.run(Self.hs256(claims), jwks: Self.hmacJWKS, options: Self.options(Self.allowHS256))
    #expect(status == 0)
    #expect(result == claims)
  }

  @Test func hmacNeedsAnExplicitAllowList() {
    let (status, result) = Self.run(Self.hs256(Self.claims()), jwks: Self.hmacJWKS, options: Self.options())
    #expect(status == 1)
    #expect(Self.errorCode(result) == "invalid_token")
  }

  @Test func rejectedTokensGiveTheirErrorCode() {
    let hs = Self.allowHS256
    let cases: [(name: String, claims: JSONObject, options: String, code: String)] = [
      ("expired", Self.claims([("exp", .number(JSONNumber(Self.now - 301)))]), hs, "invalid_token"),
      (
        "expired, no tolerance", Self.claims([("exp", .number(JSONNumber(Self.now - 1)))]),
        hs + #","clockTolerance":0"#, "invalid_token"
      ),
      (
        "skew past exp", Self.claims([("exp", .number(JSONNumber(Self.now + 100)))]),
        hs + #","clockSkew":500,"clockTolerance":0"#, "invalid_token"
      ),
      ("not yet valid", Self.claims([("nbf", .number(JSONNumber(Self.now + 1000)))]), hs, "invalid_token"),
      ("wrong audience", Self.claims([("aud", "https://other.example.com")]), hs, "invalid_token"),
      ("missing audience", Self.claims([("aud", .null)]), hs, "invalid_token"),
      ("wrong issuer", Self.claims([("iss", "https://evil.example.com")]), hs, "invalid_token"),
      ("sub not a string", Self.claims([("sub", 42)]), hs, "invalid_token"),
      ("missing scope", Self.claims(), hs + #","scopes":["read","admin"]"#, "insufficient_scope"),
      ("no scope claim", Self.claims([("scope", .null)]), hs + #","scopes":["read"]"#, "insufficient_scope"),
      ("no group", Self.claims(), hs + #","groups":["finance"]"#, "insufficient_groups"),
      (
        "not all groups", Self.claims(), hs + #","groups":["staff","finance"],"groupsMatchAll":true"#,
        "insufficient_groups"
      ),
      (
        "other groups claim", Self.claims(), hs + #","groups":["staff"],"groupsClaim":"roles""#,
        "insufficient_groups"
      ),
    ]
    var ran = 0
    for c in cases {
      let (status, result) = Self.run(Self.hs256(c.claims), jwks: Self.hmacJWKS, options: Self.options(c.options))
      #expect(status == 1, "\(c.name)")
      #expect(Self.errorCode(result) == c.code, "\(c.name)")
      ran += 1
    }
    #expect(ran == 13)
  }

  @Test func acceptedVariantsOfTheClaims() {
    let hs = Self.allowHS256
    let cases: [(name: String, claims: JSONObject, options: String)] = [
      ("expired within tolerance", Self.claims([("exp", .number(JSONNumber(Self.now - 100)))]), hs),
      ("audience array", Self.claims([("aud", ["other", .string(Self.audience)])]), hs),
      ("scp array", Self.claims([("scope", .null), ("scp", ["read", "write"])]), hs + #","scopes":["read"]"#),
      ("any group by name", Self.claims(), hs + #","groups":["nobody","admins"]"#),
      ("all groups by id and string", Self.claims(), hs + #","groups":["staff","g-2"],"groupsMatchAll":true"#),
      (
        "custom groups claim", Self.claims([("roles", ["editor"])]), hs + #","groups":["editor"],"groupsClaim":"roles""#
      ),
    ]
    var ran = 0
    for c in cases {
      let (status, result) = Self.run(Self.hs256(c.claims), jwks: Self.hmacJWKS, options: Self.options(c.options))
      #expect(status == 0, "\(c.name): \(String(describing: result.map { $0.jsonString }))")
      #expect(result == c.claims, "\(c.name)")
      ran += 1
    }
    #expect(ran == 6)
  }

  @Test func malformedTokensAreInvalidTokens() {
    let good = Self.hs256(Self.claims())
    let parts = good.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let tokens = [
      "", "opaque-token", "\(parts[0]).\(parts[1])", good + ".x", "a.b.c.d.e", "\(parts[0])*.\(parts[1]).\(parts[2])",
      "\(parts[0])=.\(parts[1]).\(parts[2])", " " + good, "\(parts[0]).\(parts[1]).", String(good.dropLast(2)),
      #"eyJhbGciOiJub25lIn0.\#(parts[1])."#,
    ]
    var ran = 0
    for token in tokens {
      let (status, result) = Self.run(token, jwks: Self.hmacJWKS, options: Self.options(Self.allowHS256))
      #expect(status == 1, "\(token)")
      #expect(Self.errorCode(result) == "invalid_token", "\(token)")
      ran += 1
    }
    #expect(ran == 11)
  }

  @Test func badOptionsAreStatusTwo() {
    let token = Self.hs256(Self.claims())
    let documents = [
      "", "[]", "{", #"{"issuer":"https://tenant.example.com","now":1700000000}"#,
      #"{"audience":"https://api.example.com","now":1700000000}"#,
      #"{"issuer":"https://tenant.example.com","audience":"https://api.example.com"}"#,
      #"{"issuer":"","audience":"https://api.example.com","now":1}"#,
      Self.options(#""clockTolerance":-5"#), Self.options(#""clockSkew":1.5"#), Self.options(#""clockSkew":"5""#),
      #"{"issuer":"https://tenant.example.com","audience":"https://api.example.com","now":1.5}"#,
      #"{"issuer":"https://tenant.example.com","audience":"https://api.example.com","now":99999999999999999999}"#,
      Self.options(#""audiences":["x"]"#), Self.options(#""scopes":"read""#), Self.options(#""groups":[1]"#),
      Self.options(#""groupsMatchAll":"true""#), Self.options(#""algorithms":["none"]"#),
      Self.options(#""algorithms":["hs256"]"#), Self.options(#""algorithms":[]"#),
      Self.options(#""certificateBinding":"always""#), Self.options(#""issuer":"x""#),
      #"{"issuer":"https://tenant.example.com","audience":"https://api.example.com","now":-1}"#,
      Self.options(#""groupsClaim":"""#),
    ]
    var ran = 0
    for document in documents {
      let (status, result) = Self.run(token, jwks: Self.hmacJWKS, options: document)
      #expect(status == 2, "\(document)")
      #expect(Self.errorCode(result) == "invalid_options", "\(document)")
      ran += 1
    }
    #expect(ran == 23)
  }

  @Test func badKeySetsAreStatusTwo() {
    let token = Self.hs256(Self.claims())
    let documents = [
      "", "{keys:", "[]", #"{"kids":[]}"#, #"{"keys":{}}"#, #"{"keys":[]}"#, #"{"keys":[{"kty":"oct"}]}"#,
      #"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"}]}"#,
    ]
    var ran = 0
    for document in documents {
      let (status, result) = Self.run(token, jwks: document, options: Self.options(Self.allowHS256))
      #expect(status == 2, "\(document)")
      #expect(Self.errorCode(result) == "invalid_jwks", "\(document)")
      ran += 1
    }
    #expect(ran == 8)
  }

  @Test func theSessionCacheFollowsKeySetAndOptionChanges() {
    var session = WasmValidationSession()
    let token = Self.hs256(Self.claims())
    func status(_ jwks: String, _ options: String) -> Int32 {
      let tokenBytes = Array(token.utf8)
      let jwksBytes = Array(jwks.utf8)
      let optionBytes = Array(options.utf8)
      return tokenBytes.withUnsafeBytes { t in
        jwksBytes.withUnsafeBytes { j in
          optionBytes.withUnsafeBytes { o in session.validate(token: t, jwks: j, options: o).status }
        }
      }
    }
    let allow = Self.options(Self.allowHS256)
    #expect(status(Self.hmacJWKS, allow) == 0)
    #expect(status(Self.otherHMACJWKS, allow) == 1)  // new key set: the signature no longer verifies
    #expect(status(Self.hmacJWKS, allow) == 0)
    #expect(status(Self.hmacJWKS, Self.options()) == 1)  // new options: HS256 no longer allowed
    let otherAudience =
      #"{"issuer":"https://tenant.example.com","audience":"other","now":1700000000,"algorithms":["HS256"]}"#
    #expect(status(Self.hmacJWKS, otherAudience) == 1)
    #expect(status(Self.hmacJWKS, "{") == 2)  // bad options are not cached...
    #expect(status(Self.hmacJWKS, allow) == 0)  // ...and good ones are parsed again
    #expect(status("{", allow) == 2)  // a bad set is not cached...
    #expect(status(Self.hmacJWKS, allow) == 0)  // ...and the good one is imported again
    let later =
      #"{"issuer":"https://tenant.example.com","audience":"https://api.example.com","now":1800000000,"algorithms":["HS256"]}"#
    #expect(status(Self.hmacJWKS, later) == 1)  // only now changed: same validator, new time, expired
  }

  // Asymmetric keys (fixed test keys; the tokens are signed here, so every run verifies fresh signatures).
  static let rsaJWK =
    #"{"kty":"RSA","kid":"rsa-test","n":"nKBKEWusQAKxKj9JwTogoLtLxFE3MmA_pLSxJZzrG3uM1_pQthdKjMal39Yp3PzIj8G_BjSJnsV5ANLcMmDgUrXNLvqvqclXDkjYvL9JJRYXwF0h2ghy9y9H78wb-8rKoZeUdUbAuTdEBnc6gJ8OF-kpM51m0JVBDomhmvrj3oXZFfHKiZhQNY-WFndiwM84cFC1KbFia6yFqnkMCgdDFOm4hO6jcLGmDer09watzAY7S1Yy5PVDoIYJC9fq4d17rmHIZz6u0jcz1IltL6bvgzvx0CjLiPQt4TW3iQnhITPbcDsOPCasCV5EcJAYD2X3S0yxFB2XqFM43x_P_WiLgw","e":"AQAB","d":"EQUeEgyNovBn83uodnXsQRXOovO3DXiwvHjiMysnz_cPaWeLHm541xlobGLSbnA4ad7CSliqh8qqXoY2EBy_jl1b1voTiAjCtrZVzxTzoYhoEQBN2Gqd9kcjXbyOt0A54Bt1B4AmcI9qi0_-LHycRHQ9hPKwJIRuQGKBDDKtURXg52S-hiuOvsaIBZF34yYK88BdltgGin8vkgtg0cfV8pYglql18qlTof5W2K2AOAGf-qlX2G-nRrf0UGMggcgkcDsb__5MhJ3Ikacb_c16L7BK96Ig4xSnVQqTzC6TTk_AwnRHk6pjPqUNdZXZl6xqnPd1yd4jbKKg27EaDytKgQ","p":"zIpylPAP1HSt7aylT8fbgIh7zOjNvdEnsyguMjSZsLHrB7bjTq393F984OnMi7-TZ7E438zx4pmjn-Vfe28t-8CUVGqJ5plXm1Dh-zUADTb4K2OFknyEUghULypsTAltX2HcnaLd4w0ykKzOsTm9EyULCAlJE5ZSq79vgq7YAME","q":"xAffejmWr3TqkWRWzwXrVtVFk2NN09e4yWf7NcR8Tsekjdw9zV5_RWwS0MhsucLcAch8cfS4OZR-cSRhtXmvDGguYYHCBy4EyCnxXUPYq6Qc8_7RMR7uFqq3fi5vA5KsvoaoLWFpm4wdRZnqGVCY0BDB_JUel2fgdQcsrKCtmUM","dp":"aNGWUI8JfbXhoAg2m0DvUtoen266aMjzkFNKAT6FeFBlAooNyLdPfgyNIXGO-hrN_niKjd4oIxjbCkjweoAKT5ZsLSp_yuXQSG7Vr_eENEF0Qj_5Jo2a_bL4-UbDQuAd5aBv_3SEQyPzQsLcFWRiaZo1IgQoJ9qEOTGcgpr5ZME","dq":"Pls-xFNzUma_gvZHAt2gKeP3mNW62QtC9ZZE-6p_3FN3TcTkR-KqW3vwVEedBk4sy8hphZpRy8cnnXf0ONT3UNwG_O9YuA30aXOmGoPNdXPj3d2Nz7FGDSHK8rF0kM9kccrFzoGxJVChsxUtuVXA9laOTnlk3ManSLK6jEMkVZ8","qi":"bno3_NGd1uE546hHiqf6RB6o7e2AHKjjiU0Yxuz5EFcEE13dEoTVk1nygBL7riiYfmbcXKhsAOxwTeMbKmhaI9a1-3981srNNCX6a5LBo_mA4irRjbNZ0mpoiu0F8Z4FpEvuW5z-pOyGEBq-vYxdZ5Pk-LnSRLg7cXnmvkCJfOs"}"#
  static let ecJWK =
    #"{"kty":"EC","kid":"ec-test","crv":"P-256","x":"fL9DR81z-WG2iBPuCoy-uGph9CBLmwbtOkb5UTNpRpg","y":"qoJbYKxlnNwZZ73x-YDP5Jzzwo3gxYQTFK0hj0fI4ig","d":"dmbubm5tmzA4Ua22Q_JO6HJWm4bSGS3Wsunap67vOc8"}"#
  static let edJWK =
    #"{"kty":"OKP","kid":"ed-test","crv":"Ed25519","x":"2h7ot7C8NyX3ZEOUwF0hiLoKuyceNBxAGEgoCWgu0QI","d":"vpBKUYCi-KJ6_evt-iz6AhQC4IAxF0uolwdqctq378Y"}"#

  static func privateJWK(for algorithm: JWSAlgorithm) -> String {
    switch algorithm.family {
    case .rsaPKCS1, .rsaPSS: return rsaJWK
    case .ecdsa: return ecJWK
    default: return edJWK
    }
  }

  @Test(arguments: [JWSAlgorithm.rs256, .rs512, .ps256, .es256, .edDSA, .ed25519])
  func asymmetricTokens(algorithm: JWSAlgorithm) throws {
    let key = try JWK(importingPrivateKeyFromJSONString: Self.privateJWK(for: algorithm))
    let jwks = JWKSet(keys: [key.publicKey]).jsonObject().jsonString
    let claims = Self.claims([("jti", .string(algorithm.name))])
    let token = try JWS.sign(claims: claims, key: key, algorithm: algorithm)
    let valid = Self.run(token, jwks: jwks, options: Self.options())
    #expect(valid.status == 0, "\(algorithm.name): \(String(describing: valid.result?.jsonString))")
    #expect(valid.result == claims)

    // One flipped bit in the signature's middle byte.
    var bytes = Array(token.utf8)
    let index = bytes.count - (bytes.count - (bytes.lastIndex(of: UInt8(ascii: ".")) ?? 0)) / 2
    bytes[index] = bytes[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
    let tampered = Self.run(String(decoding: bytes, as: UTF8.self), jwks: jwks, options: Self.options())
    #expect(tampered.status == 1)
    #expect(Self.errorCode(tampered.result) == "invalid_token")

    // The same token against a set of HMAC keys only: never accepted.
    let confused = Self.run(token, jwks: Self.hmacJWKS, options: Self.options(Self.allowHS256))
    #expect(confused.status == 1)
  }

  /// The module imports keys for verifying only (`JWKSet(publicKeysFromJSONBytes:)`): private
  /// members in the JWKS are ignored, even ones the full import would refuse.
  @Test func privateMembersInTheKeySetAreIgnored() throws {
    var rsa = try JSONReader.parseObject(Array(Self.rsaJWK.utf8))
    rsa["qi"] = rsa["dq"]  // inconsistent CRT members: the full import refuses the key
    var ec = try JSONReader.parseObject(Array(Self.ecJWK.utf8))
    ec["d"] = "not base64url!"
    let ed = try JSONReader.parseObject(Array(Self.edJWK.utf8))  // a valid private key
    let document: JSONObject = ["keys": [.object(rsa), .object(ec), .object(ed)]]
    #expect(try JWKSet(importingPrivateKeysFrom: document).keys.count == 1)
    let jwks = document.jsonString
    for algorithm in [JWSAlgorithm.rs256, .es256, .edDSA] {
      let key = try JWK(importingPrivateKeyFromJSONString: Self.privateJWK(for: algorithm))
      let claims = Self.claims([("jti", .string(algorithm.name))])
      let token = try JWS.sign(claims: claims, key: key, algorithm: algorithm)
      let outcome = Self.run(token, jwks: jwks, options: Self.options())
      #expect(outcome.status == 0, "\(algorithm.name): \(String(describing: outcome.result?.jsonString))")
      #expect(outcome.result == claims)
    }
  }
}
