// UTF-8 validation of the non-ASCII bytes inside strings.

extension JSONParser {
  /// Validates the multi-byte UTF-8 sequence whose lead byte (≥ 0x80) is at `i`; returns the
  /// index after it. Well-formed only (Unicode Table 3-7): no overlongs, no surrogates, ≤ U+10FFFF.
  @inline(__always)
  func validateUTF8Sequence(at i: Int) throws(JOSEError) -> Int {
    let after = JSONParser.utf8SequenceEnd(base, i, end)
    if after >= 0 { return after }
    if after == JSONParser.truncatedUTF8 { throw JOSEError(.invalidInput, "JSON: truncated UTF-8 at byte \(i)") }
    throw JOSEError(.invalidInput, "JSON: invalid UTF-8 at byte \(i)")
  }

  /// `utf8SequenceEnd`'s result for a sequence cut off by the end of the input.
  static let truncatedUTF8 = -2

  /// The index after the well-formed multi-byte UTF-8 sequence whose lead byte (≥ 0x80) is at
  /// `i` in `base[..<end]`; `truncatedUTF8` when the input ends inside it, -1 when it is
  /// ill-formed. (One implementation for the reader and the in-place scanner, so that both
  /// accept exactly the same strings.)
  @inline(__always)
  static func utf8SequenceEnd(_ base: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
    let lead = base[i]
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      high = 0x9F
    case 0xF0:
      length = 4
      low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      high = 0x8F
    default:
      return -1
    }
    guard i &+ length <= end else { return truncatedUTF8 }
    let second = base[i &+ 1]
    guard second >= low && second <= high else { return -1 }
    var k = 2
    while k < length {
      guard base[i &+ k] & 0xC0 == 0x80 else { return -1 }
      k &+= 1
    }
    return i &+ length
  }
}
