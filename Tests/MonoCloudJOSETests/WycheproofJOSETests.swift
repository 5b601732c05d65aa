import MonoCloudJOSE
import Testing

/// Every case of Wycheproof's JOSE files, run through `JWSVerifier` (signature level: the
/// payloads are arbitrary bytes such as "foo", which `JWTValidator` would reject as not being a
/// JSON object). The key set is the group's public key (or key set), or its private one when
/// there is no public one (symmetric keys); the allow-list is the default plus HS256/384/512.
@Suite struct WycheproofJOSETests {
  /// Cases where our decided outcome differs from Wycheproof's `result`, and why.
  static let deviations: [(file: String, tcId: Int64, reason: String)] = [
    // RFC 7520 §4.2 signs with PS384, but the group's key says "alg": "PS256". Our rule: a key's
    // alg (if any) must equal the token's, so we reject. (Wycheproof reuses the RFC key with an
    // alg member that the RFC's key does not have.)
    ("json_web_signature_test.json", 346, "key alg PS256, token PS384"),
    ("json_web_signature_test.json", 350, "key alg PS256, token PS384"),
    // RFC 7520 §4.3 signs with ES512; the group's key says "alg": "ES521", which is no
    // registered algorithm and is not ES512: rejected by the same rule.
    ("json_web_signature_test.json", 347, "key alg ES521, token ES512"),
    ("json_web_signature_test.json", 351, "key alg ES521, token ES512"),
    // A '?' inserted into the header or payload segment. Lenient decoders skip it; we
    // require strict base64url, so the token is malformed and rejected.
    ("json_web_signature_test.json", 372, "invalid base64url character in the header"),
    ("json_web_signature_test.json", 373, "invalid base64url character in the payload"),
    // "invalidBase64Padding(InPayload)": the token in the file is byte-identical to tcId 357
    // (ValidMac); the padding the comment refers to is not there. A correct MAC over a
    // well-formed token verifies, so we accept.
    ("json_web_signature_test.json", 367, "token identical to the valid tcId 357"),
    ("json_web_signature_test.json", 370, "token identical to the valid tcId 357"),
  ]

  struct Tally {
    var ran = 0
    var accepted = 0
    var rejected = 0
    var jsonSerialization = 0
    var jwe = 0
    var deviations = 0
    /// Valid cases of a family whose crypto is not in this build (expected: rejected).
  }

  static let algorithms = JWSAlgorithm.defaultAllowList + [.hs256, .hs384, .hs512]

  static func run(_ file: String) throws -> Tally {
    let document = try JOSETestSupport.vectorFile("wycheproof/" + file)
    var tally = Tally()
    for group in document.array("testGroups") ?? [] {
      let group = try #require(group.objectValue)
      let keySource = try #require(group.object("public") ?? group.object("private"))
      let keySet =
        keySource.contains("keys")
        ? try JWKSet(importingPrivateKeysFrom: keySource)
        : try JWKSet(importingPrivateKeysFrom: ["keys": [.object(keySource)]])
      let verifier = JWSVerifier(keySet: keySet, algorithms: algorithms)
      for test in group.array("tests") ?? [] {
        let test = try #require(test.objectValue)
        let tcId = try #require(test.int64("tcId"))
        let comment = test.string("comment") ?? ""
        if test.contains("jwe") {
          // Not applicable: JWE (encryption) is not supported by this library.
          tally.jwe += 1
          continue
        }
        let valid = try #require(test.string("result")) == "valid"
        var expectAccept = valid
        if deviations.contains(where: { $0.file == file && $0.tcId == tcId }) {
          expectAccept = !valid
          tally.deviations += 1
        }
        let jws = try #require(test["jws"])
        tally.ran += 1
        // The JSON serialization (an object, or its text as a string): we support the compact
        // serialization only, so it is rejected (as malformed: no dots).
        let isJSONSerialization = jws.objectValue != nil || (jws.stringValue?.utf8.first == UInt8(ascii: "{"))
        if isJSONSerialization {
          tally.jsonSerialization += 1
          let text = jws.stringValue ?? jws.jsonString
          #expect(throws: JOSEError.self, "tcId \(tcId)") { try verifier.verify(text) }
          tally.rejected += 1
          continue
        }
        let token = try #require(jws.stringValue)
        let accepted: Bool
        do {
          _ = try verifier.verify(token)
          accepted = true
        } catch {
          accepted = false
        }
        #expect(accepted == expectAccept, "\(file) tcId \(tcId) \(comment)")
        if accepted { tally.accepted += 1 } else { tally.rejected += 1 }
      }
    }
    return tally
  }

  @Test func jsonWebSignature() throws {
    let tally = try Self.run("json_web_signature_test.json")
    #expect(tally.ran == 401)
    #expect(tally.jsonSerialization == 1)
    #expect(tally.deviations == 8)
    #expect(tally.jwe == 0)
    #expect(tally.accepted + tally.rejected == 401)
    // 46 valid cases, minus the 6 we reject, plus the 2 byte-identical copies of a valid one.
    #expect(tally.accepted == 42)
  }

  @Test func jsonWebKey() throws {
    let tally = try Self.run("json_web_key_test.json")
    #expect(tally.ran == 26)
    #expect(tally.deviations == 0)
    // jws_keyset, rs256 and the three long HMAC keys.
    #expect(tally.accepted == 5)
  }

  @Test func jsonWebCrypto() throws {
    let tally = try Self.run("json_web_crypto_test.json")
    // 49 JWS cases run; 34 JWE cases (tcId 50–83) are not applicable: JWE is not supported.
    #expect(tally.ran == 49)
    #expect(tally.jwe == 34)
    #expect(tally.jsonSerialization == 1)
    #expect(tally.accepted == 4)
  }
}
