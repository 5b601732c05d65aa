import MonoCloudCrypto
import Testing

@Suite struct DERReaderTests {
  typealias Bytes = [UInt8]

  /// Whether reading `encoding` with `read` throws a malformed-encoding error.
  func rejects(_ encoding: Bytes, _ read: (inout DERReader) throws(CryptoError) -> Void) -> Bool {
    var reader = DERReader(encoding)
    do throws(CryptoError) {
      try read(&reader)
      try reader.finish()
      return false
    } catch {
      if case .malformedEncoding = error { return true }
      return false
    }
  }

  @Test("lengths: short and long form, minimal only, bounded by the input")
  func lengths() throws {
    var reader = DERReader([0x04, 0x02, 0xaa, 0xbb])
    #expect(try reader.readOctetString() == [0xaa, 0xbb])
    #expect(reader.isAtEnd)
    let long = Bytes(repeating: 7, count: 200)
    reader = DERReader([0x04, 0x81, 0xc8] + long)
    #expect(try reader.readOctetString() == long)
    let longer = Bytes(repeating: 9, count: 300)
    reader = DERReader([0x04, 0x82, 0x01, 0x2c] + longer)
    #expect(try reader.readOctetString() == longer)

    let readOctets: (inout DERReader) throws(CryptoError) -> Void = { reader throws(CryptoError) in
      _ = try reader.readOctetString()
    }
    var rejected = 0
    for bad: Bytes in [
      [0x04, 0x81, 0x02, 0xaa, 0xbb],  // long form for a short length
      [0x04, 0x82, 0x00, 0x02, 0xaa, 0xbb],  // leading zero length byte
      [0x04, 0x82, 0x00, 0xc8] + long,  // leading zero length byte, long value
      [0x04, 0x80, 0xaa, 0x00, 0x00],  // indefinite length
      [0x24, 0x80, 0x04, 0x01, 0xaa, 0x00, 0x00],  // constructed, indefinite
      [0x04, 0x03, 0xaa, 0xbb],  // length beyond the input
      [0x04, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00],  // huge length
      [0x04, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x00],
      [0x04, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00],  // five length bytes
      [0x04, 0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],  // would overflow Int
      [0x04, 0xff, 0x00],  // reserved length byte
      [0x04, 0x82, 0x01],  // truncated length bytes
      [0x04],  // no length at all
      [],  // no element at all
      [0x04, 0x01, 0xaa, 0x00],  // trailing data
      [0x1f, 0x84, 0x01, 0x00],  // high tag number form
      [0x00, 0x00],  // end-of-contents
    ] where rejects(bad, readOctets) {
      rejected += 1
    }
    #expect(rejected == 17)
  }

  @Test("INTEGER: non-negative, minimal, magnitude without the sign byte")
  func integers() throws {
    func read(_ bytes: Bytes, lenient: Bool = false) throws(CryptoError) -> Bytes {
      var reader = DERReader(bytes)
      let value = try reader.readInteger(allowingNonMinimal: lenient)
      try reader.finish()
      return value
    }
    #expect(try read([0x02, 0x01, 0x00]) == [])
    #expect(try read([0x02, 0x01, 0x7f]) == [0x7f])
    #expect(try read([0x02, 0x02, 0x00, 0x80]) == [0x80])
    #expect(try read([0x02, 0x03, 0x01, 0x00, 0x01]) == [0x01, 0x00, 0x01])
    #expect(try read([0x02, 0x02, 0x00, 0x7f], lenient: true) == [0x7f])
    #expect(try read([0x02, 0x03, 0x00, 0x00, 0x80], lenient: true) == [0x80])
    let readStrict: (inout DERReader) throws(CryptoError) -> Void = { reader throws(CryptoError) in
      _ = try reader.readInteger()
    }
    var rejected = 0
    for bad: Bytes in [
      [0x02, 0x00],  // empty
      [0x02, 0x01, 0x80],  // negative
      [0x02, 0x02, 0xff, 0x7f],  // negative
      [0x02, 0x02, 0xff, 0x80],  // negative, non-minimal
      [0x02, 0x02, 0x00, 0x7f],  // redundant zero
      [0x02, 0x02, 0x00, 0x00],  // redundant zero
      [0x02, 0x03, 0x00, 0x00, 0x80],  // redundant zero
      [0x22, 0x03, 0x02, 0x01, 0x01],  // constructed
      [0x04, 0x01, 0x01],  // wrong tag
    ] where rejects(bad, readStrict) {
      rejected += 1
    }
    #expect(rejected == 9)
    let readLenient: (inout DERReader) throws(CryptoError) -> Void = { reader throws(CryptoError) in
      _ = try reader.readInteger(allowingNonMinimal: true)
    }
    let negativeRejected = rejects([0x02, 0x01, 0x80], readLenient)
    #expect(negativeRejected)
    var reader = DERReader([0x02, 0x04, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x05, 0x02, 0x05, 0x00, 0x80, 0, 0, 0])
    #expect(try reader.readSmallInteger() == 0x7fff_ffff)
    #expect(try reader.readSmallInteger() == 5)
    #expect(throws: CryptoError.self) { try reader.readSmallInteger() }
  }

  @Test("OBJECT IDENTIFIER, BIT STRING, NULL, explicit tags")
  func otherTypes() throws {
    var reader = DERReader(DERWriter.objectIdentifier(ObjectIdentifiers.rsaEncryption))
    #expect(try reader.readObjectIdentifier() == ObjectIdentifiers.rsaEncryption)
    reader = DERReader([0x03, 0x03, 0x00, 0xab, 0xcd, 0x03, 0x01, 0x00, 0x05, 0x00])
    #expect(try reader.readBitString() == [0xab, 0xcd])
    #expect(try reader.readBitString() == [])
    try reader.readNull()
    #expect(reader.isAtEnd)
    reader = DERReader([0xa1, 0x03, 0x02, 0x01, 0x07, 0xa0, 0x00])
    #expect(try reader.readOptionalExplicit(tagNumber: 0) == nil)
    var explicit = try #require(try reader.readOptionalExplicit(tagNumber: 1))
    #expect(try explicit.readSmallInteger() == 7)
    try explicit.finish()
    var empty = try reader.readExplicit(tagNumber: 0)
    #expect(empty.isAtEnd)
    #expect(throws: CryptoError.self) { try empty.readElement() }

    let cases: [(Bytes, (inout DERReader) throws(CryptoError) -> Void)] = [
      ([0x06, 0x00], { reader throws(CryptoError) in _ = try reader.readObjectIdentifier() }),
      ([0x06, 0x02, 0x80, 0x01], { reader throws(CryptoError) in _ = try reader.readObjectIdentifier() }),
      ([0x06, 0x03, 0x2a, 0x80, 0x01], { reader throws(CryptoError) in _ = try reader.readObjectIdentifier() }),
      ([0x06, 0x02, 0x2a, 0x86], { reader throws(CryptoError) in _ = try reader.readObjectIdentifier() }),
      ([0x03, 0x00], { reader throws(CryptoError) in _ = try reader.readBitString() }),
      ([0x03, 0x02, 0x01, 0xfe], { reader throws(CryptoError) in _ = try reader.readBitString() }),
      ([0x23, 0x03, 0x03, 0x01, 0x00], { reader throws(CryptoError) in _ = try reader.readBitString() }),
      ([0x05, 0x01, 0x00], { reader throws(CryptoError) in try reader.readNull() }),
      ([0x30, 0x00], { reader throws(CryptoError) in try reader.readNull() }),
      ([0x10, 0x00], { reader throws(CryptoError) in _ = try reader.readSequence() }),  // primitive SEQUENCE
      ([0x24, 0x03, 0x04, 0x01, 0x00], { reader throws(CryptoError) in _ = try reader.readOctetString() }),
      ([0x80, 0x00], { reader throws(CryptoError) in _ = try reader.readExplicit(tagNumber: 0) }),  // primitive [0]
      (
        [0x30, 0x03, 0x02, 0x01, 0x01, 0x00],
        { reader throws(CryptoError) in  // trailing data after SEQUENCE
          _ = try reader.readSequence { (contents) throws(CryptoError) in try contents.readSmallInteger() }
        }
      ),
      (
        [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02],
        { reader throws(CryptoError) in  // unread contents
          _ = try reader.readSequence { (contents) throws(CryptoError) in try contents.readSmallInteger() }
        }
      ),
    ]
    var rejected = 0
    for (bytes, read) in cases where rejects(bytes, read) { rejected += 1 }
    #expect(rejected == 14)
  }

  @Test("nesting deeper than the bound is rejected")
  func nesting() throws {
    func nested(_ depth: Int) -> Bytes {
      var encoding: Bytes = [0x05, 0x00]
      for _ in 0..<depth { encoding = DERWriter.sequence([encoding]) }
      return encoding
    }
    func descend(_ reader: inout DERReader) throws(CryptoError) -> Int {
      if reader.peekTag() == DERTag.sequence {
        var inner = try reader.readSequence()
        return try descend(&inner) + 1
      }
      try reader.readNull()
      return 0
    }
    var shallow = DERReader(nested(DERReader.maximumDepth))
    #expect(try descend(&shallow) == DERReader.maximumDepth)
    var deep = DERReader(nested(DERReader.maximumDepth + 1))
    #expect(throws: CryptoError.self) { try descend(&deep) }
  }

  @Test("DERWriter output reads back")
  func writerRoundTrip() throws {
    for magnitude: Bytes in [[], [0], [0, 0, 1], [0x7f], [0x80], [0xff, 0xff], Bytes(repeating: 0xab, count: 300)] {
      var reader = DERReader(DERWriter.integer(magnitude: magnitude))
      let expected = Array(magnitude.drop { $0 == 0 })
      #expect(try reader.readInteger() == expected)
      try reader.finish()
    }
    for length in [0, 1, 127, 128, 255, 256, 65_535, 65_536] {
      let content = Bytes(repeating: 1, count: length)
      var reader = DERReader(DERWriter.octetString(content))
      #expect(try reader.readOctetString() == content)
      try reader.finish()
    }
  }
}
