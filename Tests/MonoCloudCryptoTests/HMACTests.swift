import MonoCloudCrypto
import Testing

@Suite struct HMACTests {
  @Test("RFC 4231 HMAC-SHA-224/256/384/512, case 5 truncated to 128 bits")
  func rfc4231() throws {
    let file = try HashTestData.json("rfc/rfc4231_hmac_sha2.json")
    let tests = try #require(file["tests"] as? [[String: Any]])
    var count = 0
    for test in tests {
      let key = try HashTestData.bytes(hex: try #require(test["key"] as? String))
      let data = try HashTestData.bytes(hex: try #require(test["data"] as? String))
      let truncateBits = test["truncateBits"] as? Int
      let macs = try #require(test["mac"] as? [String: String])
      for (name, hex) in macs {
        let algorithm = try #require(HashTestData.algorithm(named: name.replacingOccurrences(of: "HMAC-", with: "")))
        let expected = try HashTestData.bytes(hex: hex)
        var mac = algorithm.authenticationCode(key: key, message: data)
        #expect(mac.count == algorithm.digestByteCount)
        if let truncateBits { mac = Array(mac.prefix(truncateBits / 8)) }
        #expect(mac == expected, "case \(test["testCase"] ?? "") \(name)")
        count += 1
      }
    }
    #expect(count == 28)
  }

  @Test(
    "Wycheproof HMAC: valid tags accepted, invalid rejected",
    arguments: [
      ("hmac_sha1_test.json", HashAlgorithm.sha1, 170), ("hmac_sha256_test.json", .sha256, 174),
      ("hmac_sha384_test.json", .sha384, 174), ("hmac_sha512_test.json", .sha512, 174),
    ])
  func wycheproof(fileName: String, algorithm: HashAlgorithm, expectedCount: Int) throws {
    let file = try HashTestData.json("wycheproof/" + fileName)
    var count = 0
    var accepted = 0
    for group in try #require(file["testGroups"] as? [[String: Any]]) {
      let tagBytes = try #require(group["tagSize"] as? Int) / 8
      for test in try #require(group["tests"] as? [[String: Any]]) {
        let key = try HashTestData.bytes(hex: try #require(test["key"] as? String))
        let message = try HashTestData.bytes(hex: try #require(test["msg"] as? String))
        let tag = try HashTestData.bytes(hex: try #require(test["tag"] as? String))
        let result = try #require(test["result"] as? String)
        let computed = Array(algorithm.authenticationCode(key: key, message: message).prefix(tagBytes))
        let matches = ConstantTime.equals(computed, tag)
        switch result {
        case "valid": #expect(matches, "tcId \(test["tcId"] ?? "")")
        case "invalid": #expect(!matches, "tcId \(test["tcId"] ?? "")")
        default: Issue.record("unexpected result \(result)")
        }
        if matches { accepted += 1 }
        count += 1
      }
    }
    #expect(count == expectedCount)
    #expect(accepted == 66)
  }

  @Test("streaming HMAC equals one-shot at every split; keyed values can be reused by copying")
  func streaming() {
    let message = HashTestData.pattern(300, seed: 3)
    var count = 0
    for keyLength in [0, 20, 64, 65, 128, 129, 200] {
      let key = HashTestData.pattern(keyLength, seed: 11)
      let expected256 = HMAC<SHA256>.authenticationCode(for: message, key: key)
      let expected512 = HMAC<SHA512>.authenticationCode(for: message, key: key)
      #expect(HashAlgorithm.sha256.authenticationCode(key: key, message: message) == expected256)
      let keyed256 = HMAC<SHA256>(key: key)
      let keyed512 = HMAC<SHA512>(key: key)
      for cut in stride(from: 0, through: 300, by: 7) {
        var mac256 = keyed256
        mac256.update(Array(message[..<cut]))
        mac256.update(Array(message[cut...]))
        #expect(mac256.finalize() == expected256)
        var mac512 = keyed512
        mac512.update(Array(message[..<cut]))
        mac512.update(Array(message[cut...]))
        #expect(mac512.finalize() == expected512)
        count += 1
      }
    }
    #expect(count == 7 * 43)
  }

  @Test("keys longer than a block are hashed first")
  func longKeys() {
    let key = HashTestData.pattern(131, seed: 5)
    let message = Array("message".utf8)
    #expect(
      HMAC<SHA256>.authenticationCode(for: message, key: key)
        == HMAC<SHA256>.authenticationCode(for: message, key: SHA256.hash(key)))
    #expect(
      HMAC<SHA384>.authenticationCode(for: message, key: key)
        == HMAC<SHA384>.authenticationCode(for: message, key: SHA384.hash(key)))
    // Exactly one block is used as is.
    let blockKey = HashTestData.pattern(64, seed: 5)
    #expect(
      HMAC<SHA256>.authenticationCode(for: message, key: blockKey)
        != HMAC<SHA256>.authenticationCode(for: message, key: SHA256.hash(blockKey)))
  }
}

@Suite struct ConstantTimeTests {
  @Test func equality() {
    #expect(ConstantTime.equals([], []))
    #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
    #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
    #expect(!ConstantTime.equals([], [0]))
    let base = HashTestData.pattern(64)
    var count = 0
    for index in 0..<64 {
      for bit in 0..<8 {
        var changed = base
        changed[index] ^= 1 << bit
        #expect(!ConstantTime.equals(base, changed))
        count += 1
      }
    }
    #expect(count == 512)
  }
}

@Suite struct RandomSourceTests {
  @Test func systemFillsBuffers() throws {
    let first = try RandomSource.system.bytes(64)
    let second = try RandomSource.system.bytes(64)
    #expect(first.count == 64)
    #expect(first != second)  // fails with probability 2^-512
    #expect(try RandomSource.system.bytes(0).isEmpty)
    let large = try RandomSource.system.bytes(100_000)
    #expect(large.count == 100_000)
    #expect(Set(large).count == 256)  // every byte value appears in 100k random bytes
  }

  @Test func customSourcesAndErrors() throws {
    let counting = RandomSource { buffer throws(CryptoError) in
      for index in buffer.indices { buffer[index] = UInt8(truncatingIfNeeded: index) }
    }
    #expect(try counting.bytes(4) == [0, 1, 2, 3])
    let failing = RandomSource { _ throws(CryptoError) in throw .randomnessUnavailable }
    #expect(throws: CryptoError.randomnessUnavailable) { try failing.bytes(8) }
    #expect(throws: CryptoError.self) { try counting.bytes(-1) }
  }
}
