import MonoCloudCrypto
import Testing

@Suite struct SHATests {
  @Test(
    "NIST SHAVS byte-oriented vectors",
    arguments: [
      ("SHA1ShortMsg.rsp", HashAlgorithm.sha1, 65), ("SHA1LongMsg.rsp", .sha1, 64),
      ("SHA224ShortMsg.rsp", .sha224, 65), ("SHA224LongMsg.rsp", .sha224, 64),
      ("SHA256ShortMsg.rsp", .sha256, 65), ("SHA256LongMsg.rsp", .sha256, 64),
      ("SHA384ShortMsg.rsp", .sha384, 129), ("SHA384LongMsg.rsp", .sha384, 128),
      ("SHA512ShortMsg.rsp", .sha512, 129), ("SHA512LongMsg.rsp", .sha512, 128),
    ])
  func shavs(fileName: String, algorithm: HashAlgorithm, expectedCount: Int) throws {
    var count = 0
    for entry in try HashTestData.shavs(fileName) {
      #expect(entry.digest.count == algorithm.digestByteCount)
      #expect(algorithm.hash(entry.message) == entry.digest, "\(fileName) Len = \(entry.message.count * 8)")
      #expect(HashTestData.typedHash(algorithm, entry.message) == entry.digest)
      count += 1
    }
    #expect(count == expectedCount)
  }

  @Test("FIPS 180 example messages, including one million 'a'")
  func fipsExamples() throws {
    let file = try HashTestData.json("rfc/fips180_sha_examples.json")
    let tests = try #require(file["tests"] as? [[String: Any]])
    var count = 0
    for test in tests {
      let message: [UInt8]
      if let text = test["message"] as? String {
        message = Array(text.utf8)
      } else {
        let repeated = try #require(test["messageRepeat"] as? [String: Any])
        let byte = try HashTestData.bytes(hex: try #require(repeated["byte"] as? String))
        let repeatCount = try #require(repeated["count"] as? Int)
        message = [UInt8](repeating: try #require(byte.first), count: repeatCount)
      }
      #expect(message.count * 8 == test["messageLengthBits"] as? Int)
      let digests = try #require(test["digest"] as? [String: String])
      for (name, hex) in digests {
        let algorithm = try #require(HashTestData.algorithm(named: name))
        let expected = try HashTestData.bytes(hex: hex)
        #expect(algorithm.hash(message) == expected, "\(test["name"] ?? "") \(name)")
        // Also in uneven chunks across block boundaries.
        let cuts = stride(from: 0, to: message.count, by: 997).map { $0 }
        #expect(HashTestData.streamedHash(algorithm, message, cuts: cuts) == expected)
        count += 1
      }
    }
    #expect(count == 25)
  }

  @Test("streaming: every two-way split equals the one-shot digest", arguments: HashTestData.allAlgorithms)
  func twoWaySplits(algorithm: HashAlgorithm) {
    var count = 0
    for length in [0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 200, 300] {
      let message = HashTestData.pattern(length, seed: UInt32(length))
      let expected = algorithm.hash(message)
      for cut in 0...length {
        #expect(HashTestData.streamedHash(algorithm, message, cuts: [cut]) == expected, "length \(length) cut \(cut)")
        count += 1
      }
    }
    #expect(count == 1_425)
  }

  @Test(
    "streaming: three-way splits and byte-at-a-time equal the one-shot digest", arguments: HashTestData.allAlgorithms)
  func threeWaySplits(algorithm: HashAlgorithm) {
    let message = HashTestData.pattern(260, seed: 7)
    let expected = algorithm.hash(message)
    var count = 0
    for first in stride(from: 0, through: 260, by: 3) {
      for second in stride(from: first, through: 260, by: 17) {
        #expect(HashTestData.streamedHash(algorithm, message, cuts: [first, second]) == expected)
        count += 1
      }
    }
    #expect(count == 717)
    #expect(HashTestData.streamedHash(algorithm, message, cuts: Array(1..<260)) == expected)
  }

  @Test("sizes and the pointer-based entry points agree with the array ones", arguments: HashTestData.allAlgorithms)
  func sizesAndPointers(algorithm: HashAlgorithm) {
    let expectedSizes: (Int, Int)
    switch algorithm {
    case .sha1: expectedSizes = (20, 64)
    case .sha224: expectedSizes = (28, 64)
    case .sha256: expectedSizes = (32, 64)
    case .sha384: expectedSizes = (48, 128)
    case .sha512: expectedSizes = (64, 128)
    }
    #expect(algorithm.digestByteCount == expectedSizes.0)
    #expect(algorithm.blockByteCount == expectedSizes.1)
    let message = HashTestData.pattern(150)
    let digest = algorithm.hash(message)
    #expect(digest.count == expectedSizes.0)
    // A longer output buffer keeps its tail; a shorter one receives a prefix.
    var long = [UInt8](repeating: 0xee, count: 70)
    message.withUnsafeBytes { input in long.withUnsafeMutableBytes { algorithm.hash(input, into: $0) } }
    #expect(Array(long[..<digest.count]) == digest)
    #expect(long[digest.count...].allSatisfy { $0 == 0xee })
    var short = [UInt8](repeating: 0, count: 10)
    message.withUnsafeBytes { input in short.withUnsafeMutableBytes { algorithm.hash(input, into: $0) } }
    #expect(short == Array(digest[..<10]))
    // Empty buffers with a nil base address.
    var empty = [UInt8](repeating: 0, count: expectedSizes.0)
    empty.withUnsafeMutableBytes { algorithm.hash(UnsafeRawBufferPointer(start: nil, count: 0), into: $0) }
    #expect(empty == algorithm.hash([]))
    #expect(algorithm.hash([]) != digest)
  }

  @Test("a copied state forks the computation")
  func copiesFork() {
    var base = SHA256()
    base.update(Array("hello ".utf8))
    var left = base
    var right = base
    left.update(Array("world".utf8))
    right.update(Array("there".utf8))
    #expect(left.finalize() == SHA256.hash(Array("hello world".utf8)))
    #expect(right.finalize() == SHA256.hash(Array("hello there".utf8)))
  }
}

/// The rolled SHA-512 compression (the wasm32 build's) against the unrolled one: random states
/// and one to four random blocks, plus the all-zero and all-ones blocks.
@Suite("SHA-512 rolled compression")
struct SHA512RolledCompressionTests {
  @Test func rolledAndUnrolledCompressionAgree() {
    var generator = SystemRandomNumberGenerator()
    var inputs: [([UInt64], [UInt8])] = [
      ([UInt64](repeating: 0, count: 8), [UInt8](repeating: 0, count: 128)),
      ([UInt64](repeating: .max, count: 8), [UInt8](repeating: 0xff, count: 256)),
    ]
    for blockCount in 1...4 {
      for _ in 0..<25 {
        let state = (0..<8).map { _ in UInt64.random(in: 0 ... .max, using: &generator) }
        let blocks = (0..<(128 * blockCount)).map { _ in UInt8.random(in: 0 ... .max, using: &generator) }
        inputs.append((state, blocks))
      }
    }
    var mismatches = 0
    for (state, blocks) in inputs
    where SHA512Compression.compress(state, blocks: blocks, rolled: true)
      != SHA512Compression.compress(state, blocks: blocks, rolled: false)
    {
      mismatches += 1
    }
    #expect(mismatches == 0)
    #expect(inputs.count == 102)
  }
}

/// The 16-round-loop SHA-256 compression (the wasm32 build's) against the unrolled one.
@Suite("SHA-256 sixteen-round loop")
struct SHA256LoopCompressionTests {
  @Test func loopAndUnrolledCompressionAgree() {
    var generator = SystemRandomNumberGenerator()
    var inputs: [([UInt32], [UInt8])] = [
      ([UInt32](repeating: 0, count: 8), [UInt8](repeating: 0, count: 64)),
      ([UInt32](repeating: .max, count: 8), [UInt8](repeating: 0xff, count: 128)),
    ]
    for blockCount in 1...4 {
      for _ in 0..<25 {
        let state = (0..<8).map { _ in UInt32.random(in: 0 ... .max, using: &generator) }
        let blocks = (0..<(64 * blockCount)).map { _ in UInt8.random(in: 0 ... .max, using: &generator) }
        inputs.append((state, blocks))
      }
    }
    var mismatches = 0
    for (state, blocks) in inputs
    where SHA256Compression.compress(state, blocks: blocks, loop: true)
      != SHA256Compression.compress(state, blocks: blocks, loop: false)
    {
      mismatches += 1
    }
    #expect(mismatches == 0)
    #expect(inputs.count == 102)
  }
}
