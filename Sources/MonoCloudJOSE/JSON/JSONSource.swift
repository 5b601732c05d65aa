// An object read in place: its document's bytes, kept as they are in one array together with
// where its top-level members are. Layout of the array (integers 32-bit little-endian):
//
//   member count | document byte count | per member: name start, name end, value start,
//   value end (offsets into the document) | the document's bytes
//
// One allocation holds everything; values are built only when asked for (see `JSONObject`).

enum JSONSource {
  static let headerByteCount = 8
  static let entryByteCount = 16

  /// The storage for `document` (accepted by `JSONScanner`) with its top-level `members`.
  static func make(document: UnsafeRawBufferPointer, members: UnsafeBufferPointer<ScannedMember>) -> [UInt8] {
    let tableEnd = headerByteCount &+ members.count &* entryByteCount
    let total = tableEnd &+ document.count
    return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
      guard let start = buffer.baseAddress else { return }
      let raw = UnsafeMutableRawPointer(start)
      raw.storeBytes(of: UInt32(truncatingIfNeeded: members.count).littleEndian, toByteOffset: 0, as: UInt32.self)
      raw.storeBytes(of: UInt32(truncatingIfNeeded: document.count).littleEndian, toByteOffset: 4, as: UInt32.self)
      var offset = headerByteCount
      func store(_ value: Int) {
        raw.storeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian, toByteOffset: offset, as: UInt32.self)
        offset &+= 4
      }
      for member in members {
        store(member.nameStart)
        store(member.nameEnd)
        store(member.valueStart)
        store(member.valueEnd)
      }
      if let documentStart = document.baseAddress, document.count > 0 {
        (raw + tableEnd).copyMemory(from: documentStart, byteCount: document.count)
      }
      initialized = total
    }
  }
}

/// A read-only view of `JSONSource` storage, valid while the storage's bytes are borrowed.
struct JSONSourceView {
  let storage: UnsafeRawBufferPointer
  let memberCount: Int
  /// The document's bytes.
  let document: UnsafeRawBufferPointer

  /// Trusts the layout `JSONSource.make` wrote; a short or inconsistent buffer reads as empty.
  init(_ storage: UnsafeRawBufferPointer) {
    self.storage = storage
    guard storage.count >= JSONSource.headerByteCount, let base = storage.baseAddress else {
      memberCount = 0
      document = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    let members = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 0, as: UInt32.self)))
    let bytes = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
    let tableEnd = JSONSource.headerByteCount &+ members &* JSONSource.entryByteCount
    guard tableEnd &+ bytes == storage.count else {
      memberCount = 0
      document = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    memberCount = members
    document = UnsafeRawBufferPointer(rebasing: storage[tableEnd...])
  }

  @inline(__always)
  private func field(_ member: Int, _ index: Int) -> Int {
    let offset = JSONSource.headerByteCount &+ member &* JSONSource.entryByteCount &+ index &* 4
    return Int(UInt32(littleEndian: storage.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
  }

  /// The bytes of member `i`'s name (no escapes: they are the name's UTF-8).
  func name(_ i: Int) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: document[field(i, 0)..<field(i, 1)])
  }

  /// Where member `i`'s value is in the document.
  func valueRange(_ i: Int) -> Range<Int> { field(i, 2)..<field(i, 3) }

  /// The bytes of member `i`'s value (its JSON text).
  func value(_ i: Int) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: document[valueRange(i)])
  }

  /// The position of the member named `name` (its UTF-8 bytes), if any.
  func index(forName name: UnsafeRawBufferPointer) -> Int? {
    var i = 0
    while i < memberCount {
      if field(i, 1) &- field(i, 0) == name.count && bytesEqual(self.name(i), name) { return i }
      i &+= 1
    }
    return nil
  }

  /// Member `i`'s name as a `String`.
  func nameString(_ i: Int) -> String {
    String(decoding: name(i), as: UTF8.self)
  }

  /// Member `i`'s value as a `JSONValue` tree. The scanner accepted these bytes under the
  /// reader's rules, so the reader accepts them again (`.null` would mark the impossible case).
  func valueTree(_ i: Int) -> JSONValue {
    let limits = JSONReader.Limits(maxDepth: 512, maxInputBytes: Int.max)
    return (try? JSONReader.parse(value(i), limits: limits)) ?? .null
  }

  /// All members as a tree.
  func members() -> [JSONMember] {
    var members: [JSONMember] = []
    members.reserveCapacity(memberCount)
    var i = 0
    while i < memberCount {
      members.append(JSONMember(key: nameString(i), value: valueTree(i)))
      i &+= 1
    }
    return members
  }
}
