import MonoCloudCrypto
import MonoCloudJOSE
import Testing

/// The verification import (`JWK(publicKeyFrom:)`, `JWKSet(publicKeysFrom:)`): the public half of
/// what the full import gives, with the same checks and messages for every public member, and
/// private members ignored.
@Suite struct JWKPublicImportTests {
  /// The six private test keys (RSA RS256/PS256, EC P-256/384/521, Ed25519), fully imported.
  static func privateKeys() throws -> [JWK] {
    let keys = try JWKTests.testKeys()
    try #require(keys.count == 6)
    return keys
  }

  /// The error `body` throws, or nil when it does not throw.
  static func error(_ body: () throws(JOSEError) -> JWK) -> JOSEError? {
    do throws(JOSEError) {
      _ = try body()
      return nil
    } catch {
      return error
    }
  }

  /// The base64url of `count` bytes that are not a valid private member of any key.
  static func junk(_ count: Int) -> JSONValue { .string(Base64URL.encode(Array(repeating: 0xA5, count: count))) }

  @Test func publicImportOfAPrivateKeyIsItsPublicHalf() throws {
    for key in try Self.privateKeys() {
      let kid = key.keyID ?? "?"
      let imported = try JWK(publicKeyFrom: key.jsonObject())
      #expect(!imported.isPrivate, "\(kid)")
      #expect(imported.jsonObject() == key.publicKey.jsonObject(), "\(kid)")
      #expect(!imported.jsonObject().contains("d"), "\(kid)")
      #expect(imported.thumbprint() == key.thumbprint(), "\(kid)")
      #expect(imported.thumbprint(hash: .sha512) == key.thumbprint(hash: .sha512), "\(kid)")
      #expect(imported.keyType == key.keyType && imported.curve == key.curve, "\(kid)")
      #expect(imported.keySizeInBits == key.keySizeInBits, "\(kid)")
      #expect(imported.keyID == key.keyID && imported.algorithm == key.algorithm && imported.use == key.use)
      // A key without private members imports the same either way.
      let fromPublic = try JWK(publicKeyFrom: key.publicKey.jsonObject())
      let fullFromPublic = try JWK(importingPrivateKeyFrom: key.publicKey.jsonObject())
      #expect(fromPublic.jsonObject() == fullFromPublic.jsonObject(), "\(kid)")
      #expect(!fullFromPublic.isPrivate)
    }
  }

  @Test func publicImportKeepsKeyOperationsAndUse() throws {
    var object = try JWKTests.object("ec-p256")
    object["key_ops"] = ["verify", "sign"]
    object["use"] = "enc"
    let imported = try JWK(publicKeyFrom: object)
    #expect(imported.keyOperations == ["verify", "sign"])
    #expect(imported.use == "enc")
    #expect(!imported.allowsVerification)
    #expect(imported.jsonObject() == (try JWK(importingPrivateKeyFrom: object)).publicKey.jsonObject())
  }

  @Test func publicImportVerifiesWhatThePrivateKeySigned() throws {
    let keys = try Self.privateKeys()
    let document: JSONObject = ["keys": .array(keys.map { .object($0.jsonObject()) })]
    let keySet = try JWKSet(publicKeysFrom: document)
    #expect(keySet.keys.count == keys.count)
    #expect(keySet.skipped.isEmpty)
    #expect(keySet.keys.allSatisfy { !$0.isPrivate })
    let validator = JWTValidator(
      keySet: keySet, policy: TokenValidationPolicy(issuers: ["me"], requireExpiration: false))
    for key in keys {
      let algorithm = try #require(JWSAlgorithm(name: key.algorithm ?? ""))
      let token = try JWS.sign(claims: ["iss": "me", "n": 2], key: key, algorithm: algorithm)
      #expect(try validator.validate(token, now: 0).int64("n") == 2, "\(algorithm.name)")
      // The publicly imported keys cannot sign.
      let imported = try #require(keySet.keys(withID: key.keyID ?? "").first)
      #expect(throws: JOSEError.self) { try JWS.sign(claims: [:], key: imported, algorithm: algorithm) }
    }
  }

  @Test func octKeysAreImportedWhole() throws {
    let object: JSONObject = ["kty": "oct", "kid": "h", "alg": "HS256", "k": Self.junk(32)]
    let full = try JWK(importingPrivateKeyFrom: object)
    let imported = try JWK(publicKeyFrom: object)
    #expect(imported.isPrivate)
    #expect(imported.keySizeInBits == 256)
    #expect(imported.jsonObject() == full.jsonObject())
    #expect(imported.jsonObject().contains("k"))
    #expect(imported.thumbprint() == full.thumbprint())
    // And they verify HMAC tokens.
    let token = try JWS.sign(claims: ["iss": "me"], key: full, algorithm: .hs256)
    let validator = JWTValidator(
      keySet: try JWKSet(publicKeysFrom: ["keys": [.object(object)]]), algorithms: [.hs256],
      policy: TokenValidationPolicy(issuers: ["me"], requireExpiration: false))
    #expect(try validator.validate(token, now: 0).string("iss") == "me")
    // Bad `k` is refused with the full import's message.
    for bad: JSONObject in [
      ["kty": "oct"], ["kty": "oct", "k": ""], ["kty": "oct", "k": 5], ["kty": "oct", "k": Self.junk(1025)],
    ] {
      let expected = try #require(Self.error { () throws(JOSEError) -> JWK in try JWK(importingPrivateKeyFrom: bad) })
      #expect(
        Self.error { () throws(JOSEError) -> JWK in try JWK(publicKeyFrom: bad) } == expected, "\(expected.message)")
    }
  }

  /// Every change to a public member that the full import refuses, the public import refuses
  /// with the same error (code, message, reason), whether or not the key has private members.
  @Test func invalidPublicMembersAreRejectedWithTheSameError() throws {
    let keys = try Self.privateKeys()
    func objects(_ kid: String) throws -> [JSONObject] {
      guard let key = keys.first(where: { $0.keyID == kid }) else { throw JOSEError(.invalidKey, "no test key \(kid)") }
      return [key.jsonObject(), key.publicKey.jsonObject()]
    }
    typealias Change = (String, (inout JSONObject) -> Void)
    var common: [Change] = [
      ("kty missing", { $0["kty"] = nil }), ("kty numeric", { $0["kty"] = 1 }), ("kty lowercase", { $0["kty"] = "ec" }),
      ("kty unknown", { $0["kty"] = "XYZ" }), ("kid numeric", { $0["kid"] = 7 }), ("alg numeric", { $0["alg"] = 7 }),
      ("use null", { $0["use"] = .null }), ("key_ops string", { $0["key_ops"] = "verify" }),
      ("key_ops number", { $0["key_ops"] = [1] }), ("key_ops duplicate", { $0["key_ops"] = ["verify", "verify"] }),
    ]
    common.append(("kty of another type", { $0["kty"] = $0["kty"] == "RSA" ? "EC" : "RSA" }))
    let rsa: [Change] = [
      ("n missing", { $0["n"] = nil }), ("e missing", { $0["e"] = nil }), ("n numeric", { $0["n"] = 3 }),
      ("e padded", { $0["e"] = "AQAB=" }), ("e one", { $0["e"] = "AQ" }), ("e even", { $0["e"] = "Ag" }),
      ("e zero", { $0["e"] = "AA" }), ("e empty", { $0["e"] = "" }), ("e over 64 bits", { $0["e"] = "AQEBAQEBAQEBAQ" }),
      ("n even", { $0["n"] = .string(Base64URL.encode(Array(repeating: 0xFE, count: 256))) }),
      ("n 1024 bits", { $0["n"] = .string(Base64URL.encode(Array(repeating: 0xFF, count: 128))) }),
      ("n 8200 bits", { $0["n"] = .string(Base64URL.encode([1] + Array(repeating: 0xFF, count: 1025))) }),
      ("n ROCA", { $0["n"] = .string(Base64URL.encode(Self.rocaModulus())) }),
    ]
    let ec: [Change] = [
      ("crv missing", { $0["crv"] = nil }), ("crv unknown", { $0["crv"] = "P-192" }),
      ("crv Ed25519", { $0["crv"] = "Ed25519" }), ("x missing", { $0["x"] = nil }), ("y numeric", { $0["y"] = 1 }),
      ("x bad base64url", { $0["x"] = .string(($0.string("x") ?? "") + "=") }),
      ("x too long", { $0["x"] = .string("AAAA" + ($0.string("x") ?? "")) }),
      ("off the curve", { $0["y"] = $0["x"] }),
    ]
    let okp: [Change] = [
      ("crv X25519", { $0["crv"] = "X25519" }), ("crv P-256", { $0["crv"] = "P-256" }),
      ("x missing", { $0["x"] = nil }),
      ("x 31 bytes", { $0["x"] = Self.junk(31) }),
      ("x not a point", { $0["x"] = .string(Base64URL.encode([2] + Array(repeating: 0, count: 31))) }),
    ]
    var checked = 0
    for (kids, changes) in [
      (["rsa-rs256", "rsa-ps256"], rsa), (["ec-p256", "ec-p384", "ec-p521"], ec), (["okp-ed25519"], okp),
    ] {
      for kid in kids {
        for base in try objects(kid) {
          for (name, change) in common + changes {
            var object = base
            change(&object)
            let full = Self.error { () throws(JOSEError) -> JWK in try JWK(importingPrivateKeyFrom: object) }
            let verify = Self.error { () throws(JOSEError) -> JWK in try JWK(publicKeyFrom: object) }
            #expect(full != nil, "\(kid): \(name) is accepted")
            #expect(verify == full, "\(kid): \(name): \(verify?.message ?? "accepted") ≠ \(full?.message ?? "-")")
            checked += 1
          }
        }
      }
    }
    #expect(checked == 2 * (2 * (common.count + rsa.count) + 3 * (common.count + ec.count) + common.count + okp.count))
  }

  @Test func theROCAModulusIsRefusedByBothImports() throws {
    var object = try JWKTests.object("rsa-rs256")
    object["n"] = .string(Base64URL.encode(Self.rocaModulus()))
    let expected = JOSEError(.invalidKey, "JWK: RSA key from a generator with the ROCA weakness (CVE-2017-15361)")
    #expect(Self.error { () throws(JOSEError) -> JWK in try JWK(importingPrivateKeyFrom: object) } == expected)
    #expect(Self.error { () throws(JOSEError) -> JWK in try JWK(publicKeyFrom: object) } == expected)
    // Without that structure (n + 2 ≢ 1 mod 3), the same modulus imports as a public key.
    var modulus = Self.rocaModulus()
    modulus[modulus.count - 1] &+= 2
    object["n"] = .string(Base64URL.encode(modulus))
    #expect(try JWK(publicKeyFrom: object).keySizeInBits == 2048)
  }

  /// Private members that the full import refuses are ignored by the public import: they are
  /// not decoded (not even as base64url), not checked against the public key, and not kept.
  /// A verifier needs only the public half; refusing a JWKS because of a secret it should not
  /// even contain would gain nothing.
  @Test func privateMembersAreIgnoredWhateverTheyHold() throws {
    let keys = try Self.privateKeys()
    typealias Change = (String, (inout JSONObject) -> Void)
    let everyType: [Change] = [
      ("d not base64url", { $0["d"] = "!!!" }), ("d numeric", { $0["d"] = 5 }), ("d null", { $0["d"] = .null }),
      ("d empty", { $0["d"] = "" }),
    ]
    // (An RSA `d` alone is not cross-checked by the full import: with consistent CRT members
    // the trial signature succeeds whatever `d` holds, so it is not listed here.)
    let ecOrOKP: [Change] = [
      ("d of the wrong length", { $0["d"] = Self.junk(7) }),
      ("d mismatched", { $0["d"] = Self.junk(($0.string("x")?.utf8.count ?? 0) * 3 / 4) }),
    ]
    let rsa: [Change] = [
      ("p missing", { $0["p"] = nil }), ("qi wrong", { $0["qi"] = $0["dq"] }), ("d alone", { $0 = Self.only($0, "d") }),
      ("p without d", { $0["d"] = nil }), ("oth", { $0["oth"] = [["r": "AQAB", "d": "AQAB", "t": "AQAB"]] }),
      ("q garbage", { $0["q"] = "***" }), ("dp numeric", { $0["dp"] = 1 }),
    ]
    for key in keys {
      let kid = key.keyID ?? "?"
      let changes = everyType + (key.keyType == .rsa ? rsa : ecOrOKP)
      for (name, change) in changes {
        var object = key.jsonObject()
        change(&object)
        #expect(throws: JOSEError.self, "\(kid): \(name) is accepted by the full import") {
          try JWK(importingPrivateKeyFrom: object)
        }
        let imported = try JWK(publicKeyFrom: object)
        #expect(!imported.isPrivate, "\(kid): \(name)")
        #expect(imported.jsonObject() == key.publicKey.jsonObject(), "\(kid): \(name)")
      }
    }
  }

  @Test func aMixedKeySetImportsPublicHalvesAndSkipsTheSameKeys() throws {
    let keys = try Self.privateKeys()
    var badD = try JWKTests.object("ec-p384")
    badD["kid"] = "bad-d"
    badD["d"] = "not base64url!"
    var offCurve = try JWKTests.object("ec-p256")
    offCurve["kid"] = "off-curve"
    offCurve["d"] = nil
    offCurve["y"] = offCurve["x"]
    let elements: [JSONValue] = [
      .object(keys[0].jsonObject()),  // RSA, private
      .object(keys[2].publicKey.jsonObject()),  // EC, public
      .object(badD),  // EC with a private member the full import refuses
      "not a key",
      .object(offCurve),
      .object(["kty": "oct", "kid": "h", "k": Self.junk(32)]),
      .object(["kty": "XYZ", "kid": "x"]),
      .object(keys[5].jsonObject()),  // OKP, private
      .object(["kty": "RSA", "kid": "short", "n": Self.junk(128), "e": "AQAB"]),
    ]
    let document: JSONObject = ["keys": .array(elements)]
    let full = try JWKSet(importingPrivateKeysFrom: document)
    let verify = try JWKSet(publicKeysFrom: document)
    #expect(full.keys.compactMap(\.keyID) == ["rsa-rs256", "ec-p256", "h", "okp-ed25519"])
    #expect(verify.keys.compactMap(\.keyID) == ["rsa-rs256", "ec-p256", "bad-d", "h", "okp-ed25519"])
    #expect(verify.keys.filter(\.isPrivate).map(\.keyType) == [.oct])
    for key in full.keys {
      let imported = try #require(verify.keys(withID: key.keyID ?? "").first)
      #expect(imported.jsonObject() == key.publicKey.jsonObject())
    }
    // The same keys are skipped with the same reasons, except the one whose only fault was `d`.
    #expect(full.skipped.map(\.index) == [2, 3, 4, 6, 8])
    #expect(verify.skipped == full.skipped.filter { $0.index != 2 })
    #expect(verify.skipped.map(\.keyType) == [nil, "EC", "XYZ", "RSA"])
    #expect(verify.skipped.map(\.reason)[2] == "JWK: unsupported kty")
    // From JSON bytes and from a string, the same.
    let bytes = JSONValue.object(document).jsonBytes
    let fromBytes = try JWKSet(publicKeysFromJSONBytes: bytes)
    let fromString = try JWKSet(publicKeysFromJSONString: String(decoding: bytes, as: UTF8.self))
    for set in [fromBytes, fromString] {
      #expect(set.keys.map { $0.jsonObject() } == verify.keys.map { $0.jsonObject() })
      #expect(set.skipped == verify.skipped)
    }
  }

  @Test func keySetDocumentErrorsAreTheFullImportsOnes() throws {
    for text in [#"{}"#, #"{"keys":{}}"#, #"{"keys":"x"}"#, #"[]"#, #"{"keys":[]"#, #"{"keys":[],"keys":[]}"#, ""] {
      let bytes = Array(text.utf8)
      var full: JOSEError?
      var verify: JOSEError?
      do throws(JOSEError) { _ = try JWKSet(importingPrivateKeysFromJSONBytes: bytes) } catch { full = error }
      do throws(JOSEError) { _ = try JWKSet(publicKeysFromJSONBytes: bytes) } catch { verify = error }
      #expect(full != nil, "\(text)")
      #expect(verify == full, "\(text)")
      #expect(verify?.code == .invalidKey)
    }
    #expect(try JWKSet(publicKeysFromJSONBytes: Array(#"{"keys":[]}"#.utf8)).keys.isEmpty)
  }

  // MARK: - Helpers

  /// `object` without the RSA private members other than `name`.
  static func only(_ object: JSONObject, _ name: String) -> JSONObject {
    var copy = object
    for member in ["d", "p", "q", "dp", "dq", "qi"] where member != name { copy[member] = nil }
    return copy
  }

  /// A 2048-bit odd modulus with the ROCA structure: M^9·2^s + 1 for the product M of the
  /// fingerprint's primes, so that it is 1 (= 65537^0) modulo each of them.
  static func rocaModulus() -> [UInt8] {
    let primes: [UInt32] = [
      3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107,
      109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
    ]
    // Little-endian bytes.
    var value: [UInt8] = [1]
    func multiply(by factor: UInt32) {
      var carry: UInt64 = 0
      for i in value.indices {
        let product = UInt64(value[i]) * UInt64(factor) + carry
        value[i] = UInt8(truncatingIfNeeded: product)
        carry = product >> 8
      }
      while carry > 0 {
        value.append(UInt8(truncatingIfNeeded: carry))
        carry >>= 8
      }
    }
    for _ in 0..<9 { for p in primes { multiply(by: p) } }
    func bitCount() -> Int { (value.count - 1) * 8 + (8 - (value.last ?? 0).leadingZeroBitCount) }
    while bitCount() < 2048 { multiply(by: 2) }
    value[0] |= 1  // + 1: the low bit is 0 after the doublings
    return value.reversed()
  }
}
