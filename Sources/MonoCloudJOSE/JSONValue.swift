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

/// One member of a JSON object.
public struct JSONMember: Sendable, Equatable {
  public var key: String
  public var value: JSONValue

  public init(key: String, value: JSONValue) {
    self.key = key
    self.value = value
  }

  public static func == (lhs: JSONMember, rhs: JSONMember) -> Bool {
    lhs.key.utf8Equals(rhs.key) && lhs.value == rhs.value
  }

  /// The positions of `members` ordered by name (UTF-8 bytes; equal names by position, so the
  /// order is the one a stable sort would give). A heapsort: O(n log n) in the worst case, and a
  /// fraction of the code of the stdlib's generic sort over `String.UTF8View` in Embedded builds.
  static func nameOrder(_ members: [JSONMember]) -> [Int] {
    var order = Array(members.indices)
    members.withUnsafeBufferPointer { members in
      order.withUnsafeMutableBufferPointer { order in
        guard let order = order.baseAddress else { return }
        var end = members.count
        var start = end / 2
        while start > 0 {
          start &-= 1
          siftDown(order, start, end, members)
        }
        while end > 1 {
          end &-= 1
          let largest = order[0]
          order[0] = order[end]
          order[end] = largest
          siftDown(order, 0, end, members)
        }
      }
    }
    return order
  }

  /// Heapsort's sift-down of `order[start]` within `order[0..<end]`.
  private static func siftDown(
    _ order: UnsafeMutablePointer<Int>, _ start: Int, _ end: Int, _ members: UnsafeBufferPointer<JSONMember>
  ) {
    var root = start
    while true {
      var child = 2 &* root &+ 1
      if child >= end { return }
      if child &+ 1 < end && before(order[child], order[child &+ 1], members) { child &+= 1 }
      guard before(order[root], order[child], members) else { return }
      let moved = order[root]
      order[root] = order[child]
      order[child] = moved
      root = child
    }
  }

  /// Whether member `i` sorts before member `j`: by name bytes, then by position.
  private static func before(_ i: Int, _ j: Int, _ members: UnsafeBufferPointer<JSONMember>) -> Bool {
    let c = members[i].key.utf8Compare(members[j].key)
    return c < 0 || (c == 0 && i < j)
  }
}

/// A JSON object: members in their original (or insertion) order, names unique by UTF-8 bytes.
/// Lookup is linear, which is the fastest choice for the few members tokens and keys have.
public struct JSONObject: Sendable, Equatable {
  /// The members in order. Names are unique (the reader rejects duplicates, setters replace).
  public private(set) var members: [JSONMember]

  /// An empty object.
  public init() {
    members = []
  }

  /// Members already known to have unique names (the reader checked them).
  package init(uniqueMembers: [JSONMember]) {
    members = uniqueMembers
  }

  /// An object from `members`; a later member replaces an earlier one with the same name.
  public init(_ members: [JSONMember]) {
    self.members = []
    self.members.reserveCapacity(members.count)
    for member in members { self[member.key] = member.value }
  }

  /// The number of members.
  @inlinable public var count: Int { members.count }

  /// Whether the object has no members.
  @inlinable public var isEmpty: Bool { members.isEmpty }

  /// The member names in order.
  public var keys: [String] { members.map { $0.key } }

  /// The position of the member named `key` (compared by UTF-8 bytes), if any.
  public func index(forKey key: String) -> Int? {
    key.withUTF8Raw { keyBytes -> Int? in
      members.withUnsafeBufferPointer { buffer -> Int? in
        var i = 0
        while i < buffer.count {
          if buffer[i].key.utf8Equals(keyBytes) { return i }
          i &+= 1
        }
        return nil
      }
    }
  }

  /// Whether a member named `key` exists.
  public func contains(_ key: String) -> Bool { index(forKey: key) != nil }

  /// The value of the member named `key`. Setting replaces the member in place or appends it;
  /// setting `nil` removes it.
  public subscript(key: String) -> JSONValue? {
    get {
      guard let i = index(forKey: key) else { return nil }
      return members[i].value
    }
    set {
      if let i = index(forKey: key) {
        if let newValue {
          members[i].value = newValue
        } else {
          members.remove(at: i)
        }
      } else if let newValue {
        members.append(JSONMember(key: key, value: newValue))
      }
    }
  }

  /// The member's string value, if it exists and is a string.
  public func string(_ key: String) -> String? { self[key]?.stringValue }
  /// The member's number, if it exists and is a number.
  public func number(_ key: String) -> JSONNumber? { self[key]?.numberValue }
  /// The member's exact integer value, if it exists and is a plain integer in `Int64` range.
  public func int64(_ key: String) -> Int64? { self[key]?.int64Value }
  /// The member's value as `Double`, if it exists and is a number.
  public func double(_ key: String) -> Double? { self[key]?.doubleValue }
  /// The member's Boolean value, if it exists and is `true` or `false`.
  public func bool(_ key: String) -> Bool? { self[key]?.boolValue }
  /// The member's elements, if it exists and is an array.
  public func array(_ key: String) -> [JSONValue]? { self[key]?.arrayValue }
  /// The member's object value, if it exists and is an object.
  public func object(_ key: String) -> JSONObject? { self[key]?.objectValue }
  /// The member's elements if it is an array whose elements are all strings.
  public func strings(_ key: String) -> [String]? {
    guard let elements = self[key]?.arrayValue else { return nil }
    var result: [String] = []
    result.reserveCapacity(elements.count)
    for element in elements {
      guard let string = element.stringValue else { return nil }
      result.append(string)
    }
    return result
  }

  /// Equal when both have the same names with equal values; member order does not matter.
  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    guard lhs.members.count == rhs.members.count else { return false }
    var i = 0
    while i < lhs.members.count {
      let member = lhs.members[i]
      // Same position first (the common case: same order), then a lookup. Names are unique,
      // so equal counts plus every left member found equal means the objects are equal.
      if rhs.members[i].key.utf8Equals(member.key) {
        guard rhs.members[i].value == member.value else { return false }
      } else {
        guard let other = rhs[member.key], other == member.value else { return false }
      }
      i &+= 1
    }
    return true
  }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self.init()
    for (key, value) in elements { self[key] = value }
  }
}
