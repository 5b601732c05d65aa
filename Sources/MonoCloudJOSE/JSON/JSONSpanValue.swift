/// A value inside a document that `JSONScanner` accepted (so: valid JSON, no escapes), read in
/// place: where it is. Reading trusts that validity but never reads outside the document.
struct JSONSpanValue {
  /// The whole document.
  let document: UnsafeRawBufferPointer
  /// The value's bytes are `document[start..<end]`.
  let start: Int
  let end: Int

  init(document: UnsafeRawBufferPointer, start: Int, end: Int) {
    self.document = document
    self.start = start
    self.end = end
  }

  /// The value's first byte (nil for an empty span).
  var firstByte: UInt8? { start < end ? document[start] : nil }

  /// The member named `name`, if this is an object that has it.
  func member(_ name: String) -> JSONSpanValue? {
    name.withUTF8Raw { name -> JSONSpanValue? in
      var found: JSONSpanValue?
      forEachMember { memberName, value in
        guard memberName.count == name.count && bytesEqual(memberName, name) else { return true }
        found = value
        return false
      }
      return found
    }
  }

  /// `body` over each member's name (its UTF-8 bytes) and value, in order, until it returns
  /// false; nothing when this is not an object.
  func forEachMember(_ body: (UnsafeRawBufferPointer, JSONSpanValue) -> Bool) {
    guard firstByte == UInt8(ascii: "{") else { return }
    var pos = skipWhitespace(from: start &+ 1)
    while pos < end, document[pos] == JSONParser.quote {
      let nameStart = pos &+ 1
      let nameEnd = skipValue(from: pos) &- 1
      guard nameEnd >= nameStart else { return }
      pos = skipWhitespace(from: nameEnd &+ 1)
      guard pos < end, document[pos] == UInt8(ascii: ":") else { return }
      let valueStart = skipWhitespace(from: pos &+ 1)
      let valueEnd = skipValue(from: valueStart)
      let name = UnsafeRawBufferPointer(rebasing: document[nameStart..<nameEnd])
      guard body(name, JSONSpanValue(document: document, start: valueStart, end: valueEnd)) else { return }
      pos = skipWhitespace(from: valueEnd)
      guard pos < end, document[pos] == UInt8(ascii: ",") else { return }
      pos = skipWhitespace(from: pos &+ 1)
    }
  }

  /// Whether `predicate` holds for an element; nil when this is not an array.
  func containsElement(where predicate: (JSONSpanValue) -> Bool) -> Bool? {
    guard firstByte == UInt8(ascii: "[") else { return nil }
    var pos = skipWhitespace(from: start &+ 1)
    while pos < end, document[pos] != UInt8(ascii: "]") {
      let valueEnd = skipValue(from: pos)
      if predicate(JSONSpanValue(document: document, start: pos, end: valueEnd)) { return true }
      pos = skipWhitespace(from: valueEnd)
      guard pos < end, document[pos] == UInt8(ascii: ",") else { return false }
      pos = skipWhitespace(from: pos &+ 1)
    }
    return false
  }

  private func skipWhitespace(from position: Int) -> Int {
    var pos = position
    while pos < end {
      let c = document[pos]
      guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { break }
      pos &+= 1
    }
    return pos
  }

  /// The index after the value that starts at `position` (strings have no escapes here).
  private func skipValue(from position: Int) -> Int {
    var pos = position
    guard pos < end else { return end }
    let first = document[pos]
    if first == JSONParser.quote { return closingQuote(after: pos) &+ 1 }
    if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
      var depth = 0
      while pos < end {
        let c = document[pos]
        if c == JSONParser.quote {
          pos = closingQuote(after: pos)
        } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
          depth &+= 1
        } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
          depth &-= 1
          if depth == 0 { return min(pos &+ 1, end) }
        }
        pos &+= 1
      }
      return end
    }
    // A number or a literal: up to the next delimiter.
    while pos < end {
      let c = document[pos]
      if c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == 0x20 || c == 0x0A
        || c == 0x0D || c == 0x09
      {
        break
      }
      pos &+= 1
    }
    return pos
  }

  /// The index of the quote that closes the string opening at `position` (`end - 1` if none).
  private func closingQuote(after position: Int) -> Int {
    var pos = position &+ 1
    while pos < end {
      if document[pos] == JSONParser.quote { return pos }
      pos &+= 1
    }
    return end &- 1
  }
}
