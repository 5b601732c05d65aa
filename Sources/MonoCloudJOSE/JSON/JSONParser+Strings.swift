// Strings: the plain-run fast path, escapes and surrogate pairs.

extension JSONParser {
  /// Parses a string starting at its opening quote. Plain runs become a `String` straight from
  /// the input; strings with escapes are decoded through `scratch`.
  mutating func parseString(isName: Bool = false) throws(JOSEError) -> String {
    pos &+= 1  // opening quote
    let start = pos
    // Skip eight plain ASCII bytes at a time (no quote, backslash, control or non-ASCII byte).
    // Then jump straight to the first byte that needs a look.
    while pos &+ 8 <= end {
      let word = UInt64(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self))
      let mask = JSONParser.attentionMask(word)
      if mask != 0 {
        pos &+= mask.trailingZeroBitCount &>> 3
        break
      }
      pos &+= 8
    }
    while pos < end {
      let c = base[pos]
      if c == JSONParser.quote {
        let count = pos &- start
        if isName {
          lastFingerprint = JSONParser.fingerprint(base + start, count)
          if count <= 8, let known = JSONParser.wellKnownName(JSONParser.packed(base + start, count)) {
            pos &+= 1
            return known
          }
        }
        let string = String(decoding: UnsafeBufferPointer(start: base + start, count: count), as: UTF8.self)
        pos &+= 1
        return string
      }
      if c == JSONParser.backslash {
        scratch.removeAll(keepingCapacity: true)
        scratch.reserveCapacity(pos &- start &+ 64)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: pos &- start))
        return try parseEscapedRest(isName: isName)
      }
      if c < 0x20 { throw fail("unescaped control character in string") }
      if c < 0x80 {
        pos &+= 1
      } else {
        pos = try validateUTF8Sequence(at: pos)
      }
    }
    throw fail("unterminated string")
  }

  /// The high bit of each byte of `word` (little-endian) that is `"`, `\`, below 0x20 or
  /// non-ASCII (SWAR: the has-zero-byte and has-less-than tests on all lanes at once). Bytes
  /// above a flagged byte may be flagged falsely, but the lowest flagged byte is always a
  /// true one, which is all the caller uses.
  @inline(__always)
  static func attentionMask(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let quotes = word ^ (ones &* 0x22)
    let backslashes = word ^ (ones &* 0x5C)
    let hasQuote = (quotes &- ones) & ~quotes
    let hasBackslash = (backslashes &- ones) & ~backslashes
    let hasControl = (word &- ones &* 0x20) & ~word
    return (hasQuote | hasBackslash | hasControl | word) & highs
  }

  /// Continues a string at a backslash, appending decoded bytes to `scratch`.
  mutating func parseEscapedRest(isName: Bool) throws(JOSEError) -> String {
    while pos < end {
      let c = base[pos]
      if c == JSONParser.quote {
        pos &+= 1
        if isName {
          lastFingerprint = scratch.withUnsafeBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return 0 }
            return JSONParser.fingerprint(start, buffer.count)
          }
        }
        return String(decoding: scratch, as: UTF8.self)
      }
      if c == JSONParser.backslash {
        pos &+= 1
        guard pos < end else { break }
        let e = base[pos]
        pos &+= 1
        switch e {
        case JSONParser.quote, JSONParser.backslash, UInt8(ascii: "/"): scratch.append(e)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try parseHex4()
          if scalar & 0xFC00 == 0xD800 {
            // A high surrogate must be followed by an escaped low surrogate.
            guard pos &+ 2 <= end, base[pos] == JSONParser.backslash, base[pos &+ 1] == UInt8(ascii: "u") else {
              throw fail("unpaired surrogate escape")
            }
            pos &+= 2
            let low = try parseHex4()
            guard low & 0xFC00 == 0xDC00 else { throw fail("unpaired surrogate escape") }
            scalar = 0x10000 &+ ((scalar & 0x3FF) << 10) &+ (low & 0x3FF)
          } else if scalar & 0xFC00 == 0xDC00 {
            throw fail("unpaired surrogate escape")
          }
          appendUTF8(scalar)
        default:
          pos &-= 1
          throw fail("invalid escape")
        }
        continue
      }
      if c < 0x20 { throw fail("unescaped control character in string") }
      if c < 0x80 {
        scratch.append(c)
        pos &+= 1
      } else {
        let after = try validateUTF8Sequence(at: pos)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + pos, count: after &- pos))
        pos = after
      }
    }
    throw fail("unterminated string")
  }

  mutating func parseHex4() throws(JOSEError) -> UInt32 {
    guard pos &+ 4 <= end else { throw fail("truncated \\u escape") }
    var value: UInt32 = 0
    for k in 0..<4 {
      let c = UInt32(base[pos &+ k])
      let digit: UInt32
      if c &- 48 < 10 {
        digit = c &- 48
      } else if (c | 0x20) &- 97 < 6 {
        digit = (c | 0x20) &- 87
      } else {
        throw fail("invalid \\u escape")
      }
      value = value << 4 | digit
    }
    pos &+= 4
    return value
  }

  mutating func appendUTF8(_ scalar: UInt32) {
    if scalar < 0x80 {
      scratch.append(UInt8(truncatingIfNeeded: scalar))
    } else if scalar < 0x800 {
      scratch.append(UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
    } else if scalar < 0x10000 {
      scratch.append(UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | (scalar >> 6) & 0x3F))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
    } else {
      scratch.append(UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | (scalar >> 12) & 0x3F))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | (scalar >> 6) & 0x3F))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
    }
  }
}
