/// A strict RFC 8259 JSON reader over bytes.
///
/// Rejects: invalid UTF-8 (overlong forms, UTF-8-encoded surrogates, code points above
/// U+10FFFF, truncated sequences), lone surrogate escapes, unescaped control characters,
/// duplicate member names (compared as decoded UTF-8 bytes), a leading byte order mark,
/// `NaN`/`Infinity`, leading zeros, a leading `+`, trailing commas, trailing non-whitespace,
/// nesting deeper than `Limits.maxDepth` and input larger than `Limits.maxInputBytes`.
/// Errors have code `.invalidInput` and say what and where (byte offset), never the content.
public enum JSONReader {
  /// Bounds on what the reader accepts.
  public struct Limits: Sendable {
    /// Maximum nesting of arrays and objects (a top-level object is depth 1). Clamped to 1…512
    /// because the reader recurses once per level.
    public var maxDepth: Int
    /// Maximum input size in bytes.
    public var maxInputBytes: Int

    public init(maxDepth: Int = 64, maxInputBytes: Int = 1 << 20) {
      self.maxDepth = maxDepth
      self.maxInputBytes = maxInputBytes
    }

    /// Depth 64, 1 MiB.
    public static var `default`: Limits { Limits() }
  }

  /// Parses exactly one JSON value (surrounded by optional whitespace) from `bytes`.
  public static func parse(_ bytes: UnsafeRawBufferPointer, limits: Limits = .default) throws(JOSEError) -> JSONValue {
    guard bytes.count <= limits.maxInputBytes else {
      throw JOSEError(.invalidInput, "JSON: input larger than \(limits.maxInputBytes) bytes")
    }
    guard let base = bytes.baseAddress else {
      throw JOSEError(.invalidInput, "JSON: empty input")
    }
    let maxDepth = min(max(limits.maxDepth, 1), 512)
    // The container stack starts on the machine stack; it moves to the heap only for
    // documents with more pending members than fit (see `Parser.push`).
    let result: Result<JSONValue, JOSEError> = withUnsafeTemporaryAllocation(
      of: StackEntry.self, capacity: Parser.initialStackCapacity
    ) { storage in
      guard let storageBase = storage.baseAddress else {
        return .failure(JOSEError(.invalidInput, "JSON: no parser stack"))
      }
      var parser = Parser(
        base.assumingMemoryBound(to: UInt8.self), count: bytes.count, maxDepth: maxDepth,
        stack: storageBase, capacity: storage.count)
      defer { parser.releaseStack() }
      do throws(JOSEError) {
        return .success(try parser.parseDocument())
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// Parses exactly one JSON value from `bytes`.
  public static func parse(_ bytes: [UInt8], limits: Limits = .default) throws(JOSEError) -> JSONValue {
    try bytes.withBytes { (raw) throws(JOSEError) -> JSONValue in try parse(raw, limits: limits) }
  }

  /// Parses exactly one JSON value from `bytes`.
  public static func parse(_ bytes: ArraySlice<UInt8>, limits: Limits = .default) throws(JOSEError) -> JSONValue {
    try bytes.withBytes { (raw) throws(JOSEError) -> JSONValue in try parse(raw, limits: limits) }
  }

  /// Parses exactly one JSON value from the UTF-8 of `text`.
  public static func parse(_ text: String, limits: Limits = .default) throws(JOSEError) -> JSONValue {
    try text.withUTF8Bytes { (raw) throws(JOSEError) -> JSONValue in try parse(raw, limits: limits) }
  }

  /// Parses a document that must be a JSON object (JOSE headers, claims, JWKs).
  public static func parseObject(
    _ bytes: UnsafeRawBufferPointer, limits: Limits = .default
  ) throws(JOSEError) -> JSONObject {
    guard case .object(let object) = try parse(bytes, limits: limits) else {
      throw JOSEError(.invalidInput, "JSON: expected an object")
    }
    return object
  }

  /// Parses a document that must be a JSON object.
  public static func parseObject(_ bytes: [UInt8], limits: Limits = .default) throws(JOSEError) -> JSONObject {
    try bytes.withBytes { (raw) throws(JOSEError) -> JSONObject in try parseObject(raw, limits: limits) }
  }

  /// Parses a document that must be a JSON object.
  public static func parseObject(
    _ bytes: ArraySlice<UInt8>, limits: Limits = .default
  ) throws(JOSEError) -> JSONObject {
    try bytes.withBytes { (raw) throws(JOSEError) -> JSONObject in try parseObject(raw, limits: limits) }
  }

  /// Parses a document that must be a JSON object, from the UTF-8 of `text`.
  public static func parseObject(_ text: String, limits: Limits = .default) throws(JOSEError) -> JSONObject {
    try text.withUTF8Bytes { (raw) throws(JOSEError) -> JSONObject in try parseObject(raw, limits: limits) }
  }

  /// Decodes base64url `encoded` (a JWS header or payload segment) into temporary storage and
  /// parses it as a JSON object, without keeping the decoded bytes.
  public static func parseObject(
    base64URLEncoded encoded: UnsafeRawBufferPointer, limits: Limits = .default
  ) throws(JOSEError) -> JSONObject {
    guard let count = Base64URL.decodedByteCount(encodedCount: encoded.count) else {
      throw JOSEError(.invalidInput, "base64url: impossible length")
    }
    guard count <= limits.maxInputBytes else {
      throw JOSEError(.invalidInput, "JSON: input larger than \(limits.maxInputBytes) bytes")
    }
    let result: Result<JSONObject, JOSEError> = withUnsafeTemporaryAllocation(
      byteCount: max(count, 1), alignment: 1
    ) { buffer in
      do throws(JOSEError) {
        let written = try Base64URL.decode(encoded, into: buffer)
        return .success(try parseObject(UnsafeRawBufferPointer(rebasing: buffer[0..<written]), limits: limits))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }
}

/// A member (or, with an empty key, an array element) waiting for its container to close.
struct StackEntry {
  var key: String
  var value: JSONValue
  var fingerprint: UInt64
}

/// The parser state: a cursor over the input plus scratch space reused for all strings and
/// containers, so that each container costs one exact-size array and each string one `String`.
struct Parser {
  let base: UnsafePointer<UInt8>
  let end: Int
  let maxDepth: Int
  var pos = 0
  /// Decoded bytes of a string that contains escapes.
  var scratch: [UInt8] = []
  /// Members and elements of the containers being parsed, innermost last (array elements
  /// have an empty key): `stackCount` initialized entries at `stack`. The storage starts as
  /// the caller's temporary allocation and is replaced by heap storage when it fills up.
  var stack: UnsafeMutablePointer<StackEntry>
  var stackCapacity: Int
  var stackCount = 0
  var stackIsOnHeap = false
  /// Entries that fit in 1 KiB, which `withUnsafeTemporaryAllocation` keeps on the machine stack.
  static var initialStackCapacity: Int { max(1024 / MemoryLayout<StackEntry>.stride, 1) }
  /// The fingerprint of the last string parsed.
  var lastFingerprint: UInt64 = 0

  init(
    _ base: UnsafePointer<UInt8>, count: Int, maxDepth: Int, stack: UnsafeMutablePointer<StackEntry>, capacity: Int
  ) {
    self.base = base
    self.end = count
    self.maxDepth = maxDepth
    self.stack = stack
    self.stackCapacity = capacity
  }

  /// Appends an entry, moving the stack to larger heap storage when it is full.
  @inline(__always)
  mutating func push(_ entry: consuming StackEntry) {
    if stackCount == stackCapacity { growStack() }
    (stack + stackCount).initialize(to: entry)
    stackCount &+= 1
  }

  mutating func growStack() {
    let newCapacity = stackCapacity &* 2
    let newStack = UnsafeMutablePointer<StackEntry>.allocate(capacity: newCapacity)
    newStack.moveInitialize(from: stack, count: stackCount)
    if stackIsOnHeap { stack.deallocate() }
    stack = newStack
    stackCapacity = newCapacity
    stackIsOnHeap = true
  }

  /// Destroys what is left on the stack (after an error) and frees heap storage.
  mutating func releaseStack() {
    stack.deinitialize(count: stackCount)
    stackCount = 0
    if stackIsOnHeap { stack.deallocate() }
    stackIsOnHeap = false
  }

  static let quote = UInt8(ascii: "\"")
  static let backslash = UInt8(ascii: "\\")

  func fail(_ what: String) -> JOSEError {
    JOSEError(.invalidInput, "JSON: \(what) at byte \(pos)")
  }

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
    case Parser.quote:
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
      guard pos < end, base[pos] == Parser.quote else { throw fail("expected a member name") }
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
      skipWhitespace()
      guard pos < end else { throw fail("unexpected end of input") }
      let c = base[pos]
      pos &+= 1
      if c == UInt8(ascii: ",") { continue }
      if c == UInt8(ascii: "}") { break }
      pos &-= 1
      throw fail("expected ',' or '}'")
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

  /// A fingerprint of a name's bytes: its length and its first and last (up to) eight bytes.
  @inline(__always)
  static func fingerprint(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var head: UInt64 = 0
    var tail: UInt64 = 0
    if n >= 8 {
      head = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
      tail = UnsafeRawPointer(p + (n &- 8)).loadUnaligned(as: UInt64.self)
    } else {
      var i = 0
      while i < n {
        head = head << 8 | UInt64(p[i])
        i &+= 1
      }
    }
    return (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &+ UInt64(truncatingIfNeeded: n) &* 0xC2B2_AE3D_27D4_EB4F)
  }

  /// Up to eight bytes packed little-endian into one word (unescaped string bytes are never
  /// zero, so the word identifies the bytes).
  @inline(__always)
  static func packed(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var word: UInt64 = 0
    var i = 0
    while i < n {
      word |= UInt64(p[i]) << (UInt64(truncatingIfNeeded: i) &* 8)
      i &+= 1
    }
    return word
  }

  /// Member names common in JOSE headers, JWKs and claims, as string literals: returning a
  /// literal skips creating and validating a new `String` for most names.
  static func wellKnownName(_ packed: UInt64) -> String? {
    switch packed {
    case 0x737369: return "iss"
    case 0x627573: return "sub"
    case 0x647561: return "aud"
    case 0x707865: return "exp"
    case 0x66626E: return "nbf"
    case 0x746169: return "iat"
    case 0x69746A: return "jti"
    case 0x65706F6373: return "scope"
    case 0x706373: return "scp"
    case 0x7370756F7267: return "groups"
    case 0x666E63: return "cnf"
    case 0x646973: return "sid"
    case 0x707A61: return "azp"
    case 0x676C61: return "alg"
    case 0x64696B: return "kid"
    case 0x707974: return "typ"
    case 0x79746B: return "kty"
    case 0x767263: return "crv"
    case 0x657375: return "use"
    case 0x78: return "x"
    case 0x79: return "y"
    case 0x6E: return "n"
    case 0x65: return "e"
    case 0x64: return "d"
    case 0x6B: return "k"
    case 0x73706F5F79656B: return "key_ops"
    case 0x3635325323743578: return "x5t#S256"
    case 0x633578: return "x5c"
    case 0x743578: return "x5t"
    case 0x756B6A: return "jku"
    case 0x6B776A: return "jwk"
    case 0x797463: return "cty"
    case 0x74697263: return "crit"
    case 0x65636E6F6E: return "nonce"
    case 0x6C69616D65: return "email"
    case 0x656D616E: return "name"
    case 0x73656C6F72: return "roles"
    case 0x726D61: return "amr"
    case 0x726361: return "acr"
    case 0x6469: return "id"
    case 0x7379656B: return "keys"
    case 0x657669746361: return "active"
    case 0x70697A: return "zip"
    case 0x636E65: return "enc"
    case 0x6B7065: return "epk"
    case 0x7669: return "iv"
    case 0x676174: return "tag"
    default: return nil
    }
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
      skipWhitespace()
      guard pos < end else { throw fail("unexpected end of input") }
      let c = base[pos]
      pos &+= 1
      if c == UInt8(ascii: ",") { continue }
      if c == UInt8(ascii: "]") { break }
      pos &-= 1
      throw fail("expected ',' or ']'")
    }
    let elements = popTail(from: first) { $0.value }
    return elements
  }

  /// Parses a string starting at its opening quote. Plain runs become a `String` straight from
  /// the input; strings with escapes are decoded through `scratch`.
  mutating func parseString(isName: Bool = false) throws(JOSEError) -> String {
    pos &+= 1  // opening quote
    let start = pos
    // Skip eight plain ASCII bytes at a time (no quote, backslash, control or non-ASCII byte).
    // Then jump straight to the first byte that needs a look.
    while pos &+ 8 <= end {
      let word = UInt64(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self))
      let mask = Parser.attentionMask(word)
      if mask != 0 {
        pos &+= mask.trailingZeroBitCount &>> 3
        break
      }
      pos &+= 8
    }
    while pos < end {
      let c = base[pos]
      if c == Parser.quote {
        let count = pos &- start
        if isName {
          lastFingerprint = Parser.fingerprint(base + start, count)
          if count <= 8, let known = Parser.wellKnownName(Parser.packed(base + start, count)) {
            pos &+= 1
            return known
          }
        }
        let string = String(decoding: UnsafeBufferPointer(start: base + start, count: count), as: UTF8.self)
        pos &+= 1
        return string
      }
      if c == Parser.backslash {
        scratch.removeAll(keepingCapacity: true)
        scratch.reserveCapacity(pos &- start &+ 64)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: pos &- start))
        return try parseEscapedRest(isName: isName)
      }
      if c < 0x20 { throw fail("unescaped control character in string") }
      if c < 0x80 {
        pos &+= 1
      } else {
        pos = try validateUTF8Sequence(at: pos)
      }
    }
    throw fail("unterminated string")
  }

  /// The high bit of each byte of `word` (little-endian) that is `"`, `\`, below 0x20 or
  /// non-ASCII (SWAR: the has-zero-byte and has-less-than tests on all lanes at once). Bytes
  /// above a flagged byte may be flagged falsely, but the lowest flagged byte is always a
  /// true one, which is all the caller uses.
  @inline(__always)
  static func attentionMask(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let quotes = word ^ (ones &* 0x22)
    let backslashes = word ^ (ones &* 0x5C)
    let hasQuote = (quotes &- ones) & ~quotes
    let hasBackslash = (backslashes &- ones) & ~backslashes
    let hasControl = (word &- ones &* 0x20) & ~word
    return (hasQuote | hasBackslash | hasControl | word) & highs
  }

  /// Continues a string at a backslash, appending decoded bytes to `scratch`.
  mutating func parseEscapedRest(isName: Bool) throws(JOSEError) -> String {
    while pos < end {
      let c = base[pos]
      if c == Parser.quote {
        pos &+= 1
        if isName {
          lastFingerprint = scratch.withUnsafeBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return 0 }
            return Parser.fingerprint(start, buffer.count)
          }
        }
        return String(decoding: scratch, as: UTF8.self)
      }
      if c == Parser.backslash {
        pos &+= 1
        guard pos < end else { break }
        let e = base[pos]
        pos &+= 1
        switch e {
        case Parser.quote, Parser.backslash, UInt8(ascii: "/"): scratch.append(e)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try parseHex4()
          if scalar & 0xFC00 == 0xD800 {
            // A high surrogate must be followed by an escaped low surrogate.
            guard pos &+ 2 <= end, base[pos] == Parser.backslash, base[pos &+ 1] == UInt8(ascii: "u") else {
              throw fail("unpaired surrogate escape")
            }
            pos &+= 2
            let low = try parseHex4()
            guard low & 0xFC00 == 0xDC00 else { throw fail("unpaired surrogate escape") }
            scalar = 0x10000 &+ ((scalar & 0x3FF) << 10) &+ (low & 0x3FF)
          } else if scalar & 0xFC00 == 0xDC00 {
            throw fail("unpaired surrogate escape")
          }
          appendUTF8(scalar)
        default:
          pos &-= 1
          throw fail("invalid escape")
        }
        continue
      }
      if c < 0x20 { throw fail("unescaped control character in string") }
      if c < 0x80 {
        scratch.append(c)
        pos &+= 1
      } else {
        let after = try validateUTF8Sequence(at: pos)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + pos, count: after &- pos))
        pos = after
      }
    }
    throw fail("unterminated string")
  }

  mutating func parseHex4() throws(JOSEError) -> UInt32 {
    guard pos &+ 4 <= end else { throw fail("truncated \\u escape") }
    var value: UInt32 = 0
    for k in 0..<4 {
      let c = UInt32(base[pos &+ k])
      let digit: UInt32
      if c &- 48 < 10 {
        digit = c &- 48
      } else if (c | 0x20) &- 97 < 6 {
        digit = (c | 0x20) &- 87
      } else {
        throw fail("invalid \\u escape")
      }
      value = value << 4 | digit
    }
    pos &+= 4
    return value
  }

  mutating func appendUTF8(_ scalar: UInt32) {
    if scalar < 0x80 {
      scratch.append(UInt8(truncatingIfNeeded: scalar))
    } else if scalar < 0x800 {
      scratch.append(UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
    } else if scalar < 0x10000 {
      scratch.append(UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | (scalar >> 6) & 0x3F))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
    } else {
      scratch.append(UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | (scalar >> 12) & 0x3F))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | (scalar >> 6) & 0x3F))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
    }
  }

  /// Validates the multi-byte UTF-8 sequence whose lead byte (≥ 0x80) is at `i`; returns the
  /// index after it. Well-formed only (Unicode Table 3-7): no overlongs, no surrogates, ≤ U+10FFFF.
  @inline(__always)
  func validateUTF8Sequence(at i: Int) throws(JOSEError) -> Int {
    let lead = base[i]
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      high = 0x9F
    case 0xF0:
      length = 4
      low = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      high = 0x8F
    default:
      throw JOSEError(.invalidInput, "JSON: invalid UTF-8 at byte \(i)")
    }
    guard i &+ length <= end else { throw JOSEError(.invalidInput, "JSON: truncated UTF-8 at byte \(i)") }
    let second = base[i &+ 1]
    guard second >= low && second <= high else { throw JOSEError(.invalidInput, "JSON: invalid UTF-8 at byte \(i)") }
    var k = 2
    while k < length {
      guard base[i &+ k] & 0xC0 == 0x80 else { throw JOSEError(.invalidInput, "JSON: invalid UTF-8 at byte \(i)") }
      k &+= 1
    }
    return i &+ length
  }
}
