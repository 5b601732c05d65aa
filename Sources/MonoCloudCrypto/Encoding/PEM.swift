/// PEM armour (RFC 7468): `-----BEGIN LABEL-----`, base64 of DER, `-----END LABEL-----`.
public enum PEM {
  /// Decodes one PEM block. Whitespace may surround the block and separate the base64 lines
  /// (LF or CRLF); anything else outside the block, headers (legacy encrypted PEM), a label
  /// mismatch between BEGIN and END, or base64 that is not canonical standard-alphabet
  /// base64 with padding is rejected. The label is returned as its UTF-8 bytes.
  public static func decode(_ text: String) throws(CryptoError) -> (label: [UInt8], der: [UInt8]) {
    let input = Array(text.utf8)
    var position = 0
    skipWhitespace(input, &position)
    guard consume(input, &position, "-----BEGIN ") else { throw .malformedEncoding("PEM: missing BEGIN line") }
    let label = try readLabel(input, &position)
    guard consume(input, &position, "-----") else { throw .malformedEncoding("PEM: malformed BEGIN line") }
    skipSpaces(input, &position)
    guard position < input.count, input[position] == lineFeed || input[position] == carriageReturn else {
      throw .malformedEncoding("PEM: malformed BEGIN line")
    }
    // The body runs up to the next '-', which must start a line: the END line.
    let bodyStart = position
    while position < input.count && input[position] != hyphen { position += 1 }
    let bodyEnd = position
    var lineStart = bodyEnd
    while lineStart > bodyStart && (input[lineStart - 1] == 0x20 || input[lineStart - 1] == 0x09) { lineStart -= 1 }
    guard lineStart > bodyStart, input[lineStart - 1] == lineFeed else {
      throw .malformedEncoding("PEM: END line does not start a line")
    }
    guard consume(input, &position, "-----END ") else { throw .malformedEncoding("PEM: missing END line") }
    let endLabel = try readLabel(input, &position)
    guard endLabel == label else { throw .malformedEncoding("PEM: BEGIN and END labels differ") }
    guard consume(input, &position, "-----") else { throw .malformedEncoding("PEM: malformed END line") }
    skipWhitespace(input, &position)
    guard position == input.count else { throw .malformedEncoding("PEM: data after the END line") }
    let der = try decodeBase64(input[bodyStart..<bodyEnd])
    guard !der.isEmpty else { throw .malformedEncoding("PEM: empty body") }
    return (label, der)
  }

  /// Encodes `der` with 64-character base64 lines and LF line endings.
  public static func encode(label: String, der: [UInt8]) -> String {
    var output: [UInt8] = Array("-----BEGIN ".utf8) + Array(label.utf8) + Array("-----\n".utf8)
    let encoded = encodeBase64(der)
    var lineStart = 0
    while lineStart < encoded.count {
      let lineEnd = min(lineStart + 64, encoded.count)
      output.append(contentsOf: encoded[lineStart..<lineEnd])
      output.append(lineFeed)
      lineStart = lineEnd
    }
    output += Array("-----END ".utf8) + Array(label.utf8) + Array("-----\n".utf8)
    return String(decoding: output, as: UTF8.self)
  }

  static var hyphen: UInt8 { 0x2d }
  static var lineFeed: UInt8 { 0x0a }
  static var carriageReturn: UInt8 { 0x0d }

  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == lineFeed || byte == carriageReturn
  }

  /// Skips spaces and tabs (trailing blanks on the BEGIN line).
  static func skipSpaces(_ input: [UInt8], _ position: inout Int) {
    while position < input.count && (input[position] == 0x20 || input[position] == 0x09) { position += 1 }
  }

  static func skipWhitespace(_ input: [UInt8], _ position: inout Int) {
    while position < input.count && isWhitespace(input[position]) { position += 1 }
  }

  /// Consumes `literal` (ASCII) if the input continues with it.
  static func consume(_ input: [UInt8], _ position: inout Int, _ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard count <= input.count - position else { return false }
    let bytes = literal.utf8Start
    for index in 0..<count where input[position + index] != bytes[index] { return false }
    position += count
    return true
  }

  /// A label: printable ASCII without '-', not starting or ending with a space (RFC 7468 §3).
  static func readLabel(_ input: [UInt8], _ position: inout Int) throws(CryptoError) -> [UInt8] {
    let start = position
    while position < input.count && input[position] >= 0x20 && input[position] <= 0x7e && input[position] != hyphen {
      position += 1
    }
    let label = Array(input[start..<position])
    guard label.first != 0x20 && label.last != 0x20 else { throw .malformedEncoding("PEM: malformed label") }
    return label
  }

  /// The 6-bit value of a standard base64 character, or nil.
  static func base64Value(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x41...0x5a: return byte - 0x41  // A-Z
    case 0x61...0x7a: return byte - 0x61 + 26  // a-z
    case 0x30...0x39: return byte - 0x30 + 52  // 0-9
    case 0x2b: return 62  // +
    case 0x2f: return 63  // /
    default: return nil
    }
  }

  /// Strict base64 (RFC 4648 §4) with whitespace allowed between characters: padded to a
  /// multiple of four, '=' only at the end, and zero bits where the last character has spare ones.
  static func decodeBase64(_ text: ArraySlice<UInt8>) throws(CryptoError) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(text.count / 4 * 3)
    var accumulator: UInt32 = 0
    var characterCount = 0
    var paddingCount = 0
    for byte in text {
      if isWhitespace(byte) { continue }
      if byte == 0x3d {  // '='
        paddingCount += 1
        characterCount += 1
        continue
      }
      guard paddingCount == 0, let value = base64Value(byte) else {
        throw .malformedEncoding("PEM: invalid base64")
      }
      accumulator = accumulator << 6 | UInt32(value)
      characterCount += 1
      if characterCount % 4 == 0 {
        output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
        output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
        output.append(UInt8(truncatingIfNeeded: accumulator))
        accumulator = 0
      }
    }
    guard characterCount % 4 == 0, paddingCount <= 2 else { throw .malformedEncoding("PEM: invalid base64 length") }
    switch paddingCount {
    case 1:  // 3 characters, 18 bits: 2 bytes and 2 spare bits
      guard accumulator & 0x3 == 0 else { throw .malformedEncoding("PEM: non-canonical base64") }
      output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
      output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
    case 2:  // 2 characters, 12 bits: 1 byte and 4 spare bits
      guard accumulator & 0xf == 0 else { throw .malformedEncoding("PEM: non-canonical base64") }
      output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
    default: break
    }
    return output
  }

  static func encodeBase64(_ bytes: [UInt8]) -> [UInt8] {
    let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    let table = alphabet.utf8Start
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
      let remaining = bytes.count - index
      let b0 = UInt32(bytes[index])
      let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
      let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
      let group = b0 << 16 | b1 << 8 | b2
      output.append(table[Int(group >> 18 & 0x3f)])
      output.append(table[Int(group >> 12 & 0x3f)])
      output.append(remaining > 1 ? table[Int(group >> 6 & 0x3f)] : 0x3d)
      output.append(remaining > 2 ? table[Int(group & 0x3f)] : 0x3d)
      index += 3
    }
    return output
  }
}
