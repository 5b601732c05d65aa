/// A JSON value (RFC 8259). Numbers keep their exact text; strings are compared by their
/// UTF-8 bytes, never by Unicode canonical equivalence.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(JSONNumber)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a.utf8Equals(b)
    case (.array(let a), .array(let b)):
      guard a.count == b.count else { return false }
      for i in 0..<a.count where a[i] != b[i] { return false }
      return true
    case (.object(let a), .object(let b)): return a == b
    default: return false
    }
  }

  /// The string, if this is a string.
  @inlinable public var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The number, if this is a number.
  @inlinable public var numberValue: JSONNumber? {
    if case .number(let value) = self { return value }
    return nil
  }

  /// The number as an exact `Int64` (plain integer syntax in range), if this is such a number.
  @inlinable public var int64Value: Int64? { numberValue?.int64Value }

  /// The number as a `Double`, if this is a number in the finite `Double` range.
  @inlinable public var doubleValue: Double? { numberValue?.doubleValue }

  /// The Boolean, if this is `true` or `false`.
  @inlinable public var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  /// The elements, if this is an array.
  @inlinable public var arrayValue: [JSONValue]? {
    if case .array(let value) = self { return value }
    return nil
  }

  /// The object, if this is an object.
  @inlinable public var objectValue: JSONObject? {
    if case .object(let value) = self { return value }
    return nil
  }

  /// Whether this is `null`.
  @inlinable public var isNull: Bool {
    if case .null = self { return true }
    return false
  }

  /// The member named `key`, if this is an object that has it.
  @inlinable public subscript(key: String) -> JSONValue? {
    objectValue?[key]
  }

  /// The element at `index`, if this is an array and `index` is in range.
  @inlinable public subscript(index: Int) -> JSONValue? {
    guard case .array(let elements) = self, index >= 0, index < elements.count else { return nil }
    return elements[index]
  }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  public init(nilLiteral: ()) { self = .null }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(integerLiteral value: Int64) { self = .number(JSONNumber(value)) }
  public init(stringLiteral value: String) { self = .string(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    var object = JSONObject()
    for (key, value) in elements { object[key] = value }
    self = .object(object)
  }
}
