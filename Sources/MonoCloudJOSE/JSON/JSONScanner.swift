/// Where one member of a scanned object is: its name's bytes (between the quotes) and its
/// value's bytes, as offsets into the document (32-bit: twice as many fit on the machine stack).
struct ScannedMember {
  private var offsets: (Int32, Int32, Int32, Int32)

  init(nameStart: Int, nameEnd: Int, valueStart: Int, valueEnd: Int) {
    offsets = (
      Int32(truncatingIfNeeded: nameStart), Int32(truncatingIfNeeded: nameEnd), Int32(truncatingIfNeeded: valueStart),
      Int32(truncatingIfNeeded: valueEnd)
    )
  }

  var nameStart: Int { Int(offsets.0) }
  var nameEnd: Int { Int(offsets.1) }
  var valueStart: Int { Int(offsets.2) }
  var valueEnd: Int {
    get { Int(offsets.3) }
    set { offsets.3 = Int32(truncatingIfNeeded: newValue) }
  }
}

/// A validating pass over a JSON document that builds nothing: it checks the document under the
/// reader's rules and records where the top-level object's members are, so that a token's header
/// and claims can be read in place, without a tree of values and their heap storage.
///
/// It accepts a subset of what `JSONReader` accepts: a top-level object, no backslash escapes in
/// any string, at most `capacity` names pending at once. Whenever it answers `false` (an error,
/// or a document outside that subset) the caller parses with `JSONReader`, which then gives the
/// exact same result or error as it always has; so the rules and the errors live in one place.
/// What the scanner does check (UTF-8, control characters, numbers, literals, nesting depth,
/// duplicate names) it checks with the reader's own helpers.
struct JSONScanner {
  let base: UnsafePointer<UInt8>
  let end: Int
  let maxDepth: Int
  var pos = 0
  /// Members of the objects being scanned, innermost last; the top-level object's stay at the bottom.
  let members: UnsafeMutablePointer<ScannedMember>
  let capacity: Int
  var count = 0

  /// Pending names that fit in 1 KiB, which `withUnsafeTemporaryAllocation` keeps on the machine stack.
  static var capacity: Int { max(1024 / MemoryLayout<ScannedMember>.stride, 1) }

  /// Scans `document` (which must be non-empty) as an object; on success calls `body` with its
  /// top-level members (valid only during the call). `nil` when the reader must decide.
  static func scanObject<R>(
    _ document: UnsafeRawBufferPointer, maxDepth: Int, _ body: (UnsafeBufferPointer<ScannedMember>) -> R
  ) -> R? {
    guard let start = document.baseAddress, document.count < Int(Int32.max) else { return nil }
    return withUnsafeTemporaryAllocation(of: ScannedMember.self, capacity: capacity) { storage -> R? in
      guard let storageBase = storage.baseAddress else { return nil }
      var scanner = JSONScanner(
        base: start.assumingMemoryBound(to: UInt8.self), end: document.count, maxDepth: min(max(maxDepth, 1), 512),
        members: storageBase, capacity: storage.count)
      guard scanner.scanDocument() else { return nil }
      return body(UnsafeBufferPointer(start: storageBase, count: scanner.count))
    }
  }

  /// The whole document: one object between optional whitespace.
  mutating func scanDocument() -> Bool {
    skipWhitespace()
    guard pos < end, base[pos] == UInt8(ascii: "{"), scanObject(depth: 1) else { return false }
    skipWhitespace()
    return pos == end
  }

  @inline(__always)
  mutating func skipWhitespace() {
    while pos < end {
      let c = base[pos]
      guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
      pos &+= 1
    }
  }

  mutating func scanValue(depth: Int) -> Bool {
    skipWhitespace()
    guard pos < end else { return false }
    switch base[pos] {
    case JSONParser.quote: return scanString()
    case UInt8(ascii: "{"): return scanObject(depth: depth &+ 1)
    case UInt8(ascii: "["): return scanArray(depth: depth &+ 1)
    case UInt8(ascii: "t"): return literal(0x74, 0x72, 0x75, 0x65, count: 4)  // true
    case UInt8(ascii: "f"):
      guard pos &+ 5 <= end, base[pos &+ 4] == UInt8(ascii: "e") else { return false }
      return literal(0x66, 0x61, 0x6C, 0x73, count: 5)  // fals(e)
    case UInt8(ascii: "n"): return literal(0x6E, 0x75, 0x6C, 0x6C, count: 4)  // null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      guard let after = JSONNumber.scan(base, pos, end) else { return false }
      pos = after
      return true
    default:
      return false
    }
  }

  @inline(__always)
  mutating func literal(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, count: Int) -> Bool {
    guard pos &+ count <= end, base[pos] == a, base[pos &+ 1] == b, base[pos &+ 2] == c, base[pos &+ 3] == d else {
      return false
    }
    pos &+= count
    return true
  }

  /// A string without escapes, from its opening quote to after its closing one.
  mutating func scanString() -> Bool {
    pos &+= 1
    while pos &+ 8 <= end {
      let word = UInt64(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self))
      let mask = JSONParser.attentionMask(word)
      if mask != 0 {
        pos &+= mask.trailingZeroBitCount &>> 3
        break
      }
      pos &+= 8
    }
    while pos < end {
      let c = base[pos]
      if c == JSONParser.quote {
        pos &+= 1
        return true
      }
      // A backslash: the reader decodes escapes (and compares escaped names decoded).
      if c == JSONParser.backslash || c < 0x20 { return false }
      if c < 0x80 {
        pos &+= 1
      } else {
        let after = JSONParser.utf8SequenceEnd(base, pos, end)
        guard after >= 0 else { return false }
        pos = after
      }
    }
    return false
  }

  mutating func scanObject(depth: Int) -> Bool {
    guard depth <= maxDepth else { return false }
    pos &+= 1  // {
    skipWhitespace()
    if pos < end && base[pos] == UInt8(ascii: "}") {
      pos &+= 1
      return true
    }
    let first = count
    while true {
      skipWhitespace()
      guard pos < end, base[pos] == JSONParser.quote, count < capacity else { return false }
      let nameStart = pos &+ 1
      guard scanString() else { return false }
      let nameEnd = pos &- 1
      // Names have no escapes here, so equal bytes are equal names.
      var i = first
      while i < count {
        if JSONScanner.equal(base, members[i].nameStart, members[i].nameEnd, nameStart, nameEnd) { return false }
        i &+= 1
      }
      skipWhitespace()
      guard pos < end, base[pos] == UInt8(ascii: ":") else { return false }
      pos &+= 1
      skipWhitespace()
      let valueStart = pos
      let slot = count
      members[slot] = ScannedMember(
        nameStart: nameStart, nameEnd: nameEnd, valueStart: valueStart, valueEnd: valueStart)
      count &+= 1
      guard scanValue(depth: depth) else { return false }
      members[slot].valueEnd = pos
      guard let more = continuesAfterElement(closer: UInt8(ascii: "}")) else { return false }
      if !more { break }
    }
    // Only the top-level object's members are kept.
    if depth > 1 { count = first }
    return true
  }

  mutating func scanArray(depth: Int) -> Bool {
    guard depth <= maxDepth else { return false }
    pos &+= 1  // [
    skipWhitespace()
    if pos < end && base[pos] == UInt8(ascii: "]") {
      pos &+= 1
      return true
    }
    while true {
      guard scanValue(depth: depth), let more = continuesAfterElement(closer: UInt8(ascii: "]")) else { return false }
      if !more { return true }
    }
  }

  /// `,` (true), the container's `closer` (false), anything else nil.
  @inline(__always)
  mutating func continuesAfterElement(closer: UInt8) -> Bool? {
    skipWhitespace()
    guard pos < end else { return nil }
    let c = base[pos]
    guard c == UInt8(ascii: ",") || c == closer else { return nil }
    pos &+= 1
    return c != closer
  }

  /// Whether `base[a..<aEnd]` and `base[b..<bEnd]` hold the same bytes.
  @inline(__always)
  static func equal(_ base: UnsafePointer<UInt8>, _ a: Int, _ aEnd: Int, _ b: Int, _ bEnd: Int) -> Bool {
    guard aEnd &- a == bEnd &- b else { return false }
    return bytesEqual(
      UnsafeRawBufferPointer(start: base + a, count: aEnd &- a),
      UnsafeRawBufferPointer(start: base + b, count: bEnd &- b))
  }
}
