import MonoCloudJOSE
import Testing

@Suite struct Base64URLTests {
  /// RFC 4648 §10 vectors (unpadded) plus bytes that exercise `-` and `_`.
  static let vectors: [(bytes: [UInt8], encoded: String)] = [
    ([], ""),
    (Array("f".utf8), "Zg"),
    (Array("fo".utf8), "Zm8"),
    (Array("foo".utf8), "Zm9v"),
    (Array("foob".utf8), "Zm9vYg"),
    (Array("fooba".utf8), "Zm9vYmE"),
    (Array("foobar".utf8), "Zm9vYmFy"),
    ([0xFB, 0xFF], "-_8"),
    ([0xFF, 0xFF, 0xFE], "___-"),
    ([0x00, 0x10, 0x83, 0x10, 0x51, 0x87, 0x20, 0x92, 0x8B, 0x30, 0xD3, 0x8F], "ABCDEFGHIJKLMNOP"),
    ([0x03, 0xEF, 0xFF, 0xF9], "A-__-Q"),
  ]

  @Test func encodesAndDecodesVectors() throws {
    var count = 0
    for (bytes, encoded) in Self.vectors {
      #expect(Base64URL.encode(bytes) == encoded)
      #expect(try Base64URL.decode(encoded) == bytes)
      #expect(try Base64URL.decode(Array(encoded.utf8)) == bytes)
      #expect(try Base64URL.decode(Array(("xx" + encoded).utf8)[2...]) == bytes)
      count += 1
    }
    #expect(count == 11)
  }

  @Test func roundTripsAllLengthsAndByteValues() throws {
    var bytes: [UInt8] = []
    for length in 0..<300 {
      let encoded = Base64URL.encode(bytes)
      #expect(encoded.utf8.count == Base64URL.encodedCount(byteCount: length))
      #expect(Base64URL.decodedByteCount(encodedCount: encoded.utf8.count) == length)
      #expect(try Base64URL.decode(encoded) == bytes)
      bytes.append(UInt8(truncatingIfNeeded: length &* 151 &+ 7))
    }
  }

  @Test func decodesIntoCallerBuffer() throws {
    let encoded = Array("Zm9vYmE".utf8)
    var output = [UInt8](repeating: 0xAA, count: 8)
    let written = try encoded.withUnsafeBytes { input in
      try output.withUnsafeMutableBytes { try Base64URL.decode(input, into: $0) }
    }
    #expect(written == 5)
    #expect(Array(output[0..<5]) == Array("fooba".utf8))
    var small = [UInt8](repeating: 0, count: 4)
    #expect(throws: JOSEError.self) {
      try encoded.withUnsafeBytes { input in
        try small.withUnsafeMutableBytes { try Base64URL.decode(input, into: $0) }
      }
    }
  }

  static let rejected: [String] = [
    "Zg==",  // padding
    "Zg=",
    "Zm9v=",
    "Z",  // impossible length
    "Zm9vY",
    "+/8",  // standard alphabet
    "Zm+v",
    "Zm/v",
    "Zm9v Yg",  // whitespace
    "Zm9v\nYg",
    " Zm9v",
    "Zm9v\t",
    "Zh",  // non-zero trailing bits (one byte)
    "Zm9",  // non-zero trailing bits (two bytes)
    "Zm\u{0}v",
    "Zm9vYmF!",
    "Zm9vYmFé",
  ]

  @Test func rejectsNonCanonicalAndForeignInput() {
    var count = 0
    for encoded in Self.rejected {
      #expect(throws: JOSEError.self, "\(encoded)") { try Base64URL.decode(encoded) }
      count += 1
    }
    #expect(count == 17)
    // A valid 4-character group next to the rejected cases, to show the table is not vacuous.
    #expect((try? Base64URL.decode("Zm8B")) == [0x66, 0x6F, 0x01])
  }

  @Test func rejectsEveryNonAlphabetByte() {
    var rejected = 0
    for byte in 0...255 {
      let c = UInt8(byte)
      let inAlphabet =
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45 || c == 95
      let input: [UInt8] = [65, 65, 65, c]
      let decoded = try? Base64URL.decode(input)
      #expect((decoded != nil) == inAlphabet, "byte \(byte)")
      if decoded == nil { rejected += 1 }
    }
    #expect(rejected == 256 - 64)
  }

  @Test func errorsAreInvalidInput() {
    do {
      _ = try Base64URL.decode("Zg==")
      Issue.record("accepted padding")
    } catch {
      #expect(error.code == .invalidInput)
    }
  }
}

extension Base64URLTests {
  @Test func encodeBytesMatchesEncode() {
    for (bytes, encoded) in Self.vectors {
      #expect(bytes.withUnsafeBytes { Base64URL.encodeBytes($0) } == Array(encoded.utf8))
    }
  }
}
