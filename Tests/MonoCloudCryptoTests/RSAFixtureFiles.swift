import Foundation

/// Locates the RSA test fixtures (generated once, committed) and converts hex.
enum RSAFixtureFiles {
  static let directory: String = {
    var path = #filePath
    while let last = path.last, last != "/" { path.removeLast() }
    path.removeLast()
    while let last = path.last, last != "/" { path.removeLast() }
    return path + "RSAFixtures"
  }()

  static func bytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    var result: [UInt8] = []
    result.reserveCapacity(digits.count / 2)
    func value(_ digit: UInt8) -> UInt8 {
      switch digit {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
      default: fatalError("not hex: \(hex)")
      }
    }
    var index = 0
    while index + 1 < digits.count {
      result.append(value(digits[index]) << 4 | value(digits[index + 1]))
      index += 2
    }
    return result
  }

  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 15)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
