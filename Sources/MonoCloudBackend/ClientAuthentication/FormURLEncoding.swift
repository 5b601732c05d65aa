/// `application/x-www-form-urlencoded` (WHATWG URL §5.2): unreserved bytes kept, space as
/// `+`, everything else `%XX`. RFC 6749 §2.3.1 applies the same encoding to the client id
/// and secret before they go into the Basic header.
package enum FormURLEncoding {
  private static let hex = Array("0123456789ABCDEF".utf8)

  package static func encode(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "*"):
        out.append(byte)
      case UInt8(ascii: " "):
        out.append(UInt8(ascii: "+"))
      default:
        out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `name=value&…` with both sides encoded.
  package static func body(_ fields: [(String, String)]) -> [UInt8] {
    Array(fields.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&").utf8)
  }
}
