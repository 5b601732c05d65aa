import MonoCloudCrypto
import Testing

@Suite struct KeyInfoTests {
  /// Every `publicKeyDer` group of a Wycheproof file parses, and matches the group's key fields
  /// and its `publicKeyPem`.
  @Test(
    "Wycheproof SubjectPublicKeyInfo (publicKeyDer and publicKeyPem)",
    arguments: [
      ("rsa_signature_2048_sha256_test.json", 3), ("rsa_signature_4096_sha512_test.json", 1),
      ("rsa_pss_2048_sha256_mgf1_32_test.json", 1),
      ("ecdsa_secp256r1_sha256_p1363_test.json", 112), ("ecdsa_secp384r1_sha384_p1363_test.json", 104),
      ("ecdsa_secp521r1_sha512_p1363_test.json", 107), ("ecdsa_secp256r1_sha256_test.json", 113),
      ("ed25519_test.json", 78),
    ])
  func wycheproofPublicKeys(fileName: String, expectedGroups: Int) throws {
    let file = try HashTestData.json("wycheproof/" + fileName)
    var count = 0
    for group in try #require(file["testGroups"] as? [[String: Any]]) {
      let der = try HashTestData.bytes(hex: try #require(group["publicKeyDer"] as? String))
      let info = try SubjectPublicKeyInfo(derEncoded: der)
      #expect(info.derEncoded == der)
      let pem = try PEM.decode(try #require(group["publicKeyPem"] as? String))
      #expect(pem.label == Array("PUBLIC KEY".utf8))
      #expect(pem.der == der)
      let key = try #require(group["publicKey"] as? [String: Any])
      if fileName.hasPrefix("rsa") {
        #expect(info.algorithm == ObjectIdentifiers.rsaEncryption)
        #expect(info.parameters == DERWriter.null)
        // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
        var reader = DERReader(info.subjectPublicKey)
        let (modulus, exponent) = try reader.readSequence { (contents) throws(CryptoError) in
          (try contents.readInteger(), try contents.readInteger())
        }
        try reader.finish()
        let expectedModulus = try HashTestData.bytes(hex: try #require(key["modulus"] as? String))
        #expect(modulus == Array(expectedModulus.drop { $0 == 0 }))
        #expect(exponent == (try HashTestData.bytes(hex: try #require(key["publicExponent"] as? String))))
      } else if fileName.hasPrefix("ecdsa") {
        #expect(info.algorithm == ObjectIdentifiers.ecPublicKey)
        let curve: [UInt8]
        switch key["curve"] as? String {
        case "secp256r1": curve = ObjectIdentifiers.secp256r1
        case "secp384r1": curve = ObjectIdentifiers.secp384r1
        default: curve = ObjectIdentifiers.secp521r1
        }
        #expect(info.parameters == DERWriter.objectIdentifier(curve))
        #expect(info.subjectPublicKey == (try HashTestData.bytes(hex: try #require(key["uncompressed"] as? String))))
      } else {
        #expect(info.algorithm == ObjectIdentifiers.ed25519)
        #expect(info.parameters == nil)
        #expect(info.subjectPublicKey == (try HashTestData.bytes(hex: try #require(key["pk"] as? String))))
      }
      count += 1
    }
    #expect(count == expectedGroups)
  }

  @Test("Wycheproof PKCS #8 RSA private keys (privateKeyPkcs8 and privateKeyPem)")
  func wycheproofPrivateKeys() throws {
    let file = try HashTestData.json("wycheproof/rsa_pkcs1_2048_sig_gen_test.json")
    var count = 0
    for group in try #require(file["testGroups"] as? [[String: Any]]) {
      let der = try HashTestData.bytes(hex: try #require(group["privateKeyPkcs8"] as? String))
      let info = try PrivateKeyInfo(derEncoded: der)
      #expect(info.algorithm == ObjectIdentifiers.rsaEncryption)
      #expect(info.parameters == DERWriter.null)
      #expect(info.publicKey == nil)
      #expect(info.derEncoded == der)
      // privateKeyPem is the PKCS #1 form: the same bytes as the PKCS #8 OCTET STRING.
      let pem = try PEM.decode(try #require(group["privateKeyPem"] as? String))
      #expect(pem.label == Array("RSA PRIVATE KEY".utf8))
      #expect(pem.der == info.privateKey)
      // RSAPrivateKey ::= SEQUENCE { version 0, modulus, publicExponent, privateExponent, … }
      var reader = DERReader(info.privateKey)
      var contents = try reader.readSequence()
      #expect(try contents.readSmallInteger() == 0)
      let key = try #require(group["privateKey"] as? [String: Any])
      let modulus = try HashTestData.bytes(hex: try #require(key["modulus"] as? String))
      #expect(try contents.readInteger() == Array(modulus.drop { $0 == 0 }))
      // The same key's SPKI (keyDer) carries the same modulus.
      let spki = try SubjectPublicKeyInfo(
        derEncoded: try HashTestData.bytes(hex: try #require(group["keyDer"] as? String)))
      #expect(spki.algorithm == ObjectIdentifiers.rsaEncryption)
      count += 1
    }
    #expect(count == 8)
  }

  @Test("openssl-generated PEM fixtures parse and re-encode byte for byte")
  func opensslFixtures() throws {
    let publicKeys: [(String, [UInt8], [UInt8]?, Int)] = [
      ("rsa2048-spki.pem", ObjectIdentifiers.rsaEncryption, DERWriter.null, 270),
      ("ec-p256-spki.pem", ObjectIdentifiers.ecPublicKey, DERWriter.objectIdentifier(ObjectIdentifiers.secp256r1), 65),
      ("ec-p384-spki.pem", ObjectIdentifiers.ecPublicKey, DERWriter.objectIdentifier(ObjectIdentifiers.secp384r1), 97),
      ("ec-p521-spki.pem", ObjectIdentifiers.ecPublicKey, DERWriter.objectIdentifier(ObjectIdentifiers.secp521r1), 133),
      ("ed25519-spki.pem", ObjectIdentifiers.ed25519, nil, 32),
    ]
    for (name, algorithm, parameters, keyByteCount) in publicKeys {
      let text = try HashTestData.fixture(name)
      let (label, der) = try PEM.decode(text)
      #expect(label == Array("PUBLIC KEY".utf8))
      let info = try SubjectPublicKeyInfo(derEncoded: der)
      #expect(info.algorithm == algorithm, "\(name)")
      #expect(info.parameters == parameters, "\(name)")
      #expect(info.subjectPublicKey.count == keyByteCount, "\(name)")
      #expect(PEM.encode(label: "PUBLIC KEY", der: info.derEncoded) == text)
    }
    let privateKeys: [(String, [UInt8], [UInt8]?)] = [
      ("rsa2048-pkcs8.pem", ObjectIdentifiers.rsaEncryption, DERWriter.null),
      ("ec-p256-pkcs8.pem", ObjectIdentifiers.ecPublicKey, DERWriter.objectIdentifier(ObjectIdentifiers.secp256r1)),
      ("ec-p384-pkcs8.pem", ObjectIdentifiers.ecPublicKey, DERWriter.objectIdentifier(ObjectIdentifiers.secp384r1)),
      ("ec-p521-pkcs8.pem", ObjectIdentifiers.ecPublicKey, DERWriter.objectIdentifier(ObjectIdentifiers.secp521r1)),
      ("ed25519-pkcs8.pem", ObjectIdentifiers.ed25519, nil),
    ]
    for (name, algorithm, parameters) in privateKeys {
      let text = try HashTestData.fixture(name)
      let (label, der) = try PEM.decode(text)
      #expect(label == Array("PRIVATE KEY".utf8))
      let info = try PrivateKeyInfo(derEncoded: der)
      #expect(info.algorithm == algorithm, "\(name)")
      #expect(info.parameters == parameters, "\(name)")
      #expect(info.publicKey == nil)
      #expect(PEM.encode(label: "PRIVATE KEY", der: info.derEncoded) == text)
    }
    // Ed25519: the private key is an OCTET STRING holding the 32-byte seed (RFC 8410 §7).
    let ed25519 = try PrivateKeyInfo(derEncoded: try PEM.decode(try HashTestData.fixture("ed25519-pkcs8.pem")).der)
    var seed = DERReader(ed25519.privateKey)
    #expect(try seed.readOctetString().count == 32)
    // The traditional formats keep their labels (the RSA and EC key types parse their contents).
    for (name, expected) in [
      ("rsa2048-pkcs1.pem", "RSA PRIVATE KEY"), ("rsa2048-pkcs1-public.pem", "RSA PUBLIC KEY"),
      ("ec-p256-sec1.pem", "EC PRIVATE KEY"), ("ec-p384-sec1.pem", "EC PRIVATE KEY"),
      ("ec-p521-sec1.pem", "EC PRIVATE KEY"),
    ] {
      let text = try HashTestData.fixture(name)
      let (label, der) = try PEM.decode(text)
      #expect(label == Array(expected.utf8))
      #expect(PEM.encode(label: expected, der: der) == text)
      var reader = DERReader(der)
      _ = try reader.readSequence()
      try reader.finish()
    }
  }

  @Test("RFC 8410 §10.3: version 1 with attributes and a public key")
  func oneAsymmetricKeyVersion1() throws {
    let (_, der) = try PEM.decode(try HashTestData.fixture("ed25519-rfc8410-v2.pem"))
    let info = try PrivateKeyInfo(derEncoded: der)
    #expect(info.algorithm == ObjectIdentifiers.ed25519)
    #expect(info.parameters == nil)
    #expect(
      info.privateKey
        == (try HashTestData.bytes(hex: "0420d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842")))
    #expect(
      info.publicKey
        == (try HashTestData.bytes(hex: "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1")))
    // Version 0 may not carry a public key; other versions are rejected.
    var version0 = der
    version0[4] = 0
    #expect(throws: CryptoError.self) { try PrivateKeyInfo(derEncoded: version0) }
    var version2 = der
    version2[4] = 2
    #expect(throws: CryptoError.self) { try PrivateKeyInfo(derEncoded: version2) }
    let rebuilt = PrivateKeyInfo(
      algorithm: info.algorithm, parameters: nil, privateKey: info.privateKey, publicKey: info.publicKey)
    #expect(try PrivateKeyInfo(derEncoded: rebuilt.derEncoded).publicKey == info.publicKey)
  }

  @Test("every truncation, appended byte and single-byte change of key encodings ends in an error or a parse")
  func mutations() throws {
    var inputs: [[UInt8]] = []
    for name in [
      "ec-p256-spki.pem", "ed25519-spki.pem", "ed25519-pkcs8.pem", "ec-p256-pkcs8.pem", "ed25519-rfc8410-v2.pem",
    ] {
      inputs.append(try PEM.decode(try HashTestData.fixture(name)).der)
    }
    var truncations = 0
    var changed = 0
    for der in inputs {
      let isPublic = der.count < 100 && (try? SubjectPublicKeyInfo(derEncoded: der)) != nil
      func parses(_ bytes: [UInt8]) -> Bool {
        isPublic
          ? (try? SubjectPublicKeyInfo(derEncoded: bytes)) != nil : (try? PrivateKeyInfo(derEncoded: bytes)) != nil
      }
      #expect(parses(der))
      for length in 0..<der.count {
        #expect(!parses(Array(der[..<length])), "prefix \(length)")
        truncations += 1
      }
      #expect(!parses(der + [0]))
      #expect(!parses(der + der))
      // Each byte replaced by every other value: no trap, whatever the outcome.
      for index in 0..<der.count {
        for value in 0...255 where value != Int(der[index]) {
          var mutated = der
          mutated[index] = UInt8(value)
          _ = parses(mutated)
          changed += 1
        }
      }
    }
    #expect(truncations == inputs.reduce(0) { $0 + $1.count })
    #expect(changed == inputs.reduce(0) { $0 + $1.count * 255 })
  }

  @Test("structural errors in SPKI and PKCS #8")
  func structuralErrors() throws {
    let key = [UInt8](repeating: 0x11, count: 32)
    let algorithm = DERWriter.sequence([DERWriter.objectIdentifier(ObjectIdentifiers.ed25519)])
    let good = DERWriter.sequence([algorithm, DERWriter.bitString(key)])
    #expect(try SubjectPublicKeyInfo(derEncoded: good).subjectPublicKey == key)
    let bad: [[UInt8]] = [
      DERWriter.sequence([algorithm, DERWriter.bitString(key), DERWriter.null]),  // extra element
      DERWriter.sequence([algorithm]),  // no key
      DERWriter.sequence([algorithm, DERWriter.octetString(key)]),  // wrong type
      DERWriter.sequence([algorithm, DERWriter.element(tag: 0x03, content: [1] + key)]),  // unused bits
      DERWriter.sequence([
        DERWriter.sequence([
          DERWriter.objectIdentifier(ObjectIdentifiers.ed25519), DERWriter.null, DERWriter.null,
        ]),
        DERWriter.bitString(key),
      ]),  // two parameters
      DERWriter.sequence([DERWriter.sequence([]), DERWriter.bitString(key)]),  // no OID
      good + [0],  // trailing byte
    ]
    var rejected = 0
    for encoding in bad {
      do {
        _ = try SubjectPublicKeyInfo(derEncoded: encoding)
      } catch {
        if case .malformedEncoding = error { rejected += 1 }
      }
    }
    #expect(rejected == 7)

    let privateAlgorithm = DERWriter.sequence([DERWriter.objectIdentifier(ObjectIdentifiers.ed25519)])
    let seed = DERWriter.octetString(key)
    let badPrivate: [[UInt8]] = [
      DERWriter.sequence([DERWriter.integer(2), privateAlgorithm, DERWriter.octetString(seed)]),
      DERWriter.sequence([privateAlgorithm, DERWriter.octetString(seed)]),
      DERWriter.sequence([DERWriter.integer(0), privateAlgorithm]),
      DERWriter.sequence([DERWriter.integer(0), privateAlgorithm, DERWriter.octetString(seed), DERWriter.null]),
      DERWriter.sequence([
        DERWriter.integer(0), privateAlgorithm, DERWriter.octetString(seed),
        DERWriter.element(tag: 0xa0, content: DERWriter.null),  // attribute that is not a SEQUENCE
      ]),
      DERWriter.sequence([
        DERWriter.integer(1), privateAlgorithm, DERWriter.octetString(seed),
        DERWriter.element(tag: 0x81, content: [1] + key),  // public key with unused bits
      ]),
      DERWriter.sequence([
        DERWriter.integer(1), privateAlgorithm, DERWriter.octetString(seed),
        DERWriter.element(tag: 0x81, content: [0] + key), DERWriter.element(tag: 0xa0, content: []),  // wrong order
      ]),
    ]
    rejected = 0
    for encoding in badPrivate {
      do {
        _ = try PrivateKeyInfo(derEncoded: encoding)
      } catch {
        if case .malformedEncoding = error { rejected += 1 }
      }
    }
    #expect(rejected == 7)
    let withAttributes = DERWriter.sequence([
      DERWriter.integer(0), privateAlgorithm, DERWriter.octetString(seed), DERWriter.element(tag: 0xa0, content: []),
    ])
    #expect(try PrivateKeyInfo(derEncoded: withAttributes).privateKey == seed)
  }
}
