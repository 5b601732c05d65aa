import MonoCloudCrypto
import MonoCloudJOSE
import Testing

/// Every way a proof can fail, each with the exact reason it must be refused for. Each proof
/// would pass if its one defect were removed (the happy paths use the same helpers).
@Suite struct DPoPProofFailureTests {
  typealias T = DPoPTestSupport

  struct Case {
    let name: String
    let expected: DPoPError.Reason
    let proof: String
    var method = T.method
    var url = T.url
    var accessToken: String? = T.accessToken
    var confirmationThumbprint: String? = nil
    var validator = DPoPProofValidator()
  }

  static let ec = T.key("ec-p256")
  static let rsa = T.key("rsa-rs256")
  static let ed = T.key("okp-ed25519")

  static func headerWith(_ changes: (inout JSONObject) -> Void, key: JWK = ec, algorithm: JWSAlgorithm = .es256)
    -> JSONObject
  {
    var header = T.header(key: key, algorithm: algorithm)
    changes(&header)
    return header
  }

  static func jwkWith(_ changes: (inout JSONObject) -> Void, key: JWK = ec) -> JSONObject {
    var jwk = key.publicKey.jsonObject()
    changes(&jwk)
    return jwk
  }

  static func claimsWith(_ changes: (inout JSONObject) -> Void) -> JSONObject {
    var claims = T.claims()
    changes(&claims)
    return claims
  }

  static func es256(header: JSONObject? = nil, claims: JSONObject = T.claims()) -> String {
    T.proof(key: ec, algorithm: .es256, header: header, claims: claims)
  }

  static var cases: [Case] {
    let valid = es256()
    let hmacKey = JWKTestKeys.hmacKey(kid: nil, bytes: 32)
    let hmacHeader: JSONObject = ["typ": "dpop+jwt", "alg": "HS256", "jwk": .object(hmacKey.jsonObject())]
    let noneHeader = Base64URL.encode(Array(#"{"typ":"dpop+jwt","alg":"none","jwk":{}}"#.utf8))
    let otherP256 = try! JWK(json: [
      "kty": "EC", "crv": "P-256", "x": "l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs",
      "y": "9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA",
    ])
    var tampered = Array(valid.utf8)
    tampered[tampered.count - 5] =
      tampered[tampered.count - 5] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
    let longJTI = String(repeating: "j", count: 257)

    var cases: [Case] = [
      // The header field.
      Case(name: "empty header", expected: .missingProof, proof: ""),
      Case(name: "two proofs", expected: .multipleProofs, proof: valid + ", " + valid),
      Case(name: "two proofs, no space", expected: .multipleProofs, proof: valid + "," + valid),
      Case(name: "not a JWS", expected: .malformed, proof: "not-a-proof"),
      Case(name: "two segments", expected: .malformed, proof: "eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiJ4In0"),
      Case(name: "JWE (five segments)", expected: .malformed, proof: valid + ".x.y"),
      Case(name: "header not JSON", expected: .malformed, proof: "bm90IGpzb24.e30.c2ln"),
      Case(name: "too long", expected: .malformed, proof: String(repeating: "a", count: 8193)),
      // typ
      Case(name: "typ JWT", expected: .wrongType, proof: es256(header: headerWith { $0["typ"] = "JWT" })),
      Case(name: "typ missing", expected: .wrongType, proof: es256(header: headerWith { $0["typ"] = nil })),
      Case(name: "typ in capitals", expected: .wrongType, proof: es256(header: headerWith { $0["typ"] = "DPoP+JWT" })),
      Case(name: "typ at+jwt", expected: .wrongType, proof: es256(header: headerWith { $0["typ"] = "at+jwt" })),
      Case(name: "typ not a string", expected: .wrongType, proof: es256(header: headerWith { $0["typ"] = 1 })),
      // alg
      Case(
        name: "HS256 with an oct jwk", expected: .algorithmNotAllowed,
        proof: T.proof(key: hmacKey, algorithm: .hs256, header: hmacHeader)),
      Case(
        name: "HS256 listed by the caller is still refused", expected: .algorithmNotAllowed,
        proof: T.proof(key: hmacKey, algorithm: .hs256, header: hmacHeader),
        validator: DPoPProofValidator(DPoPValidationOptions(algorithms: [.hs256, .es256]))),
      Case(
        name: "alg none", expected: .algorithmNotAllowed,
        proof: noneHeader + "." + Base64URL.encode(T.claims().jsonBytes) + "."),
      Case(name: "alg missing", expected: .algorithmNotAllowed, proof: es256(header: headerWith { $0["alg"] = nil })),
      Case(
        name: "alg unknown", expected: .algorithmNotAllowed, proof: es256(header: headerWith { $0["alg"] = "ES256K" })),
      Case(
        name: "alg not in the allow-list", expected: .algorithmNotAllowed, proof: valid,
        validator: DPoPProofValidator(DPoPValidationOptions(algorithms: [.rs256, .edDSA]))),
      Case(name: "crit", expected: .malformed, proof: es256(header: headerWith { $0["crit"] = ["exp"] })),
      // jwk
      Case(name: "jwk missing", expected: .invalidKey, proof: es256(header: headerWith { $0["jwk"] = nil })),
      Case(name: "jwk not an object", expected: .invalidKey, proof: es256(header: headerWith { $0["jwk"] = "key" })),
      Case(
        name: "jwk of another curve", expected: .invalidKey,
        proof: es256(header: headerWith { $0["jwk"] = .object(T.key("ec-p384").publicKey.jsonObject()) })),
      Case(
        name: "jwk of another type", expected: .invalidKey,
        proof: es256(header: headerWith { $0["jwk"] = .object(ed.publicKey.jsonObject()) })),
      Case(
        name: "jwk use enc", expected: .invalidKey,
        proof: es256(header: headerWith { $0["jwk"] = .object(jwkWith { $0["use"] = "enc" }) })),
      Case(
        name: "jwk off the curve", expected: .invalidKey,
        proof: es256(
          header: headerWith {
            $0["jwk"] = .object(jwkWith { $0["y"] = .string(Base64URL.encode([UInt8](repeating: 1, count: 32))) })
          })),
      Case(
        name: "private EC key", expected: .privateKeyMember,
        proof: es256(header: headerWith { $0["jwk"] = .object(ec.jsonObject()) })),
      Case(
        name: "private Ed25519 key", expected: .privateKeyMember,
        proof: T.proof(
          key: ed, algorithm: .edDSA,
          header: headerWith({ $0["jwk"] = .object(ed.jsonObject()) }, key: ed, algorithm: .edDSA))),
      Case(
        name: "k member", expected: .privateKeyMember,
        proof: es256(header: headerWith { $0["jwk"] = .object(jwkWith { $0["k"] = "c2VjcmV0" }) })),
      // signature
      Case(name: "tampered signature", expected: .badSignature, proof: String(decoding: tampered, as: UTF8.self)),
      Case(
        name: "signed by another key", expected: .badSignature,
        proof: es256(header: headerWith { $0["jwk"] = .object(otherP256.jsonObject()) })),
      Case(
        name: "signature missing", expected: .badSignature, proof: String(valid[..<valid.lastIndex(of: ".")!]) + "."),
      Case(
        name: "payload changed after signing", expected: .badSignature,
        proof: {
          let parts = valid.split(separator: ".")
          return String(parts[0]) + "." + Base64URL.encode(T.claims(htm: "POST").jsonBytes) + "." + String(parts[2])
        }()),
      // claims
      Case(
        name: "payload not an object", expected: .malformed,
        proof: T.sign(
          headerBytes: T.header(key: ec, algorithm: .es256).jsonBytes, payloadBytes: Array("[1]".utf8), key: ec,
          algorithm: .es256)),
      Case(name: "jti missing", expected: .malformed, proof: es256(claims: claimsWith { $0["jti"] = nil })),
      Case(name: "jti not a string", expected: .malformed, proof: es256(claims: claimsWith { $0["jti"] = 7 })),
      Case(name: "jti empty", expected: .invalidIdentifier, proof: es256(claims: T.claims(jti: ""))),
      Case(name: "jti too long", expected: .invalidIdentifier, proof: es256(claims: T.claims(jti: longJTI))),
      Case(name: "htm missing", expected: .malformed, proof: es256(claims: claimsWith { $0["htm"] = nil })),
      Case(name: "htm other method", expected: .methodMismatch, proof: es256(claims: T.claims(htm: "POST"))),
      Case(name: "htm lower case", expected: .methodMismatch, proof: es256(claims: T.claims(htm: "get"))),
      Case(name: "htu missing", expected: .malformed, proof: es256(claims: claimsWith { $0["htu"] = nil })),
      Case(
        name: "htu other path", expected: .urlMismatch,
        proof: es256(claims: T.claims(htu: "https://api.example.com/invoices"))),
      Case(
        name: "htu other host", expected: .urlMismatch,
        proof: es256(claims: T.claims(htu: "https://evil.example.com/orders"))),
      Case(
        name: "htu http", expected: .urlMismatch, proof: es256(claims: T.claims(htu: "http://api.example.com/orders"))),
      Case(
        name: "htu other port", expected: .urlMismatch,
        proof: es256(claims: T.claims(htu: "https://api.example.com:8443/orders"))),
      Case(
        name: "htu path case", expected: .urlMismatch,
        proof: es256(claims: T.claims(htu: "https://api.example.com/Orders"))),
      Case(
        name: "htu trailing slash", expected: .urlMismatch,
        proof: es256(claims: T.claims(htu: "https://api.example.com/orders/"))),
      Case(name: "htu relative", expected: .urlMismatch, proof: es256(claims: T.claims(htu: "/orders"))),
      Case(name: "request URL not absolute", expected: .invalidRequestURL, proof: valid, url: "/orders"),
      Case(name: "iat missing", expected: .malformed, proof: es256(claims: claimsWith { $0["iat"] = nil })),
      Case(name: "iat a string", expected: .malformed, proof: es256(claims: claimsWith { $0["iat"] = "1750000000" })),
      Case(name: "iat too old", expected: .iatOutOfWindow, proof: es256(claims: T.claims(iat: T.now - 301))),
      Case(name: "iat in the future", expected: .iatOutOfWindow, proof: es256(claims: T.claims(iat: T.now + 60))),
      Case(name: "ath missing", expected: .athMissing, proof: es256(claims: T.claims(ath: nil))),
      Case(
        name: "ath of another token", expected: .athMismatch,
        proof: es256(claims: T.claims(ath: DPoPProofValidator.accessTokenHash("other")))),
      Case(name: "ath not a string", expected: .malformed, proof: es256(claims: claimsWith { $0["ath"] = 1 })),
      Case(name: "nonce not a string", expected: .malformed, proof: es256(claims: claimsWith { $0["nonce"] = 1 })),
      Case(
        name: "thumbprint is not cnf.jkt", expected: .thumbprintMismatch, proof: valid,
        confirmationThumbprint: ed.thumbprint()),
    ]
    cases.append(Case(name: "method of request differs", expected: .methodMismatch, proof: valid, method: "DELETE"))
    return cases
  }

  @Test func everyDefectIsRefusedForItsReason() {
    let cases = Self.cases
    #expect(cases.count == 60)
    // A key cache shared by all cases (warmed with the valid proof's header) changes nothing.
    let keyCache = DPoPKeyMemoryCache(capacity: 4)
    _ = try? DPoPProofValidator().verify(
      T.request(Self.es256()), accessToken: T.accessToken, confirmationThumbprint: nil, now: T.now, keyCache: keyCache)
    var checked = 0
    for item in cases {
      let request = DPoPRequest(proof: item.proof, method: item.method, url: item.url)
      let reason = T.failure { () throws(DPoPError) in
        _ = try item.validator.verify(
          request, accessToken: item.accessToken, confirmationThumbprint: item.confirmationThumbprint, now: T.now)
      }
      #expect(reason == item.expected, "\(item.name)")
      let cachedReason = T.failure { () throws(DPoPError) in
        _ = try item.validator.verify(
          request, accessToken: item.accessToken, confirmationThumbprint: item.confirmationThumbprint, now: T.now,
          keyCache: keyCache)
      }
      #expect(cachedReason == item.expected, "\(item.name), with a key cache")
      checked += 1
    }
    #expect(checked == cases.count)
  }

  @Test func theUnchangedProofPasses() throws {
    // The control: the proof the cases above alter is valid, bound to its key.
    _ = try DPoPProofValidator().verify(
      T.request(Self.es256()), accessToken: T.accessToken, confirmationThumbprint: Self.ec.thumbprint(), now: T.now)
  }

  @Test func messagesNameNoSecrets() {
    for item in Self.cases {
      do throws(DPoPError) {
        _ = try item.validator.verify(
          DPoPRequest(proof: item.proof, method: item.method, url: item.url), accessToken: item.accessToken,
          confirmationThumbprint: item.confirmationThumbprint, now: T.now)
      } catch {
        #expect(!error.message.contains(T.accessToken))
        #expect(!error.message.contains("jti-0001"))
        if item.proof.count > 20 { #expect(!error.message.contains(item.proof.prefix(20))) }
      }
    }
  }
}
