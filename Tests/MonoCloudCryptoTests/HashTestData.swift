import Foundation
import MonoCloudCrypto

/// Reading the hash and HMAC vector files (hex, JSON, NIST `.rsp`).
enum HashTestData {
  struct BadHex: Error {}

  static func bytes(hex: String) throws -> [UInt8] {
    let digits = Array(hex.utf8)
    guard digits.count % 2 == 0 else { throw BadHex() }
    func value(_ digit: UInt8) throws -> UInt8 {
      switch digit {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
      default: throw BadHex()
      }
    }
    var result: [UInt8] = []
    result.reserveCapacity(digits.count / 2)
    var index = 0
    while index < digits.count {
      result.append(try value(digits[index]) << 4 | value(digits[index + 1]))
      index += 2
    }
    return result
  }

  static func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
  }

  static func json(_ relativePath: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: VectorFiles.directory + "/" + relativePath))
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw CocoaError(.fileReadCorruptFile)
    }
    return object
  }

  /// The text of a PEM file under `Tests/MonoCloudCryptoTests/Fixtures/` (made once with openssl).
  static func fixture(_ name: String) throws -> String {
    var directory = #filePath
    while let last = directory.last, last != "/" { directory.removeLast() }
    return try String(contentsOfFile: directory + "Fixtures/" + name, encoding: .utf8)
  }

  struct ShavsEntry {
    let message: [UInt8]
    let digest: [UInt8]
  }

  /// The `Len`/`Msg`/`MD` entries of a NIST SHAVS byte-oriented `.rsp` file.
  static func shavs(_ fileName: String) throws -> [ShavsEntry] {
    let text = try String(contentsOfFile: VectorFiles.directory + "/rfc/nist-shavs/" + fileName, encoding: .utf8)
    var entries: [ShavsEntry] = []
    var bitLength: Int?
    var message: [UInt8]?
    for rawLine in text.split(whereSeparator: \.isNewline) {
      let line = rawLine.trimmingCharacters(in: .whitespaces)
      let parts = line.components(separatedBy: " = ")
      guard parts.count == 2 else { continue }
      switch parts[0] {
      case "Len": bitLength = Int(parts[1])
      case "Msg":
        guard let bits = bitLength else { throw BadHex() }
        // Len = 0 comes with the placeholder Msg = 00: the message is empty.
        message = bits == 0 ? [] : try bytes(hex: parts[1])
        guard message?.count == bits / 8 else { throw BadHex() }
      case "MD":
        guard let body = message else { throw BadHex() }
        entries.append(ShavsEntry(message: body, digest: try bytes(hex: parts[1])))
        bitLength = nil
        message = nil
      default: continue
      }
    }
    return entries
  }

  static func algorithm(named name: String) -> HashAlgorithm? {
    switch name {
    case "SHA-1", "SHA1", "HMACSHA1": return .sha1
    case "SHA-224", "SHA224", "HMACSHA224": return .sha224
    case "SHA-256", "SHA256", "HMACSHA256": return .sha256
    case "SHA-384", "SHA384", "HMACSHA384": return .sha384
    case "SHA-512", "SHA512", "HMACSHA512": return .sha512
    default: return nil
    }
  }

  /// The statically typed one-shot digest, to exercise each concrete type directly.
  static func typedHash(_ algorithm: HashAlgorithm, _ message: [UInt8]) -> [UInt8] {
    switch algorithm {
    case .sha1: return SHA1.hash(message)
    case .sha224: return SHA224.hash(message)
    case .sha256: return SHA256.hash(message)
    case .sha384: return SHA384.hash(message)
    case .sha512: return SHA512.hash(message)
    }
  }

  /// A digest computed by feeding `message` in the given chunk boundaries.
  static func streamedHash<H: HashFunction>(_: H.Type, _ message: [UInt8], cuts: [Int]) -> [UInt8] {
    var function = H()
    var start = 0
    for cut in cuts + [message.count] {
      function.update(Array(message[start..<cut]))
      start = cut
    }
    return function.finalize()
  }

  static func streamedHash(_ algorithm: HashAlgorithm, _ message: [UInt8], cuts: [Int]) -> [UInt8] {
    switch algorithm {
    case .sha1: return streamedHash(SHA1.self, message, cuts: cuts)
    case .sha224: return streamedHash(SHA224.self, message, cuts: cuts)
    case .sha256: return streamedHash(SHA256.self, message, cuts: cuts)
    case .sha384: return streamedHash(SHA384.self, message, cuts: cuts)
    case .sha512: return streamedHash(SHA512.self, message, cuts: cuts)
    }
  }

  static let allAlgorithms: [HashAlgorithm] = [.sha1, .sha224, .sha256, .sha384, .sha512]

  /// Deterministic pseudo-random bytes for streaming tests.
  static func pattern(_ count: Int, seed: UInt32 = 1) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
      state = state &* 1_664_525 &+ 1_013_904_223
      return UInt8(truncatingIfNeeded: state >> 24)
    }
  }
}
