// Values, objects and arrays: the recursive descent over the document.

extension JSONParser {
  mutating func parseDocument() throws(JOSEError) -> JSONValue {
    let value = try parseValue(depth: 0)
    skipWhitespace()
    guard pos == end else { throw fail("unexpected data after the value") }
    return value
  }

  @inline(__always)
  mutating func skipWhitespace() {
    while pos < end {
      let c = base[pos]
      // space, \t, \n, \r only (RFC 8259 §2)
      guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
      pos &+= 1
    }
  }

  mutating func parseValue(depth: Int) throws(JOSEError) -> JSONValue {
    skipWhitespace()
    guard pos < end else { throw fail("unexpected end of input") }
    switch base[pos] {
    case JSONParser.quote:
      return .string(try parseString())
    case UInt8(ascii: "{"):
      return .object(try parseObject(depth: depth &+ 1))
    case UInt8(ascii: "["):
      return .array(try parseArray(depth: depth &+ 1))
    case UInt8(ascii: "t"):
      try expectLiteral(0x74, 0x72, 0x75, 0x65, count: 4)  // true
      return .bool(true)
    case UInt8(ascii: "f"):
      guard pos &+ 5 <= end, base[pos &+ 4] == UInt8(ascii: "e") else { throw fail("invalid literal") }
      try expectLiteral(0x66, 0x61, 0x6C, 0x73, count: 5)  // fals(e)
      return .bool(false)
    case UInt8(ascii: "n"):
      try expectLiteral(0x6E, 0x75, 0x6C, 0x6C, count: 4)  // null
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      guard let after = JSONNumber.scan(base, pos, end) else { throw fail("invalid number") }
      let text = String(decoding: UnsafeBufferPointer(start: base + pos, count: after &- pos), as: UTF8.self)
      pos = after
      return .number(JSONNumber(uncheckedText: text))
    default:
      throw fail("unexpected character")
    }
  }

  /// Checks the first four bytes of a literal and consumes `count` bytes (checked by the caller beyond 4).
  @inline(__always)
  mutating func expectLiteral(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, count: Int) throws(JOSEError) {
    guard pos &+ count <= end, base[pos] == a, base[pos &+ 1] == b, base[pos &+ 2] == c, base[pos &+ 3] == d else {
      throw fail("invalid literal")
    }
    pos &+= count
  }

  mutating func parseObject(depth: Int) throws(JOSEError) -> JSONObject {
    guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth)") }
    pos &+= 1  // {
    skipWhitespace()
    if pos < end && base[pos] == UInt8(ascii: "}") {
      pos &+= 1
      return JSONObject()
    }
    let first = stackCount
    while true {
      skipWhitespace()
      guard pos < end, base[pos] == JSONParser.quote else { throw fail("expected a member name") }
      let key = try parseString(isName: true)
      let fingerprint = lastFingerprint
      skipWhitespace()
      guard pos < end, base[pos] == UInt8(ascii: ":") else { throw fail("expected ':'") }
      pos &+= 1
      let value = try parseValue(depth: depth)
      // Small objects: compare with each earlier name now; large ones are checked by sorting below.
      if stackCount &- first < 16 {
        var i = first
        while i < stackCount {
          if stack[i].fingerprint == fingerprint && stack[i].key.utf8Equals(key) {
            throw fail("duplicate member name")
          }
          i &+= 1
        }
      }
      push(StackEntry(key: key, value: value, fingerprint: fingerprint))
      guard try continuesAfterElement(closer: UInt8(ascii: "}"), expected: "expected ',' or '}'") else { break }
    }
    let members = popTail(from: first) { JSONMember(key: $0.key, value: $0.value) }
    if members.count > 16 { try checkUniqueNames(members) }
    return JSONObject(uniqueMembers: members)
  }

  /// Moves the entries from `first` on into a new exact-size array (no retain/release per
  /// element) and pops them.
  @inline(__always)
  mutating func popTail<Element>(from first: Int, _ transform: (consuming StackEntry) -> Element) -> [Element] {
    let n = stackCount &- first
    // reserveCapacity + append stay specialized; the uninitialized-capacity initializer calls
    // into the runtime for the storage class metadata on every container.
    var result: [Element] = []
    result.reserveCapacity(n)
    var k = first
    while k < stackCount {
      result.append(transform((stack + k).move()))
      k &+= 1
    }
    stackCount = first
    return result
  }

  /// Rejects duplicate names in a large object in O(n log n) by sorting positions by name bytes.
  func checkUniqueNames(_ members: [JSONMember]) throws(JOSEError) {
    let order = JSONMember.nameOrder(members)
    var i = 1
    while i < order.count {
      if members[order[i &- 1]].key.utf8Equals(members[order[i]].key) { throw fail("duplicate member name") }
      i &+= 1
    }
  }

  mutating func parseArray(depth: Int) throws(JOSEError) -> [JSONValue] {
    guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth)") }
    pos &+= 1  // [
    skipWhitespace()
    if pos < end && base[pos] == UInt8(ascii: "]") {
      pos &+= 1
      return []
    }
    let first = stackCount
    while true {
      let value = try parseValue(depth: depth)
      push(StackEntry(key: "", value: value, fingerprint: 0))
      guard try continuesAfterElement(closer: UInt8(ascii: "]"), expected: "expected ',' or ']'") else { break }
    }
    let elements = popTail(from: first) { $0.value }
    return elements
  }

  /// Consumes what follows a member or element: `,` (true: another one follows) or the
  /// container's `closer` (false); anything else is an error saying `expected`.
  @inline(__always)
  mutating func continuesAfterElement(closer: UInt8, expected: String) throws(JOSEError) -> Bool {
    skipWhitespace()
    guard pos < end else { throw fail("unexpected end of input") }
    let c = base[pos]
    if c == UInt8(ascii: ",") || c == closer {
      pos &+= 1
      return c != closer
    }
    throw fail(expected)
  }
}
