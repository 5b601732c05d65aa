import Foundation
import MonoCloudCrypto
import MonoCloudJOSE
import Testing

/// One named test per known attack on JWT validation.
@Suite struct JOSEAttackTests {
  static let now: Int64 = 1_700_000_000
  static let claims: JSONObject = ["iss": "issuer", "sub": "user", "exp": .number(JSONNumber(now + 600))]
  static let claimsText = #"{"iss":"issuer","sub":"user","exp":1700000600}"#
  static let options = ClaimsValidationOptions(issuer: "issuer")
  static let secretBytes: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 7) }
  static let secret = try! JWK(importingPrivateKeyFrom: [
    "kty": "oct", "kid": "hs", "k": .string(Base64URL.encode(secretBytes)),
  ])

  static func privateKeys() throws -> [JWK] { JWKTests.cachedKeys }

  static func privateKey(_ kid: String) throws -> JWK {
    try #require(try privateKeys().first { $0.keyID == kid })
  }

  static func hmacValidator(_ keys: [JWK] = [secret], algorithms: [JWSAlgorithm] = [.hs256]) -> JWTValidator {
    JWTValidator(keySet: JWKSet(keys: keys), algorithms: algorithms, claims: options)
  }

  static func b64(_ text: String) -> String { Base64URL.encode(Array(text.utf8)) }

  /// `BASE64URL(header).BASE64URL(payload).BASE64URL(signature)` from raw texts.
  static func compact(_ header: String, _ payload: String, _ signature: [UInt8]) -> String {
    b64(header) + "." + b64(payload) + "." + Base64URL.encode(signature)
  }

  /// A token with exactly this header and payload text, signed with `key` under `algorithm`.
  static func signed(
    _ header: String, _ payload: String = claimsText, key: JWK = secret, algorithm: JWSAlgorithm = .hs256
  )
    throws -> String
  {
    let input = b64(header) + "." + b64(payload)
    let signature = try JWS.signature(for: Array(input.utf8), key: key, algorithm: algorithm, random: .system)
    return input + "." + Base64URL.encode(signature)
  }

  static func rejection(_ validator: JWTValidator, _ token: String) -> JOSEError? {
    #expect(throws: JOSEError.self) { try validator.validate(token, now: now) }
  }

  @Test func baselineHMACTokenIsAccepted() throws {
    let token = try Self.signed(#"{"alg":"HS256","kid":"hs"}"#)
    #expect(try Self.hmacValidator().validate(token, now: Self.now) == Self.claims)
  }

  // MARK: - alg

  @Test func algNoneInAnySpellingIsRejected() throws {
    let validator = Self.hmacValidator(algorithms: JWSAlgorithm.allCases)
    for spelling in ["none", "None", "NONE", "nOnE", "none ", ""] {
      for signature in [[], Self.secretBytes] as [[UInt8]] {
        let token = Self.compact(#"{"alg":"\#(spelling)","kid":"hs"}"#, Self.claimsText, signature)
        let error = Self.rejection(validator, token)
        #expect(error?.reason == .algorithmNotAllowed, "\(spelling)")
      }
    }
    #expect(JWSAlgorithm(name: "none") == nil)
    #expect(JWSAlgorithm(name: "hs256") == nil)
    // A token with no alg at all, or alg of the wrong JSON type.
    for header in [#"{"kid":"hs"}"#, #"{"alg":null}"#, #"{"alg":["HS256"]}"#, #"{"alg":256}"#] {
      #expect(Self.rejection(validator, try Self.signed(header))?.reason == .algorithmNotAllowed)
    }
  }

  @Test func hmacIsOffUnlessListed() throws {
    let token = try Self.signed(#"{"alg":"HS256","kid":"hs"}"#)
    let validator = JWTValidator(keySet: JWKSet(keys: [Self.secret]), claims: Self.options)
    #expect(Self.rejection(validator, token)?.reason == .algorithmNotAllowed)
    #expect(!validator.verifier.algorithms.contains(.hs256))
  }

  /// The classic key confusion: the attacker MACs the token with the issuer's *public* RSA key
  /// (as PEM text, as JWK JSON, as raw modulus bytes) and sets alg HS256.
  @Test func hs256ConfusionWithTheRSAPublicKeyIsRejected() throws {
    let rsa = try Self.privateKey("rsa-rs256").publicKey
    let pem = try #require(JOSETestKeyMaterial.pem["rsa-rs256-spki"])
    let modulus = try Base64URL.decode(try #require(rsa.jsonObject().string("n")))
    let candidates: [[UInt8]] = [Array(pem.utf8), Array((pem + "\n").utf8), rsa.jsonObject().jsonBytes, modulus]
    // Even with HS256 explicitly allowed: the set has no oct key, so HMAC stays off.
    let validator = JWTValidator(
      keySet: JWKSet(keys: [rsa]), algorithms: JWSAlgorithm.defaultAllowList + [.hs256], claims: Self.options)
    #expect(!validator.verifier.algorithms.contains(.hs256))
    for keyBytes in candidates {
      let attackerKey = try JWK(importingPrivateKeyFrom: ["kty": "oct", "k": .string(Base64URL.encode(keyBytes))])
      for header in [#"{"alg":"HS256","kid":"rsa-rs256"}"#, #"{"alg":"HS256"}"#] {
        let token = try Self.signed(header, key: attackerKey)
        #expect(Self.rejection(validator, token)?.reason == .algorithmNotAllowed)
      }
    }
  }

  // MARK: - Keys from the token

  /// `jwk`, `jku`, `x5u`, `x5c` in the header never supply a key: a token signed with the
  /// attacker's key and carrying it is rejected, and our own token carrying junk in them is fine.
  @Test func embeddedKeyHeadersAreIgnored() throws {
    let attackerSecret: [UInt8] = Array(repeating: 0x41, count: 32)
    let attackerKey = try JWK(importingPrivateKeyFrom: [
      "kty": "oct", "kid": "hs", "k": .string(Base64URL.encode(attackerSecret)),
    ])
    let embedded = #""jwk":{"kty":"oct","kid":"hs","k":"\#(Base64URL.encode(attackerSecret))"}"#
    let headers = [
      #"{"alg":"HS256","kid":"hs",\#(embedded)}"#,
      #"{"alg":"HS256","kid":"hs","jku":"https://attacker.example/jwks.json"}"#,
      #"{"alg":"HS256","kid":"hs","x5u":"https://attacker.example/cert.pem"}"#,
      #"{"alg":"HS256","kid":"hs","x5c":["MIIBszCCAVmgAwIBAgIUY"]}"#,
    ]
    for header in headers {
      #expect(
        Self.rejection(Self.hmacValidator(), try Self.signed(header, key: attackerKey))?.reason == .invalidSignature)
      #expect(try Self.hmacValidator().validate(try Self.signed(header), now: Self.now) == Self.claims)
    }
  }

  @Test func embeddedJWKWithTheAttackersECKeyIsIgnored() throws {
    let ours = try Self.privateKey("ec-p256").publicKey
    var attackerObject = try Self.privateKey("ec-p256").jsonObject()
    // A different P-256 key: the P-384 test key cannot be used, so make one from ours by swapping in
    // the RFC 7515 A.3 key.
    attackerObject["x"] = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"
    attackerObject["y"] = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"
    attackerObject["d"] = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"
    let attacker = try JWK(importingPrivateKeyFrom: attackerObject)
    let header = #"{"alg":"ES256","kid":"ec-p256","jwk":\#(attacker.publicKey.jsonString)}"#
    let token = try Self.signed(header, key: attacker, algorithm: .es256)
    let validator = JWTValidator(keySet: JWKSet(keys: [ours]), claims: Self.options)
    #expect(Self.rejection(validator, token)?.reason == .invalidSignature)
  }

  // MARK: - Key selection

  @Test func unknownKeyIDAsksForARefresh() throws {
    let token = try Self.signed(#"{"alg":"HS256","kid":"rotated-away"}"#)
    let error = Self.rejection(Self.hmacValidator(), token)
    #expect(error?.reason == .unknownKeyID)
    #expect(error?.code == .invalidToken)
  }

  @Test func keyIDOfAnotherKeyTypeIsRejected() throws {
    // The oct key's kid on an RS256 token: the kid is known but its key cannot verify RS256.
    let validator = Self.hmacValidator(algorithms: JWSAlgorithm.defaultAllowList + [.hs256])
    let token = Self.compact(#"{"alg":"RS256","kid":"hs"}"#, Self.claimsText, Array(repeating: 1, count: 256))
    #expect(Self.rejection(validator, token)?.reason == .noMatchingKey)
  }

  @Test func keyIDOfAnRSAKeyOnAnECDSATokenIsRejected() throws {
    let keys = try Self.privateKeys().map { $0.publicKey }
    let validator = JWTValidator(keySet: JWKSet(keys: keys), claims: Self.options)
    let token = try Self.signed(
      #"{"alg":"ES256","kid":"rsa-rs256"}"#, key: try Self.privateKey("ec-p256"), algorithm: .es256)
    #expect(Self.rejection(validator, token)?.reason == .noMatchingKey)
  }

  @Test func keyAlgUseAndKeyOpsMustAllowTheToken() throws {
    let token = try Self.signed(#"{"alg":"HS256","kid":"hs"}"#)
    var base = Self.secret.jsonObject()
    func validator(_ change: (inout JSONObject) -> Void) throws -> JWTValidator {
      var object = base
      change(&object)
      return Self.hmacValidator([try JWK(importingPrivateKeyFrom: object)], algorithms: [.hs256, .hs384])
    }
    #expect(Self.rejection(try validator { $0["alg"] = "HS384" }, token)?.reason == .noMatchingKey)
    #expect(Self.rejection(try validator { $0["alg"] = "RS256" }, token)?.reason == .noMatchingKey)
    #expect(Self.rejection(try validator { $0["use"] = "enc" }, token)?.reason == .noMatchingKey)
    #expect(Self.rejection(try validator { $0["key_ops"] = ["sign"] }, token)?.reason == .noMatchingKey)
    #expect(Self.rejection(try validator { $0["key_ops"] = [] }, token)?.reason == .noMatchingKey)
    // The same members set to allow it.
    #expect(throws: Never.self) { try validator { $0["alg"] = "HS256" }.validate(token, now: Self.now) }
    #expect(throws: Never.self) { try validator { $0["use"] = "sig" }.validate(token, now: Self.now) }
    #expect(throws: Never.self) { try validator { $0["key_ops"] = ["sign", "verify"] }.validate(token, now: Self.now) }
    base["key_ops"] = ["verify", "verify"]
    #expect(throws: JOSEError.self) { try JWK(importingPrivateKeyFrom: base) }
  }

  @Test func ambiguousKeysAreRejected() throws {
    let twin = try JWK(importingPrivateKeyFrom: [
      "kty": "oct", "kid": "hs2", "k": .string(Base64URL.encode(Self.secretBytes)),
    ])
    // No kid and two candidates.
    let token = try Self.signed(#"{"alg":"HS256"}"#)
    #expect(Self.rejection(Self.hmacValidator([Self.secret, twin]), token)?.reason == .ambiguousKey)
    // One candidate without kid is fine.
    #expect(throws: Never.self) { try Self.hmacValidator().validate(token, now: Self.now) }
    // Two keys with the same kid.
    let sameKid = try JWK(importingPrivateKeyFrom: [
      "kty": "oct", "kid": "hs", "k": .string(Base64URL.encode(Array(Self.secretBytes.reversed()))),
    ])
    let kidToken = try Self.signed(#"{"alg":"HS256","kid":"hs"}"#)
    #expect(Self.rejection(Self.hmacValidator([Self.secret, sameKid]), kidToken)?.reason == .ambiguousKey)
  }

  @Test func shortHMACKeysAreRejected() throws {
    let short = try JWK(importingPrivateKeyFrom: [
      "kty": "oct", "kid": "hs", "k": .string(Base64URL.encode(Array(Self.secretBytes[0..<31]))),
    ])
    let token = try Self.signed(#"{"alg":"HS256","kid":"hs"}"#, key: short)
    #expect(Self.rejection(Self.hmacValidator([short]), token)?.reason == .noMatchingKey)
    #expect(throws: JOSEError.self) { try JWS.sign(claims: Self.claims, key: short, algorithm: .hs256) }
  }

  @Test func curveMismatchIsRejected() throws {
    var p384 = try Self.privateKey("ec-p384").publicKey.jsonObject()
    p384["alg"] = nil
    p384["kid"] = "ec"
    let key = try JWK(importingPrivateKeyFrom: p384)
    let validator = JWTValidator(keySet: JWKSet(keys: [key]), claims: Self.options)
    // An ES256 token naming the P-384 key.
    let token = Self.compact(#"{"alg":"ES256","kid":"ec"}"#, Self.claimsText, Array(repeating: 1, count: 64))
    #expect(Self.rejection(validator, token)?.reason == .noMatchingKey)
    // A P-384 key that claims P-256.
    var lying = p384
    lying["crv"] = "P-256"
    #expect(throws: JOSEError.self) { try JWK(importingPrivateKeyFrom: lying) }
  }

  @Test func rsaUnder2048BitsIsRefused() throws {
    let error = #expect(throws: JOSEError.self) {
      try JWK(importingPrivateKeyFromJSONBytes: Array(JOSETestKeyMaterial.rsa1024JWK.utf8))
    }
    #expect(error?.code == .invalidKey)
    #expect(error?.message.contains("2048") == true)
    let set = try JWKSet(
      importingPrivateKeysFromJSONBytes: Array(#"{"keys":[\#(JOSETestKeyMaterial.rsa1024JWK)]}"#.utf8))
    #expect(set.keys.isEmpty)
    #expect(set.skipped.count == 1)
    #expect(set.skipped.first?.keyID == "rsa-1024")
    // A token naming it is not told to refresh: the key is known, just refused.
    let validator = JWTValidator(keySet: set, claims: Self.options)
    let token = Self.compact(#"{"alg":"RS256","kid":"rsa-1024"}"#, Self.claimsText, Array(repeating: 1, count: 128))
    #expect(Self.rejection(validator, token)?.reason == .noMatchingKey)
  }

  // MARK: - Signatures

  @Test func ecdsaZeroAndDERSignaturesAreRejected() throws {
    let key = try Self.privateKey("ec-p256")
    let validator = JWTValidator(keySet: JWKSet(keys: [key.publicKey]), claims: Self.options)
    let header = #"{"alg":"ES256","kid":"ec-p256"}"#
    // r = s = 0, and r = s = n - 1 style junk.
    for signature in [[UInt8](repeating: 0, count: 64), [UInt8](repeating: 0xFF, count: 64)] {
      #expect(Self.rejection(validator, Self.compact(header, Self.claimsText, signature))?.reason == .invalidSignature)
    }
    // The valid raw signature re-encoded as DER: refused by its length before any crypto.
    let token = try Self.signed(header, key: key, algorithm: .es256)
    #expect(throws: Never.self) { try validator.validate(token, now: Self.now) }
    let raw = try Base64URL.decode(String(token.split(separator: ".")[2]))
    let der = Self.derSignature(r: Array(raw[0..<32]), s: Array(raw[32..<64]))
    let derToken = String(token[..<token.lastIndex(of: ".")!]) + "." + Base64URL.encode(der)
    let error = Self.rejection(validator, derToken)
    #expect(error?.reason == .invalidSignature)
    #expect(error?.message.contains("length") == true)
  }

  static func derSignature(r: [UInt8], s: [UInt8]) -> [UInt8] {
    func integer(_ bytes: [UInt8]) -> [UInt8] {
      var value = Array(bytes.drop { $0 == 0 })
      if value.isEmpty || value[0] & 0x80 != 0 { value.insert(0, at: 0) }
      return [0x02, UInt8(value.count)] + value
    }
    let body = integer(r) + integer(s)
    return [0x30, UInt8(body.count)] + body
  }

  @Test func truncatedAndExtendedSignaturesAreRejected() throws {
    let token = try Self.signed(#"{"alg":"HS256","kid":"hs"}"#)
    let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let tag = try Base64URL.decode(parts[2])
    for variant in [Array(tag[0..<16]), Array(tag[0..<31]), tag + [0], [], tag + tag] {
      let forged = parts[0] + "." + parts[1] + "." + Base64URL.encode(variant)
      #expect(Self.rejection(Self.hmacValidator(), forged)?.reason == .invalidSignature)
    }
  }

  @Test func truncatedRSASignatureIsRejected() throws {
    let key = try Self.privateKey("rsa-rs256")
    let validator = JWTValidator(keySet: JWKSet(keys: [key.publicKey]), claims: Self.options)
    let token = try Self.signed(#"{"alg":"RS256","kid":"rsa-rs256"}"#, key: key, algorithm: .rs256)
    #expect(throws: Never.self) { try validator.validate(token, now: Self.now) }
    let parts = token.split(separator: ".").map(String.init)
    let signature = try Base64URL.decode(parts[2])
    for variant in [Array(signature.dropLast()), Array(signature.dropFirst()), [0] + signature] {
      let forged = parts[0] + "." + parts[1] + "." + Base64URL.encode(variant)
      #expect(Self.rejection(validator, forged)?.reason == .invalidSignature)
    }
  }

  @Test func pkcs1SignatureUnderPS256IsRejected() throws {
    var object = try Self.privateKey("rsa-rs256").jsonObject()
    object["alg"] = nil
    let key = try JWK(importingPrivateKeyFrom: object)
    let validator = JWTValidator(keySet: JWKSet(keys: [key.publicKey]), claims: Self.options)
    let input = Self.b64(#"{"alg":"PS256","kid":"rsa-rs256"}"#) + "." + Self.b64(Self.claimsText)
    let pkcs1 = try JWS.signature(for: Array(input.utf8), key: key, algorithm: .rs256, random: .system)
    #expect(Self.rejection(validator, input + "." + Base64URL.encode(pkcs1))?.reason == .invalidSignature)
    // And the other way round: a PSS signature under RS256.
    let rsInput = Self.b64(#"{"alg":"RS256","kid":"rsa-rs256"}"#) + "." + Self.b64(Self.claimsText)
    let pss = try JWS.signature(for: Array(rsInput.utf8), key: key, algorithm: .ps256, random: .system)
    #expect(Self.rejection(validator, rsInput + "." + Base64URL.encode(pss))?.reason == .invalidSignature)
    // Sanity: each verifies under its own name.
    let goodPSS = try JWS.signature(for: Array(input.utf8), key: key, algorithm: .ps256, random: .system)
    #expect(throws: Never.self) { try validator.validate(input + "." + Base64URL.encode(goodPSS), now: Self.now) }
  }

  @Test func sha1DigestInfoUnderRS256IsRejected() throws {
    let key = try Self.privateKey("rsa-rs256")
    let validator = JWTValidator(keySet: JWKSet(keys: [key.publicKey]), claims: Self.options)
    let input = Self.b64(#"{"alg":"RS256","kid":"rsa-rs256"}"#) + "." + Self.b64(Self.claimsText)
    for hash in [HashAlgorithm.sha1, .sha224, .sha384, .sha512] {
      let signature = try JWS.pkcs1v15Signature(for: Array(input.utf8), key: key, hash: hash)
      #expect(Self.rejection(validator, input + "." + Base64URL.encode(signature))?.reason == .invalidSignature)
    }
    let good = try JWS.pkcs1v15Signature(for: Array(input.utf8), key: key, hash: .sha256)
    #expect(throws: Never.self) { try validator.validate(input + "." + Base64URL.encode(good), now: Self.now) }
  }

  // MARK: - Encoding

  @Test func duplicateNamesInHeaderOrPayloadAreRejected() throws {
    let validator = Self.hmacValidator()
    #expect(Self.rejection(validator, try Self.signed(#"{"alg":"HS256","kid":"hs","alg":"none"}"#)) != nil)
    #expect(Self.rejection(validator, try Self.signed(#"{"alg":"HS256","kid":"hs","kid":"other"}"#)) != nil)
    let payload = #"{"iss":"issuer","sub":"user","sub":"admin","exp":1700000600}"#
    #expect(Self.rejection(validator, try Self.signed(#"{"alg":"HS256","kid":"hs"}"#, payload)) != nil)
    // Escaped spellings of the same name are the same name.
    #expect(Self.rejection(validator, try Self.signed(#"{"alg":"HS256","kid":"hs","\u0061lg":"HS256"}"#)) != nil)
  }

  @Test func paddedOrStandardAlphabetBase64IsRejected() throws {
    let token = try Self.signed(#"{"alg":"HS256","kid":"hs"}"#)
    let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let validator = Self.hmacValidator()
    func standard(_ segment: String) -> String {
      String(segment.map { $0 == "-" ? "+" : ($0 == "_" ? "/" : $0) })
    }
    func padded(_ segment: String) -> String { segment + String(repeating: "=", count: (4 - segment.count % 4) % 4) }
    let variants = [
      padded(parts[0]) + "." + parts[1] + "." + parts[2],
      parts[0] + "." + padded(parts[1]) + "." + parts[2],
      parts[0] + "." + parts[1] + "." + parts[2] + "=",
      parts[0] + "." + parts[1] + "." + standard(parts[2]),
      standard(parts[0]) + "." + parts[1] + "." + parts[2],
    ]
    var changed = 0
    for variant in variants where variant != token {
      changed += 1
      #expect(Self.rejection(validator, variant) != nil, "\(variant)")
    }
    #expect(changed >= 3)
    // A tag that needs '-' or '_' exists among a few keys: check the standard alphabet on one.
    var found = false
    for index in 0..<64 {
      let candidate = try Self.signed(#"{"alg":"HS256","kid":"hs","n":\#(index)}"#)
      let tag = String(candidate.split(separator: ".")[2])
      guard tag.contains("-") || tag.contains("_") else { continue }
      found = true
      let forged = String(candidate[..<candidate.lastIndex(of: ".")!]) + "." + standard(tag)
      #expect(Self.rejection(validator, forged)?.reason == .invalidSignature)
      break
    }
    #expect(found)
  }

  @Test func whitespaceIsRejected() throws {
    let token = try Self.signed(#"{"alg":"HS256","kid":"hs"}"#)
    let validator = Self.hmacValidator()
    let dot = token.firstIndex(of: ".")!
    for variant in [
      " " + token, token + " ", token + "\n", "\t" + token, token[..<dot] + " " + token[dot...],
      token[..<dot] + "\r\n" + token[dot...], "Bearer " + token,
    ] {
      #expect(Self.rejection(validator, variant) != nil)
    }
  }

  @Test func wrongSegmentCountIsRejected() throws {
    let token = try Self.signed(#"{"alg":"HS256","kid":"hs"}"#)
    let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let validator = Self.hmacValidator()
    for variant in [
      parts[0], parts[0] + "." + parts[1], token + ".", token + "." + parts[2], token + ".x.y", "", ".", "..", "...",
      "." + parts[1] + "." + parts[2],
    ] {
      #expect(Self.rejection(validator, variant) != nil, "\(variant)")
    }
  }

  @Test func headerOrPayloadThatIsNotAnObjectIsRejected() throws {
    let validator = Self.hmacValidator()
    for header in [#"["HS256"]"#, #""HS256""#, "1", "null", "true", "", #"{"alg":"HS256","kid":"hs"} x"#] {
      #expect(Self.rejection(validator, try Self.signed(header)) != nil, "\(header)")
    }
    for payload in [#"["a"]"#, #""claims""#, "42", "null", "", "foo", #"{"iss":"issuer"}{}"#] {
      let token = try Self.signed(#"{"alg":"HS256","kid":"hs"}"#, payload)
      #expect(Self.rejection(validator, token) != nil, "\(payload)")
      // At the JWS level any payload bytes are fine (RFC 7515); only the JWT layer needs an object.
      #expect(throws: Never.self) {
        try JWSVerifier(keySet: JWKSet(keys: [Self.secret]), algorithms: [.hs256]).verify(token)
      }
    }
  }

  @Test func invalidUTF8IsRejected() throws {
    let validator = Self.hmacValidator()
    let header = Array(#"{"alg":"HS256","kid":"hs"}"#.utf8)
    for bad in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] as [[UInt8]] {
      let payload = Array(#"{"iss":"issuer","sub":""#.utf8) + bad + Array(#""}"#.utf8)
      let input = Base64URL.encode(header) + "." + Base64URL.encode(payload)
      let signature = try JWS.signature(for: Array(input.utf8), key: Self.secret, algorithm: .hs256, random: .system)
      #expect(Self.rejection(validator, input + "." + Base64URL.encode(signature)) != nil)
      let badHeader = Array(#"{"alg":"HS256","kid":""#.utf8) + bad + Array(#""}"#.utf8)
      let input2 = Base64URL.encode(badHeader) + "." + Base64URL.encode(Array(Self.claimsText.utf8))
      let signature2 = try JWS.signature(for: Array(input2.utf8), key: Self.secret, algorithm: .hs256, random: .system)
      #expect(Self.rejection(validator, input2 + "." + Base64URL.encode(signature2)) != nil)
    }
  }

  @Test func timesAsStringsAreRejected() throws {
    let validator = Self.hmacValidator()
    for payload in [
      #"{"iss":"issuer","exp":"1700000600"}"#, #"{"iss":"issuer","nbf":"0"}"#, #"{"iss":"issuer","exp":true}"#,
      #"{"iss":"issuer","exp":null}"#, #"{"iss":"issuer","exp":[1700000600]}"#,
    ] {
      #expect(
        Self.rejection(validator, try Self.signed(#"{"alg":"HS256","kid":"hs"}"#, payload))?.code == .invalidToken)
    }
  }

  @Test func hugeNumbersDoNotTrapOrWrap() throws {
    let validator = Self.hmacValidator()
    let header = #"{"alg":"HS256","kid":"hs"}"#
    // Out of Double range: refused rather than rounded to infinity.
    for payload in [
      #"{"iss":"issuer","exp":1e400}"#, #"{"iss":"issuer","exp":-1e400}"#, #"{"iss":"issuer","nbf":1e400}"#,
      #"{"iss":"issuer","exp":-9223372036854775809}"#, #"{"iss":"issuer","nbf":9223372036854775808}"#,
      #"{"iss":"issuer","exp":\#(String(repeating: "9", count: 400))}"#,
    ] {
      #expect(Self.rejection(validator, try Self.signed(header, payload))?.code == .invalidToken, "\(payload)")
    }
    // Beyond Int64 but finite and in the future: a far-future exp is still a valid exp.
    let farFuture = #"{"iss":"issuer","exp":99999999999999999999,"nbf":-9223372036854775809}"#
    #expect(throws: Never.self) { try validator.validate(try Self.signed(header, farFuture), now: Self.now) }
  }

  @Test func hugeTokensAndDeepNestingAreRejected() throws {
    let validator = Self.hmacValidator()
    // 2 MB token: refused by its size before any parsing.
    let big = Self.b64(#"{"alg":"HS256","kid":"hs"}"#) + "." + String(repeating: "A", count: 2_000_000) + ".AAAA"
    #expect(Self.rejection(validator, big)?.message.contains("longer than") == true)
    // 100,000-deep nesting in the header and in the payload, signed; once with the default size
    // limit (refused by size) and once with a limit that lets it through to the JSON reader's
    // depth limit (the payload case also MACs the 270 kB signing input first).
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    let roomy = JWTValidator(
      keySet: JWKSet(keys: [Self.secret]), algorithms: [.hs256], claims: Self.options, maximumTokenByteCount: 1 << 22)
    let tokens = [
      try Self.signed(#"{"alg":"HS256","kid":"hs"}"#, #"{"a":\#(deep)}"#),
      try Self.signed(#"{"alg":"HS256","x":\#(deep)}"#, Self.claimsText),
    ]
    for token in tokens {
      #expect(Self.rejection(roomy, token)?.code == .invalidToken)
      #expect(Self.rejection(validator, token)?.message.contains("longer than") == true)
    }
  }
}
