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
