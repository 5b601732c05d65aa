/// Response header fields in order, with case-insensitive lookup by name.
public struct HTTPHeaderFields: RandomAccessCollection, ExpressibleByArrayLiteral, Sendable, Equatable {
  /// One field.
  public typealias Field = (name: String, value: String)

  private var fields: [Field]

  public init(_ fields: [Field] = []) { self.fields = fields }
  public init(arrayLiteral elements: Field...) { self.fields = elements }

  /// The value of the first field named `name` (ASCII case-insensitive), if any.
  public subscript(name: String) -> String? {
    let wanted = Array(name.utf8).map(Self.lowercased)
    return fields.first { field in Array(field.name.utf8).map(Self.lowercased) == wanted }?.value
  }

  /// Appends a field.
  public mutating func append(name: String, value: String) { fields.append((name, value)) }

  public var startIndex: Int { fields.startIndex }
  public var endIndex: Int { fields.endIndex }
  public subscript(position: Int) -> Field { fields[position] }

  public static func == (lhs: HTTPHeaderFields, rhs: HTTPHeaderFields) -> Bool {
    lhs.fields.count == rhs.fields.count
      && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
  }

  private static func lowercased(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
  }
}
