/// Tags (identifier octets) of the DER elements that key and signature formats use.
public enum DERTag {
  public static var integer: UInt8 { 0x02 }
  public static var bitString: UInt8 { 0x03 }
  public static var octetString: UInt8 { 0x04 }
  public static var null: UInt8 { 0x05 }
  public static var objectIdentifier: UInt8 { 0x06 }
  public static var sequence: UInt8 { 0x30 }
  public static var set: UInt8 { 0x31 }

  /// The tag of a context-specific constructed element `[number]` (explicit tagging, or an
  /// implicitly tagged SEQUENCE/SET).
  public static func contextSpecificConstructed(_ number: UInt8) -> UInt8 { 0xa0 | (number & 0x1f) }

  /// The tag of a context-specific primitive element `[number]` (implicit tagging of a
  /// primitive type, e.g. `[1] IMPLICIT BIT STRING`).
  public static func contextSpecificPrimitive(_ number: UInt8) -> UInt8 { 0x80 | (number & 0x1f) }
}

/// One DER element (tag, length, value) inside the bytes a `DERReader` reads.
public struct DERElement: Sendable {
  /// The identifier octet (class, constructed bit and a tag number below 31).
  public let tag: UInt8
  @usableFromInline let bytes: [UInt8]
  @usableFromInline let start: Int
  @usableFromInline let contentStart: Int
  @usableFromInline let end: Int
  @usableFromInline let depth: Int

  /// Whether the element is constructed (holds further elements).
  public var isConstructed: Bool { tag & 0x20 != 0 }

  /// The value bytes.
  public var content: [UInt8] { Array(bytes[contentStart..<end]) }

  /// Bytes of the value.
  public var contentByteCount: Int { end - contentStart }

  /// The whole encoding: tag, length and value.
  public var encoded: [UInt8] { Array(bytes[start..<end]) }

  /// A reader over the value, for constructed elements.
  public func contentReader() throws(CryptoError) -> DERReader {
    guard isConstructed else { throw .malformedEncoding("DER: primitive element read as constructed") }
    return try DERReader(bytes: bytes, start: contentStart, end: end, depth: depth + 1)
  }
}

/// A strict, bounded reader of DER (ITU-T X.690 distinguished encoding) over a byte array.
///
/// Accepts only the canonical encoding: definite lengths in their shortest form, tag numbers
/// below 31, minimal INTEGERs and OIDs, and nesting up to `maximumDepth`. Every length is
/// checked against the bytes that remain, so truncated or oversized input ends in a
/// `CryptoError.malformedEncoding`, never a trap. Reading copies out only the values asked
/// for; nested readers share the input.
public struct DERReader: Sendable {
  /// The deepest nesting of constructed elements a reader descends into.
  public static var maximumDepth: Int { 32 }

  @usableFromInline let bytes: [UInt8]
  /// Offset of the next element within the input.
  public private(set) var position: Int
  @usableFromInline let end: Int
  @usableFromInline let depth: Int

  /// A reader over all of `bytes`.
  public init(_ bytes: [UInt8]) {
    self.bytes = bytes
    position = 0
    end = bytes.count
    depth = 0
  }

  init(bytes: [UInt8], start: Int, end: Int, depth: Int) throws(CryptoError) {
    guard depth <= Self.maximumDepth else { throw .malformedEncoding("DER: nested too deeply") }
    self.bytes = bytes
    position = start
    self.end = end
    self.depth = depth
  }

  /// Whether every element has been read.
  public var isAtEnd: Bool { position == end }

  /// Bytes not yet read.
  public var remainingByteCount: Int { end - position }

  /// Throws unless every element has been read (trailing data is an error in strict formats).
  public func finish() throws(CryptoError) {
    guard isAtEnd else { throw .malformedEncoding("DER: unexpected trailing data") }
  }

  /// The tag of the next element, or `nil` at the end.
  public func peekTag() -> UInt8? {
    position < end ? bytes[position] : nil
  }

  /// Reads the next element, whatever its tag.
  public mutating func readElement() throws(CryptoError) -> DERElement {
    guard position < end else { throw .malformedEncoding("DER: missing element") }
    let tag = bytes[position]
    // Tag number 31 announces the multi-byte form, which no format here uses; 0 is end-of-contents.
    guard tag & 0x1f != 0x1f else { throw .malformedEncoding("DER: unsupported high tag number") }
    guard tag != 0 else { throw .malformedEncoding("DER: unexpected end-of-contents marker") }
    var cursor = position + 1
    guard cursor < end else { throw .malformedEncoding("DER: truncated length") }
    let first = bytes[cursor]
    cursor += 1
    var length: Int
    if first < 0x80 {
      length = Int(first)
    } else {
      let lengthByteCount = Int(first & 0x7f)
      guard lengthByteCount != 0 else { throw .malformedEncoding("DER: indefinite length") }
      guard lengthByteCount <= 4 else { throw .malformedEncoding("DER: length too large") }
      guard lengthByteCount <= end - cursor else { throw .malformedEncoding("DER: truncated length") }
      guard bytes[cursor] != 0 else { throw .malformedEncoding("DER: non-minimal length") }
      var value: UInt64 = 0
      for _ in 0..<lengthByteCount {
        value = value << 8 | UInt64(bytes[cursor])
        cursor += 1
      }
      guard value >= 0x80 else { throw .malformedEncoding("DER: non-minimal length") }
      guard value <= UInt64(end - cursor) else { throw .malformedEncoding("DER: length exceeds input") }
      length = Int(value)
    }
    guard length <= end - cursor else { throw .malformedEncoding("DER: length exceeds input") }
    let element = DERElement(
      tag: tag, bytes: bytes, start: position, contentStart: cursor, end: cursor + length, depth: depth)
    position = cursor + length
    return element
  }

  /// Reads the next element and checks its tag.
  public mutating func readElement(tag: UInt8) throws(CryptoError) -> DERElement {
    guard let next = peekTag() else { throw .malformedEncoding("DER: missing element") }
    guard next == tag else { throw .malformedEncoding("DER: unexpected tag") }
    return try readElement()
  }

  /// Reads the next element if it has `tag`; returns `nil` (reading nothing) otherwise.
  public mutating func readOptionalElement(tag: UInt8) throws(CryptoError) -> DERElement? {
    guard peekTag() == tag else { return nil }
    return try readElement()
  }

  /// Reads a SEQUENCE and returns a reader over its contents (call `finish()` on it when done).
  public mutating func readSequence() throws(CryptoError) -> DERReader {
    try readElement(tag: DERTag.sequence).contentReader()
  }

  /// Reads a SEQUENCE, lets `body` read its contents and requires that it read all of them.
  public mutating func readSequence<Result>(
    _ body: (inout DERReader) throws(CryptoError) -> Result
  ) throws(CryptoError) -> Result {
    var contents = try readSequence()
    let result = try body(&contents)
    try contents.finish()
    return result
  }

  /// Reads a context-specific constructed element `[number]` (an explicit tag) and returns a
  /// reader over its contents.
  public mutating func readExplicit(tagNumber: UInt8) throws(CryptoError) -> DERReader {
    guard tagNumber < 31 else { throw .malformedEncoding("DER: unsupported high tag number") }
    return try readElement(tag: DERTag.contextSpecificConstructed(tagNumber)).contentReader()
  }

  /// Like `readExplicit(tagNumber:)`, or `nil` when the next element is not `[number]`.
  public mutating func readOptionalExplicit(tagNumber: UInt8) throws(CryptoError) -> DERReader? {
    guard tagNumber < 31, peekTag() == DERTag.contextSpecificConstructed(tagNumber) else { return nil }
    return try readExplicit(tagNumber: tagNumber)
  }

  /// Reads a non-negative INTEGER and returns its magnitude, big-endian, without the sign
  /// byte (zero is returned as an empty array).
  ///
  /// Negative values are rejected. Unless `allowingNonMinimal` is set, so is any encoding
  /// with redundant leading zero bytes, as DER requires; with it, they are stripped.
  public mutating func readInteger(allowingNonMinimal: Bool = false) throws(CryptoError) -> [UInt8] {
    let element = try readElement(tag: DERTag.integer)
    var start = element.contentStart
    let end = element.end
    guard start < end else { throw .malformedEncoding("DER: empty INTEGER") }
    guard bytes[start] & 0x80 == 0 else { throw .malformedEncoding("DER: negative INTEGER") }
    if allowingNonMinimal {
      while start < end && bytes[start] == 0 { start += 1 }
    } else if bytes[start] == 0 {
      // A leading zero byte is allowed only to keep the next byte's top bit from reading as a sign.
      guard start + 1 == end || bytes[start + 1] & 0x80 != 0 else {
        throw .malformedEncoding("DER: non-minimal INTEGER")
      }
      start += 1
    }
    return Array(bytes[start..<end])
  }

  /// Reads a non-negative INTEGER below 2^31 (a version number, say).
  public mutating func readSmallInteger() throws(CryptoError) -> Int {
    let magnitude = try readInteger()
    guard magnitude.count <= 4, magnitude.count < 4 || magnitude[0] < 0x80 else {
      throw .malformedEncoding("DER: INTEGER too large")
    }
    var value = 0
    for byte in magnitude { value = value << 8 | Int(byte) }
    return value
  }

  /// Reads an OBJECT IDENTIFIER and returns its content bytes (compare them with
  /// `ObjectIdentifiers`). Sub-identifiers must be minimally encoded.
  public mutating func readObjectIdentifier() throws(CryptoError) -> [UInt8] {
    let element = try readElement(tag: DERTag.objectIdentifier)
    guard element.contentByteCount > 0 else { throw .malformedEncoding("DER: empty OBJECT IDENTIFIER") }
    var startsSubidentifier = true
    for index in element.contentStart..<element.end {
      let byte = bytes[index]
      guard !(startsSubidentifier && byte == 0x80) else {
        throw .malformedEncoding("DER: non-minimal OBJECT IDENTIFIER")
      }
      startsSubidentifier = byte & 0x80 == 0
    }
    guard startsSubidentifier else { throw .malformedEncoding("DER: truncated OBJECT IDENTIFIER") }
    return element.content
  }

  /// Reads an OCTET STRING (primitive, as DER requires) and returns its contents.
  public mutating func readOctetString() throws(CryptoError) -> [UInt8] {
    try readElement(tag: DERTag.octetString).content
  }

  /// Reads a BIT STRING of whole bytes (the unused-bits count must be 0, as for every key and
  /// signature format) and returns its contents without the unused-bits byte.
  public mutating func readBitString() throws(CryptoError) -> [UInt8] {
    try Self.bitStringContents(readElement(tag: DERTag.bitString))
  }

  /// The bytes of a BIT STRING element (possibly implicitly tagged) of whole bytes.
  public static func bitStringContents(_ element: DERElement) throws(CryptoError) -> [UInt8] {
    guard !element.isConstructed else { throw .malformedEncoding("DER: constructed BIT STRING") }
    guard element.contentByteCount > 0 else { throw .malformedEncoding("DER: empty BIT STRING") }
    guard element.bytes[element.contentStart] == 0 else {
      throw .malformedEncoding("DER: BIT STRING with unused bits")
    }
    return Array(element.bytes[(element.contentStart + 1)..<element.end])
  }

  /// Reads a NULL.
  public mutating func readNull() throws(CryptoError) {
    let element = try readElement(tag: DERTag.null)
    guard element.contentByteCount == 0 else { throw .malformedEncoding("DER: NULL with contents") }
  }
}
