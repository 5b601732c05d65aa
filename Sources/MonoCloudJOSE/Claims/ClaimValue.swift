/// A claims value as the claim checks read it: from a `JSONValue` tree, or in place from a
/// token's bytes (an object the validator read in place), so that the checks are written, and
/// compiled, once, and a validated token's claims are checked without building values.
enum ClaimValue {
  case tree(JSONValue)
  case span(JSONSpanValue)

  /// The member named `name`, if this is an object that has it.
  @inline(__always)
  func member(_ name: String) -> ClaimValue? {
    switch self {
    case .tree(let value):
      guard case .object(let object) = value, let member = object[name] else { return nil }
      return .tree(member)
    case .span(let value): return value.member(name).map { .span($0) }
    }
  }

  /// Whether this is an object.
  @inline(__always)
  var isObject: Bool {
    switch self {
    case .tree(let value):
      if case .object = value { return true }
      return false
    case .span(let value): return value.firstByte == UInt8(ascii: "{")
    }
  }

  /// `body` over the string's UTF-8 bytes; nil when this is not a string.
  @inline(__always)
  func withStringBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R? {
    switch self {
    case .tree(let value):
      guard case .string(let string) = value else { return nil }
      return string.withUTF8InPlace(body)
    case .span(let value):
      guard value.firstByte == JSONParser.quote, value.end &- value.start >= 2 else { return nil }
      // No escapes in a scanned document: the bytes between the quotes are the string's UTF-8.
      return body(UnsafeRawBufferPointer(rebasing: value.document[(value.start &+ 1)..<(value.end &- 1)]))
    }
  }

  /// Whether this is a string.
  @inline(__always)
  var isString: Bool {
    switch self {
    case .tree(let value):
      if case .string = value { return true }
      return false
    case .span(let value):
      return value.firstByte == JSONParser.quote
    }
  }

  /// `body` over the number's JSON text; nil when this is not a number.
  @inline(__always)
  func withNumberText<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R? {
    switch self {
    case .tree(let value):
      guard case .number(let number) = value else { return nil }
      return number.text.withUTF8InPlace(body)
    case .span(let value):
      guard let first = value.firstByte, first == UInt8(ascii: "-") || JSONNumber.isDigit(first) else { return nil }
      return body(UnsafeRawBufferPointer(rebasing: value.document[value.start..<value.end]))
    }
  }

  /// Whether `predicate` holds for an element; nil when this is not an array.
  @inline(__always)
  func containsElement(where predicate: (ClaimValue) -> Bool) -> Bool? {
    switch self {
    case .tree(let value):
      guard case .array(let elements) = value else { return nil }
      return elements.contains { predicate(.tree($0)) }
    case .span(let value):
      return value.containsElement { predicate(.span($0)) }
    }
  }

  /// Whether this is an array.
  @inline(__always)
  var isArray: Bool {
    switch self {
    case .tree(let value):
      if case .array = value { return true }
      return false
    case .span(let value):
      return value.firstByte == UInt8(ascii: "[")
    }
  }
}
