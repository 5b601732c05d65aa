/// Builds DER encodings (the inverse of `DERReader`), for exporting keys and DER signatures.
public enum DERWriter {
  /// Tag, minimal definite length, content.
  public static func element(tag: UInt8, content: [UInt8]) -> [UInt8] {
    var result: [UInt8] = [tag]
    result.reserveCapacity(content.count + 6)
    let length = content.count
    if length < 0x80 {
      result.append(UInt8(length))
    } else {
      var lengthBytes: [UInt8] = []
      var remaining = length
      while remaining > 0 {
        lengthBytes.insert(UInt8(truncatingIfNeeded: remaining), at: 0)
        remaining >>= 8
      }
      result.append(0x80 | UInt8(lengthBytes.count))
      result.append(contentsOf: lengthBytes)
    }
    result.append(contentsOf: content)
    return result
  }

  /// A SEQUENCE of already encoded elements.
  public static func sequence(_ elements: [[UInt8]]) -> [UInt8] {
    element(tag: DERTag.sequence, content: elements.flatMap { $0 })
  }

  /// A non-negative INTEGER from a big-endian magnitude (leading zeros are dropped, and a
  /// sign byte is added where the top bit is set).
  public static func integer(magnitude: [UInt8]) -> [UInt8] {
    var start = 0
    while start < magnitude.count && magnitude[start] == 0 { start += 1 }
    var content: [UInt8] = []
    if start == magnitude.count || magnitude[start] & 0x80 != 0 { content.append(0) }
    content.append(contentsOf: magnitude[start...])
    return element(tag: DERTag.integer, content: content)
  }

  /// A small non-negative INTEGER (a version number).
  public static func integer(_ value: Int) -> [UInt8] {
    var magnitude: [UInt8] = []
    var remaining = value < 0 ? 0 : value
    while remaining > 0 {
      magnitude.insert(UInt8(truncatingIfNeeded: remaining), at: 0)
      remaining >>= 8
    }
    return integer(magnitude: magnitude)
  }

  /// An OBJECT IDENTIFIER from its content bytes (see `ObjectIdentifiers`).
  public static func objectIdentifier(_ content: [UInt8]) -> [UInt8] {
    element(tag: DERTag.objectIdentifier, content: content)
  }

  public static func octetString(_ content: [UInt8]) -> [UInt8] {
    element(tag: DERTag.octetString, content: content)
  }

  /// A BIT STRING of whole bytes (unused-bits byte 0).
  public static func bitString(_ content: [UInt8]) -> [UInt8] {
    element(tag: DERTag.bitString, content: [0] + content)
  }

  public static var null: [UInt8] { [0x05, 0x00] }

  /// An explicitly tagged `[number]` wrapping one encoded element.
  public static func explicit(tagNumber: UInt8, _ encoded: [UInt8]) -> [UInt8] {
    element(tag: DERTag.contextSpecificConstructed(tagNumber), content: encoded)
  }
}
