import MonoCloudCrypto
import MonoCloudJOSE
import Testing

/// JWK and JWKS import, validation, serialisation, thumbprints and PEM import.
@Suite struct JWKTests {
  /// Imported once (RSA private-key import signs once to check the key, which is slow in debug builds).
  static let cachedKeys: [JWK] =
    (try? JWKSet(importingPrivateKeysFromJSONBytes: Array(JOSETestKeyMaterial.privateJWKS.utf8)).keys) ?? []

  static func testKeys() throws -> [JWK] { cachedKeys }

  static func object(_ kid: String) throws -> JSONObject {
    try #require(try testKeys().first { $0.keyID == kid }).jsonObject()
  }

  @Test func everyTestKeyImportsWithItsProperties() throws {
    let keys = try Self.testKeys()
    #expect(keys.count == 6)
    let expected: [(String, JWKKeyType, JWKCurve?, Int)] = [
      ("rsa-rs256", .rsa, nil, 2048), ("rsa-ps256", .rsa, nil, 2048), ("ec-p256", .ec, .p256, 256),
      ("ec-p384", .ec, .p384, 384), ("ec-p521", .ec, .p521, 521), ("okp-ed25519", .okp, .ed25519, 255),
    ]
    for (key, (kid, type, curve, bits)) in zip(keys, expected) {
      #expect(key.keyID == kid)
      #expect(key.keyType == type)
      #expect(key.curve == curve)
      #expect(key.keySizeInBits == bits)
      #expect(key.isPrivate)
      #expect(key.use == "sig")
      #expect(!key.publicKey.isPrivate)
      // Serialisation round trip, private and public.
      #expect(try JWK(importingPrivateKeyFrom: key.jsonObject()).jsonObject() == key.jsonObject())
      #expect(
        try JWK(importingPrivateKeyFromJSONString: key.publicKey.jsonString).jsonObject() == key.publicKey.jsonObject())
      #expect(!key.publicKey.jsonObject().contains("d"))
      // The thumbprint depends on the public members only.
      #expect(key.thumbprint() == key.publicKey.thumbprint())
      #expect(key.thumbprint().utf8.count == 43)
    }
  }

  @Test func everyTestKeySignsAndVerifiesItsAlgorithm() throws {
    let keys = try Self.testKeys()
    let validator = JWTValidator(
      keySet: JWKSet(keys: keys.map { $0.publicKey }),
      policy: TokenValidationPolicy(issuers: ["me"], requireExpiration: false))
    for key in keys {
      let algorithm = try #require(JWSAlgorithm(name: key.algorithm ?? ""))
      let token = try JWS.sign(claims: ["iss": "me", "n": 1], key: key, algorithm: algorithm)
      #expect(try validator.validate(token, now: 0).int64("n") == 1, "\(algorithm.name)")
      // A public key cannot sign.
      #expect(throws: JOSEError.self) { try JWS.sign(claims: [:], key: key.publicKey, algorithm: algorithm) }
      // Nor can a key sign for another algorithm.
      let other: JWSAlgorithm = algorithm == .rs256 ? .ps256 : .rs256
      #expect(throws: JOSEError.self) { try JWS.sign(claims: [:], key: key, algorithm: other) }
    }
  }

  @Test func requiredMembersMustBePresentWithTheRightType() throws {
    let rsa = try Self.object("rsa-rs256")
    let ec = try Self.object("ec-p256")
    let okp = try Self.object("okp-ed25519")
    func rejects(_ base: JSONObject, _ change: (inout JSONObject) -> Void) -> Bool {
      var object = base
      change(&object)
      return (try? JWK(importingPrivateKeyFrom: object)) == nil
    }
    for (base, names) in [(rsa, ["kty", "n", "e"]), (ec, ["kty", "crv", "x", "y"]), (okp, ["kty", "crv", "x"])] {
      for name in names {
        #expect(rejects(base) { $0[name] = nil }, "missing \(name)")
        #expect(rejects(base) { $0[name] = 1 }, "numeric \(name)")
        #expect(rejects(base) { $0[name] = .null }, "null \(name)")
      }
      for name in ["kid", "alg", "use"] {
        #expect(rejects(base) { $0[name] = 7 }, "numeric \(name)")
      }
      #expect(rejects(base) { $0["key_ops"] = "verify" })
      #expect(rejects(base) { $0["key_ops"] = [1] })
    }
    #expect(rejects(rsa) { $0["kty"] = "rsa" })
    #expect(rejects(ec) { $0["crv"] = "P-256K" })
    #expect(rejects(ec) { $0["crv"] = "secp256k1" })
    #expect(rejects(okp) { $0["crv"] = "X25519" })
    #expect(rejects(okp) { $0["crv"] = "Ed448" })
    #expect(rejects(["kty": "oct"]) { _ in })
    #expect(rejects(["kty": "oct", "k": ""]) { _ in })
    #expect(rejects(["kty": "oct", "k": 5]) { _ in })
  }

  @Test func base64urlMembersAreStrict() throws {
    let ec = try Self.object("ec-p256")
    let x = try #require(ec.string("x"))
    for bad in [x + "=", x.replacingFirst("-", "+"), " " + x, x + "\n", String(x.dropLast()) + "!"] where bad != x {
      var object = ec
      object["x"] = .string(bad)
      #expect(throws: JOSEError.self) { try JWK(importingPrivateKeyFrom: object) }
    }
    // Non-zero trailing bits (the Wycheproof duplicate-kid key has them).
    #expect(throws: JOSEError.self) {
      try JWK(importingPrivateKeyFrom: ["kty": "oct", "k": "-xxuDNsVZ2iJtos-akfXTSCt4UO2cruLCsbWlBingge"])
    }
  }

  @Test func ecPointsMustBeOnTheCurveAndSized() throws {
    let ec = try Self.object("ec-p256")
    var offCurve = ec
    var y = try Base64URL.decode(try #require(ec.string("y")))
    y[31] ^= 1
    offCurve["y"] = .string(Base64URL.encode(y))
    offCurve["d"] = nil
    #expect(throws: JOSEError.self) { try JWK(importingPrivateKeyFrom: offCurve) }
    // Coordinates of the wrong length (leading zero added or removed).
    var long = ec
    long["x"] = .string(Base64URL.encode([0] + (try Base64URL.decode(try #require(ec.string("x"))))))
    #expect(throws: JOSEError.self) { try JWK(importingPrivateKeyFrom: long) }
    // A private scalar that does not belong to (x, y).
    var mismatched = ec
    mismatched["d"] = .string(Base64URL.encode(Array(repeating: 7, count: 32)))
    #expect(throws: JOSEError.self) { try JWK(importingPrivateKeyFrom: mismatched) }
  }

  @Test func rsaExponentAndPrivateMembersAreChecked() throws {
    let rsa = try Self.object("rsa-rs256")
    for exponent in ["AQ", "Ag", "AA", "", "AQAA", "AQEBAQEBAQEBAQ"] {
      var object = rsa
      object["e"] = .string(exponent)
      #expect(throws: JOSEError.self, "e \(exponent)") { try JWK(importingPrivateKeyFrom: object) }
    }
    // A private key needs all of d p q dp dq qi; private members without d are refused.
    for name in ["p", "q", "dp", "dq", "qi"] {
      var object = rsa
      object[name] = nil
      #expect(throws: JOSEError.self, "missing \(name)") { try JWK(importingPrivateKeyFrom: object) }
    }
    var noD = rsa
    noD["d"] = nil
    #expect(throws: JOSEError.self) { try JWK(importingPrivateKeyFrom: noD) }
    var multiPrime = rsa
    multiPrime["oth"] = [["r": "AQAB", "d": "AQAB", "t": "AQAB"]]
    #expect(throws: JOSEError.self) { try JWK(importingPrivateKeyFrom: multiPrime) }
    // A wrong CRT coefficient.
    var badQi = rsa
    badQi["qi"] = badQi["dq"]
    #expect(throws: JOSEError.self) { try JWK(importingPrivateKeyFrom: badQi) }
  }

  @Test func okpPrivateKeyMustMatch() throws {
    var okp = try Self.object("okp-ed25519")
    okp["d"] = .string(Base64URL.encode(Array(repeating: 1, count: 32)))
    #expect(throws: JOSEError.self) { try JWK(importingPrivateKeyFrom: okp) }
    okp["d"] = .string(Base64URL.encode(Array(repeating: 1, count: 31)))
    #expect(throws: JOSEError.self) { try JWK(importingPrivateKeyFrom: okp) }
  }

  @Test func keySetSkipsUnusableKeysWithAReason() throws {
    let good = try Self.object("ec-p256")
    var bad = good
    bad["crv"] = "P-192"
    let text = JSONValue.object([
      "keys": [.object(good), .object(bad), "not a key", .object(["kty": "EC", "kid": "x"])]
    ])
    let set = try JWKSet(importingPrivateKeysFromJSONBytes: text.jsonBytes)
    #expect(set.keys.count == 1)
    #expect(set.skipped.map(\.index) == [1, 2, 3])
    #expect(set.skipped[0].keyID == "ec-p256")
    #expect(set.skipped[0].keyType == "EC")
    #expect(set.skipped[2].keyID == "x")
    #expect(set.skipped.allSatisfy { !$0.reason.isEmpty })
    #expect(set.containsKey(withID: "ec-p256"))
    #expect(!set.containsKey(withID: "x"))
    // The public serialisation drops private members and oct keys.
    let withSecret = JWKSet(keys: set.keys + [JWKTestKeys.hmacKey(kid: "s", bytes: 32)])
    let published = withSecret.jsonObject()
    #expect(published.array("keys")?.count == 1)
    #expect(published.array("keys")?.first?.objectValue?.contains("d") == false)
    #expect(withSecret.jsonObject(includingPrivate: true).array("keys")?.count == 2)
  }

  @Test func keySetDocumentErrors() throws {
    for text in [#"{}"#, #"{"keys":{}}"#, #"{"keys":"x"}"#, #"[]"#, #"{"keys":[]"#, #"{"keys":[],"keys":[]}"#, ""] {
      let error = #expect(throws: JOSEError.self, "\(text)") {
        try JWKSet(importingPrivateKeysFromJSONBytes: Array(text.utf8))
      }
      #expect(error?.code == .invalidKey)
    }
    #expect(try JWKSet(importingPrivateKeysFromJSONBytes: Array(#"{"keys":[]}"#.utf8)).keys.isEmpty)
  }

  @Test func pemImportGivesTheSameKeys() throws {
    let keys = try Self.testKeys()
    for key in keys {
      let kid = try #require(key.keyID)
      let privatePEM = try #require(JOSETestKeyMaterial.pem[kid + "-pkcs8"])
      let publicPEM = try #require(JOSETestKeyMaterial.pem[kid + "-spki"])
      let fromPrivate = try JWK(importingPrivateKeyFromPEM: privatePEM, keyID: kid)
      #expect(fromPrivate.isPrivate)
      #expect(fromPrivate.keyID == kid)
      #expect(fromPrivate.thumbprint() == key.thumbprint())
      let fromPublic = try JWK(importingPrivateKeyFromPEM: publicPEM)
      #expect(!fromPublic.isPrivate)
      #expect(fromPublic.thumbprint() == key.thumbprint())
      for suffix in ["-pkcs1", "-pkcs1-public", "-sec1"] {
        guard let pem = JOSETestKeyMaterial.pem[kid + suffix] else { continue }
        #expect(try JWK(importingPrivateKeyFromPEM: pem).thumbprint() == key.thumbprint(), "\(kid)\(suffix)")
      }
      // The private PEM signs tokens the JWKS key verifies.
      let algorithm = try #require(JWSAlgorithm(name: key.algorithm ?? ""))
      let token = try JWS.sign(payload: Array("x".utf8), key: fromPrivate, algorithm: algorithm)
      #expect(try JWSVerifier(keySet: JWKSet(keys: [key.publicKey])).verify(token).payload == Array("x".utf8))
    }
    #expect(throws: JOSEError.self) {
      try JWK(importingPrivateKeyFromPEM: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    }
    #expect(throws: JOSEError.self) { try JWK(importingPrivateKeyFromPEM: "not pem") }
  }

  @Test func thumbprintsUseOnlyTheRequiredMembersSorted() throws {
    let ec = try #require(try Self.testKeys().first { $0.keyType == .ec })
    let members = try JSONReader.parseObject(ec.thumbprintInput())
    #expect(members.keys == ["crv", "kty", "x", "y"])
    let okp = try #require(try Self.testKeys().first { $0.keyType == .okp })
    #expect(try JSONReader.parseObject(okp.thumbprintInput()).keys == ["crv", "kty", "x"])
    let rsa = try #require(try Self.testKeys().first { $0.keyType == .rsa })
    #expect(try JSONReader.parseObject(rsa.thumbprintInput()).keys == ["e", "kty", "n"])
    #expect(rsa.thumbprint(hash: .sha512).utf8.count == 86)
  }
}

extension String {
  fileprivate func replacingFirst(_ target: Character, _ replacement: Character) -> String {
    guard let index = firstIndex(of: target) else { return self }
    var copy = self
    copy.replaceSubrange(index...index, with: String(replacement))
    return copy
  }
}
