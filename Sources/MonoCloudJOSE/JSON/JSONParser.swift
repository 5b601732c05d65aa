/// A member (or, with an empty key, an array element) waiting for its container to close.
struct StackEntry {
  var key: String
  var value: JSONValue
  var fingerprint: UInt64
}

/// The parser state: a cursor over the input plus scratch space reused for all strings and
/// containers, so that each container costs one exact-size array and each string one `String`.
struct JSONParser {
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
}
