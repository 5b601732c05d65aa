/// Compact JSON output (no insignificant whitespace). Strings escape `"`, `\` and control
/// characters and keep all other characters as UTF-8; numbers are written from their exact
/// text; members keep insertion order unless `.sortedByUTF8` is asked for (RFC 7638 thumbprints).
public enum JSONWriter {
  /// Member order in the output.
  public enum KeyOrder: Sendable, Equatable {
    /// The order the members have in the object.
    case insertion
    /// Ascending by the names' UTF-8 bytes, i.e. by Unicode code points (RFC 7638 §3.3).
    case sortedByUTF8
  }

  /// The UTF-8 bytes of `value`.
  public static func bytes(_ value: JSONValue, keyOrder: KeyOrder = .insertion) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(256)
    write(value, keyOrder: keyOrder, to: &output)
    return output
  }

  /// The UTF-8 bytes of `object`.
  public static func bytes(_ object: JSONObject, keyOrder: KeyOrder = .insertion) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(256)
    writeObject(object, keyOrder: keyOrder, to: &output)
    return output
  }

  /// `value` as a JSON string.
  public static func string(_ value: JSONValue, keyOrder: KeyOrder = .insertion) -> String {
    String(decoding: bytes(value, keyOrder: keyOrder), as: UTF8.self)
  }

  /// `object` as a JSON string.
  public static func string(_ object: JSONObject, keyOrder: KeyOrder = .insertion) -> String {
    String(decoding: bytes(object, keyOrder: keyOrder), as: UTF8.self)
  }

  /// Appends the JSON text of `value` to `output`.
  public static func write(_ value: JSONValue, keyOrder: KeyOrder = .insertion, to output: inout [UInt8]) {
    switch value {
    case .null:
      output.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])  // null
    case .bool(let flag):
      if flag {
        output.append(contentsOf: [0x74, 0x72, 0x75, 0x65])  // true
      } else {
        output.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])  // false
      }
    case .number(let number):
      output.append(contentsOf: number.text.utf8)
    case .string(let string):
      writeString(string, to: &output)
    case .array(let elements):
      output.append(UInt8(ascii: "["))
      var first = true
      for element in elements {
        if !first { output.append(UInt8(ascii: ",")) }
        first = false
        write(element, keyOrder: keyOrder, to: &output)
      }
      output.append(UInt8(ascii: "]"))
    case .object(let object):
      writeObject(object, keyOrder: keyOrder, to: &output)
    }
  }

  /// Appends the JSON text of `object` to `output`.
  public static func writeObject(_ object: JSONObject, keyOrder: KeyOrder = .insertion, to output: inout [UInt8]) {
    let members = object.members
    output.append(UInt8(ascii: "{"))
    let order = keyOrder == .sortedByUTF8 ? JSONMember.nameOrder(members) : Array(members.indices)
    var first = true
    for i in order {
      if !first { output.append(UInt8(ascii: ",")) }
      first = false
      writeString(members[i].key, to: &output)
      output.append(UInt8(ascii: ":"))
      write(members[i].value, keyOrder: keyOrder, to: &output)
    }
    output.append(UInt8(ascii: "}"))
  }

  /// Appends `string` as a quoted, escaped JSON string.
  public static func writeString(_ string: String, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    string.withUTF8Raw { raw in
      var runStart = 0
      var i = 0
      let n = raw.count
      while i < n {
        let c = raw[i]
        if c >= 0x20 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") {
          i &+= 1
          continue
        }
        if runStart < i { output.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[runStart..<i])) }
        output.append(UInt8(ascii: "\\"))
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(c)
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
          output.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hexDigit(c >> 4), hexDigit(c & 0xF)])
        }
        i &+= 1
        runStart = i
      }
      if runStart < n { output.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[runStart..<n])) }
    }
    output.append(UInt8(ascii: "\""))
  }

  @inline(__always)
  static func hexDigit(_ v: UInt8) -> UInt8 {
    v < 10 ? v &+ 48 : v &+ 87
  }
}

extension JSONValue {
  /// Compact JSON text of this value (insertion order).
  public var jsonString: String { JSONWriter.string(self) }
  /// Compact JSON UTF-8 bytes of this value (insertion order).
  public var jsonBytes: [UInt8] { JSONWriter.bytes(self) }
}

extension JSONObject {
  /// Compact JSON text of this object (insertion order).
  public var jsonString: String { JSONWriter.string(self) }
  /// Compact JSON UTF-8 bytes of this object (insertion order).
  public var jsonBytes: [UInt8] { JSONWriter.bytes(self) }
}
