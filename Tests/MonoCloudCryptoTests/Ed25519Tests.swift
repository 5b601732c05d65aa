import Foundation
import MonoCloudCrypto
import Testing

/// Hex helpers for the vector files.
private func bytes(hex: String) -> [UInt8] {
  var result: [UInt8] = []
  var high: UInt8?
  for character in hex.utf8 {
    let nibble: UInt8
    switch character {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = character - UInt8(ascii: "A") + 10
    default: continue
    }
    if let value = high {
      result.append(value << 4 | nibble)
      high = nil
    } else {
      high = nibble
    }
  }
  return result
}

private func loadJSON(_ relativePath: String) throws -> [String: Any] {
  let data = try Data(contentsOf: URL(fileURLWithPath: VectorFiles.directory + "/" + relativePath))
  return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
}

@Suite struct Ed25519Tests {
  @Test func wycheproofVectors() throws {
    let json = try loadJSON("wycheproof/ed25519_test.json")
    let groups = try #require(json["testGroups"] as? [[String: Any]])
    var count = 0
    var accepted = 0
    for group in groups {
      let publicKey = try #require(group["publicKey"] as? [String: Any])
      let raw = bytes(hex: try #require(publicKey["pk"] as? String))
      let key = try? Ed25519PublicKey(rawRepresentation: raw)
      if let key {
        #expect(key.rawRepresentation == raw)
      }
      for test in try #require(group["tests"] as? [[String: Any]]) {
        count += 1
        let id = test["tcId"] as? Int ?? -1
        let message = bytes(hex: try #require(test["msg"] as? String))
        let signature = bytes(hex: try #require(test["sig"] as? String))
        let expectValid = (test["result"] as? String) == "valid"
        // A key that fails to import counts as a rejection.
        let valid = key?.isValidSignature(signature, for: message) ?? false
        if valid { accepted += 1 }
        #expect(valid == expectValid, "tcId \(id): \(test["comment"] as? String ?? "")")
      }
    }
    #expect(count == 151)
    #expect(accepted == 88)
  }

  @Test func rfc8032Vectors() throws {
    let json = try loadJSON("rfc/rfc8032_ed25519.json")
    var count = 0
    for test in try #require(json["tests"] as? [[String: Any]]) {
      count += 1
      let name = test["name"] as? String ?? "?"
      let seed = bytes(hex: try #require(test["secretKey"] as? String))
      let publicKey = bytes(hex: try #require(test["publicKey"] as? String))
      let message = bytes(hex: try #require(test["message"] as? String))
      let signature = bytes(hex: try #require(test["signature"] as? String))
      let privateKey = try Ed25519PrivateKey(seed: seed)
      #expect(privateKey.seed == seed, "\(name)")
      let derivedPublicKey = privateKey.publicKey.rawRepresentation
      #expect(derivedPublicKey == publicKey, "\(name)")
      let ourSignature = privateKey.signature(for: message)
      #expect(ourSignature == signature, "\(name)")
      let imported = try Ed25519PublicKey(rawRepresentation: publicKey)
      let valid = imported.isValidSignature(signature, for: message)
      #expect(valid, "\(name)")
      var tampered = message
      tampered.append(0)
      let tamperedValid = imported.isValidSignature(signature, for: tampered)
      #expect(!tamperedValid, "\(name)")
    }
    #expect(count == 5)
  }

  @Test func signAndVerifyManyMessages() throws {
    // Seeds and messages of many shapes: signatures must verify, and fail when any byte changes.
    var count = 0
    for round in 0..<24 {
      let seed = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ round &* 101 &+ 7) }
      let key = try Ed25519PrivateKey(seed: seed)
      let message = (0..<(round * 13)).map { UInt8(truncatingIfNeeded: $0 &* 11 &+ round) }
      let signature = key.signature(for: message)
      #expect(signature.count == 64)
      let valid = key.publicKey.isValidSignature(signature, for: message)
      #expect(valid, "round \(round)")
      var flipped = signature
      flipped[round % 64] ^= 0x10
      let flippedValid = key.publicKey.isValidSignature(flipped, for: message)
      #expect(!flippedValid, "round \(round)")
      count += 1
    }
    #expect(count == 24)
  }

  @Test func rejectsKeysOfWrongLengthOrNonCanonical() throws {
    for length in [0, 1, 31, 33, 64] {
      #expect(throws: CryptoError.self) {
        try Ed25519PublicKey(rawRepresentation: [UInt8](repeating: 1, count: length))
      }
    }
    for length in [0, 16, 31, 33, 64] {
      #expect(throws: CryptoError.self) { try Ed25519PrivateKey(seed: [UInt8](repeating: 1, count: length)) }
    }
    // y = p (non-canonical encoding of y = 0) and y = p + 1 (of y = 1), with either sign bit.
    let p: [UInt8] = [0xed] + [UInt8](repeating: 0xff, count: 30) + [0x7f]
    var pPlusOne = p
    pPlusOne[0] = 0xee
    for encoding in [p, pPlusOne] {
      #expect(throws: CryptoError.self) { try Ed25519PublicKey(rawRepresentation: encoding) }
      var negative = encoding
      negative[31] |= 0x80
      #expect(throws: CryptoError.self) { try Ed25519PublicKey(rawRepresentation: negative) }
    }
    // y = 1 with the sign bit set: x = 0 cannot be "negative".
    var negativeIdentity = [UInt8](repeating: 0, count: 32)
    negativeIdentity[0] = 1
    negativeIdentity[31] = 0x80
    #expect(throws: CryptoError.self) { try Ed25519PublicKey(rawRepresentation: negativeIdentity) }
    // y = 2 is not the y of any curve point.
    var notOnCurve = [UInt8](repeating: 0, count: 32)
    notOnCurve[0] = 2
    #expect(throws: CryptoError.self) { try Ed25519PublicKey(rawRepresentation: notOnCurve) }
  }

  @Test func rejectsMalformedSignatures() throws {
    let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x42, count: 32))
    let message: [UInt8] = Array("malformed signatures".utf8)
    let signature = key.signature(for: message)
    let publicKey = key.publicKey
    #expect(publicKey.isValidSignature(signature, for: message))
    for length in [0, 1, 32, 63, 65, 128] {
      let resized = Array((signature + signature).prefix(length))
      #expect(!publicKey.isValidSignature(resized, for: message), "length \(length)")
    }
    // S + L is the same scalar mod L but not canonical: rejected.
    let order: [UInt8] = bytes(hex: "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")
    var sPlusL = signature
    var carry = 0
    for index in 0..<32 {
      let sum = Int(signature[32 + index]) + Int(order[index]) + carry
      sPlusL[32 + index] = UInt8(sum & 0xff)
      carry = sum >> 8
    }
    #expect(!publicKey.isValidSignature(sPlusL, for: message))
    // S = L and S = 2^256 − 1.
    var sIsL = signature
    sIsL.replaceSubrange(32..<64, with: order)
    #expect(!publicKey.isValidSignature(sIsL, for: message))
    var sAllOnes = signature
    sAllOnes.replaceSubrange(32..<64, with: [UInt8](repeating: 0xff, count: 32))
    #expect(!publicKey.isValidSignature(sAllOnes, for: message))
    // R replaced by small-order points (identity, the point of order 2, −identity encoding, y = p).
    let identity = [1] + [UInt8](repeating: 0, count: 31)
    let orderTwo = bytes(hex: "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")
    let nonCanonicalIdentity = bytes(hex: "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")
    for r in [identity, orderTwo, nonCanonicalIdentity, [UInt8](repeating: 0xff, count: 32)] {
      var replaced = signature
      replaced.replaceSubrange(0..<32, with: r)
      #expect(!publicKey.isValidSignature(replaced, for: message))
      var zeroS = replaced
      zeroS.replaceSubrange(32..<64, with: [UInt8](repeating: 0, count: 32))
      #expect(!publicKey.isValidSignature(zeroS, for: message))
    }
  }

  @Test func rejectsSmallOrderPublicKeys() throws {
    // All eight points of the torsion subgroup, canonically encoded. With the identity as key,
    // (R = identity, S = 0) would verify for every message; so none of them imports.
    let smallOrderPoints = [
      "0100000000000000000000000000000000000000000000000000000000000000",  // identity
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // order 2
      "0000000000000000000000000000000000000000000000000000000000000000",  // order 4
      "0000000000000000000000000000000000000000000000000000000000000080",  // order 4
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",  // order 8
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",  // order 8
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",  // order 8
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",  // order 8
    ]
    var count = 0
    for hex in smallOrderPoints {
      #expect(throws: CryptoError.invalidKey("the Ed25519 public key is a point of small order")) {
        try Ed25519PublicKey(rawRepresentation: bytes(hex: hex))
      }
      let spki = bytes(hex: "302a300506032b6570032100" + hex)
      #expect(throws: CryptoError.self) { try Ed25519PublicKey(derEncoded: spki) }
      count += 1
    }
    #expect(count == 8)
    // A point of mixed order (a full-order key plus a torsion point) is a curve point of large
    // order and imports; cofactorless verification does not accept the original key's signatures.
    let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 9, count: 32))
    #expect(
      key.publicKey.rawRepresentation
        == bytes(hex: "fd1724385aa0c75b64fb78cd602fa1d991fdebf76b13c58ed702eac835e9f618"))
    let mixed = try Ed25519PublicKey(
      rawRepresentation: bytes(hex: "d0d31a3cb4bf59a067bce65dbb4e453eb75450b39b1f8a15bd2cce95fa47c958"))
    let message: [UInt8] = [1, 2, 3]
    let signature = key.signature(for: message)
    let validUnderOwnKey = key.publicKey.isValidSignature(signature, for: message)
    let validUnderMixedKey = mixed.isValidSignature(signature, for: message)
    #expect(validUnderOwnKey)
    #expect(!validUnderMixedKey)
  }

  @Test func signatureIsDeterministic() throws {
    let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32))
    let message: [UInt8] = [1, 2, 3]
    #expect(key.signature(for: message) == key.signature(for: message))
    let again = try Ed25519PrivateKey(seed: key.seed)
    #expect(again.publicKey.rawRepresentation == key.publicKey.rawRepresentation)
  }

  // MARK: Key encodings (RFC 8410)

  static let rfc8410PrivateKeyPEM = """
    -----BEGIN PRIVATE KEY-----
    MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
    -----END PRIVATE KEY-----
    """
  static let rfc8410PublicKeyPEM = """
    -----BEGIN PUBLIC KEY-----
    MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
    -----END PUBLIC KEY-----
    """

  @Test func importsRFC8410Examples() throws {
    let privateKey = try Ed25519PrivateKey(pemEncoded: Self.rfc8410PrivateKeyPEM)
    #expect(privateKey.seed == bytes(hex: "d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842"))
    let publicKey = try Ed25519PublicKey(pemEncoded: Self.rfc8410PublicKeyPEM)
    let expected = bytes(hex: "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1")
    #expect(publicKey.rawRepresentation == expected)
    #expect(privateKey.publicKey.rawRepresentation == expected)
    let derivedPublicKey = try Ed25519PublicKey(derEncoded: bytes(hex: "302a300506032b6570032100") + expected)
    #expect(derivedPublicKey.rawRepresentation == expected)
    let seedDER = bytes(hex: "302e020100300506032b657004220420") + privateKey.seed
    #expect(try Ed25519PrivateKey(derEncoded: seedDER).seed == privateKey.seed)
  }

  @Test func wycheproofKeysImportFromDERAndPEM() throws {
    let json = try loadJSON("wycheproof/ed25519_test.json")
    var count = 0
    for group in try #require(json["testGroups"] as? [[String: Any]]) {
      let publicKey = try #require(group["publicKey"] as? [String: Any])
      let raw = bytes(hex: try #require(publicKey["pk"] as? String))
      let der = bytes(hex: try #require(group["publicKeyDer"] as? String))
      let pem = try #require(group["publicKeyPem"] as? String)
      #expect(try Ed25519PublicKey(derEncoded: der).rawRepresentation == raw)
      #expect(try Ed25519PublicKey(pemEncoded: pem).rawRepresentation == raw)
      count += 1
    }
    #expect(count == 78)
  }

  @Test func rejectsMalformedKeyContainers() throws {
    let seed = [UInt8](repeating: 0x11, count: 32)
    let publicKey = try Ed25519PrivateKey(seed: seed).publicKey.rawRepresentation
    let spki = bytes(hex: "302a300506032b6570032100") + publicKey
    let pkcs8 = bytes(hex: "302e020100300506032b657004220420") + seed
    #expect(try Ed25519PublicKey(derEncoded: spki).rawRepresentation == publicKey)
    #expect(try Ed25519PrivateKey(derEncoded: pkcs8).seed == seed)
    // Truncations and trailing bytes.
    for length in [0, 1, 12, spki.count - 1] {
      #expect(throws: CryptoError.self) { try Ed25519PublicKey(derEncoded: Array(spki.prefix(length))) }
    }
    #expect(throws: CryptoError.self) { try Ed25519PublicKey(derEncoded: spki + [0]) }
    for length in [0, 1, 16, pkcs8.count - 1] {
      #expect(throws: CryptoError.self) { try Ed25519PrivateKey(derEncoded: Array(pkcs8.prefix(length))) }
    }
    // Another algorithm (X25519, 1.3.101.110) in the same shape.
    var x25519 = spki
    x25519[8] = 0x6e
    #expect(throws: CryptoError.self) { try Ed25519PublicKey(derEncoded: x25519) }
    var x25519Private = pkcs8
    x25519Private[11] = 0x6e
    #expect(throws: CryptoError.self) { try Ed25519PrivateKey(derEncoded: x25519Private) }
    // Parameters present (NULL), which RFC 8410 forbids.
    let withNull = bytes(hex: "302c300706032b65700500032100") + publicKey
    #expect(throws: CryptoError.self) { try Ed25519PublicKey(derEncoded: withNull) }
    // A 33-byte key, and a private key that is the bare seed instead of an inner OCTET STRING.
    let longKey = bytes(hex: "302b300506032b6570032200") + publicKey + [0]
    #expect(throws: CryptoError.self) { try Ed25519PublicKey(derEncoded: longKey) }
    let bareSeed = bytes(hex: "302c020100300506032b65700420") + seed
    #expect(throws: CryptoError.self) { try Ed25519PrivateKey(derEncoded: bareSeed) }
    let innerTooShort = bytes(hex: "302d020100300506032b6570042104 1f") + seed.prefix(31)
    #expect(throws: CryptoError.self) { try Ed25519PrivateKey(derEncoded: innerTooShort) }
    // Version 2 (RFC 5958) with the matching public key imports; with another key it does not.
    let version2 = bytes(hex: "3051020101300506032b657004220420") + seed + [0x81, 0x21, 0x00]
    #expect(try Ed25519PrivateKey(derEncoded: version2 + publicKey).seed == seed)
    var otherPublicKey = publicKey
    otherPublicKey[0] ^= 1
    #expect(throws: CryptoError.self) { try Ed25519PrivateKey(derEncoded: version2 + otherPublicKey) }
    // PEM with the wrong label, and garbage.
    #expect(throws: CryptoError.self) { try Ed25519PublicKey(pemEncoded: Self.rfc8410PrivateKeyPEM) }
    #expect(throws: CryptoError.self) { try Ed25519PrivateKey(pemEncoded: Self.rfc8410PublicKeyPEM) }
    #expect(throws: CryptoError.self) { try Ed25519PublicKey(pemEncoded: "not a PEM document") }
    #expect(throws: CryptoError.self) { try Ed25519PrivateKey(pemEncoded: "") }
  }
}

// Keep failure messages short: a key's stored table is noise in test output.
extension Ed25519PublicKey: CustomTestStringConvertible {
  public var testDescription: String { "Ed25519PublicKey" }
}

extension Ed25519PrivateKey: CustomTestStringConvertible {
  public var testDescription: String { "Ed25519PrivateKey" }
}
