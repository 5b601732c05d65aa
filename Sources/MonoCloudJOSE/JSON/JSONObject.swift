/// A JSON object: members in their original (or insertion) order, names unique by UTF-8 bytes.
/// Lookup is linear, which is the fastest choice for the few members tokens and keys have.
///
/// An object the validator read from a token is kept as its bytes (one allocation) and builds a
/// member's value only when it is asked for; it behaves exactly like one built member by member.
public struct JSONObject: Sendable, Equatable {
  /// The members of a tree, or the `JSONSource` storage of an object read in place. One
  /// reference either way, so that copying an object costs one retain.
  private enum Storage: Sendable {
    case members([JSONMember])
    case source([UInt8])
  }

  private var storage: Storage

  /// `JSONSource` storage of an object read in place, else nil.
  var source: [UInt8]? {
    if case .source(let bytes) = storage { return bytes }
    return nil
  }

  /// The members in order. Names are unique (the reader rejects duplicates, setters replace).
  public private(set) var members: [JSONMember] {
    get {
      switch storage {
      case .members(let members): return members
      case .source: return sourceMembers()
      }
    }
    set { storage = .members(newValue) }
  }

  /// The members of an object read in place, built from its bytes (out of line: one copy of
  /// this code however many places read `members`).
  @inline(never)
  private func sourceMembers() -> [JSONMember] {
    guard case .source(let bytes) = storage else { return [] }
    return bytes.withUnsafeBytes { JSONSourceView($0).members() }
  }

  /// An empty object.
  public init() {
    storage = .members([])
  }

  /// Members already known to have unique names (the reader checked them).
  package init(uniqueMembers: [JSONMember]) {
    storage = .members(uniqueMembers)
  }

  /// An object read in place: `source` is `JSONSource` storage.
  init(source: [UInt8]) {
    storage = .source(source)
  }

  /// `body` over the JSON text this object was read from, when it was read in place (a
  /// validated token's payload, exactly as signed); nil for other objects.
  package func withSourceDocument<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R? {
    guard case .source(let bytes) = storage else { return nil }
    return bytes.withUnsafeBytes { body(JSONSourceView($0).document) }
  }

  /// A copy of the JSON text this object was read from, when it was read in place.
  package var sourceDocument: [UInt8]? {
    withSourceDocument { document in
      [UInt8](unsafeUninitializedCapacity: document.count) { buffer, initialized in
        if let destination = buffer.baseAddress, let start = document.baseAddress {
          UnsafeMutableRawPointer(destination).copyMemory(from: start, byteCount: document.count)
        }
        initialized = document.count
      }
    }
  }

  /// Replaces `output`'s bytes with the JSON text this object was read from, reusing its
  /// storage; false (and `output` untouched) when the object was not read in place.
  package func copySourceDocument(into output: inout [UInt8]) -> Bool {
    withSourceDocument { document -> Bool in
      output.removeAll(keepingCapacity: true)
      output.append(contentsOf: document.assumingMemoryBound(to: UInt8.self))
      return true
    } ?? false
  }

  /// An object from `members`; a later member replaces an earlier one with the same name.
  public init(_ members: [JSONMember]) {
    var unique: [JSONMember] = []
    unique.reserveCapacity(members.count)
    storage = .members(unique)
    for member in members { self[member.key] = member.value }
  }

  /// The number of members.
  public var count: Int {
    switch storage {
    case .members(let members): return members.count
    case .source(let bytes): return bytes.withUnsafeBytes { JSONSourceView($0).memberCount }
    }
  }

  /// Whether the object has no members.
  public var isEmpty: Bool { count == 0 }

  /// The member names in order.
  public var keys: [String] {
    switch storage {
    case .members(let members):
      return members.map { $0.key }
    case .source(let bytes):
      return bytes.withUnsafeBytes { raw in
        let view = JSONSourceView(raw)
        var keys: [String] = []
        keys.reserveCapacity(view.memberCount)
        for i in 0..<view.memberCount { keys.append(view.nameString(i)) }
        return keys
      }
    }
  }

  /// The position of the member named `key` (compared by UTF-8 bytes), if any.
  public func index(forKey key: String) -> Int? {
    key.withUTF8Raw { keyBytes -> Int? in
      switch storage {
      case .source(let bytes):
        return bytes.withUnsafeBytes { JSONSourceView($0).index(forName: keyBytes) }
      case .members(let members):
        return members.withUnsafeBufferPointer { buffer -> Int? in
          var i = 0
          while i < buffer.count {
            if buffer[i].key.utf8Equals(keyBytes) { return i }
            i &+= 1
          }
          return nil
        }
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
      switch storage {
      case .members(let members): return members[i].value
      case .source(let bytes): return bytes.withUnsafeBytes { JSONSourceView($0).valueTree(i) }
      }
    }
    set {
      let position = index(forKey: key)
      // Take the members out (a tree from here on), so that the array is changed in place.
      var members = self.members
      storage = .members([])
      if let position {
        if let newValue {
          members[position].value = newValue
        } else {
          members.remove(at: position)
        }
      } else if let newValue {
        members.append(JSONMember(key: key, value: newValue))
      }
      storage = .members(members)
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
    let left = lhs.members
    let right = rhs.members
    guard left.count == right.count else { return false }
    var i = 0
    while i < left.count {
      let member = left[i]
      // Same position first (the common case: same order), then a lookup. Names are unique,
      // so equal counts plus every left member found equal means the objects are equal.
      if right[i].key.utf8Equals(member.key) {
        guard right[i].value == member.value else { return false }
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
