/// How option values given as text (command-line flags, `MONOCLOUD_BACKEND_*` variables, the
/// wasm options) are read, in one place for every front end: trimmed; booleans `true`/`false`
/// in any case; numbers non-negative decimal integers; lists comma-separated. Works on UTF-8
/// bytes, so Embedded builds need no Unicode tables.
public enum ConfigurationText {
  /// Without leading and trailing spaces, tabs, CR and LF.
  public static func trimmed(_ text: String) -> String {
    let bytes = Array(text.utf8)
    var start = 0
    var end = bytes.count
    while start < end && isSpace(bytes[start]) { start &+= 1 }
    while end > start && isSpace(bytes[end &- 1]) { end &-= 1 }
    if start == 0 && end == bytes.count { return text }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// `true` or `false` in any letter case; `nil` otherwise.
  public static func boolean(_ text: String) -> Bool? {
    if equalsIgnoringASCIICase(text, "true") { return true }
    if equalsIgnoringASCIICase(text, "false") { return false }
    return nil
  }

  /// Decimal digits only (no sign, no spaces), fitting `Int64`; `nil` otherwise.
  public static func nonNegativeInteger(_ text: String) -> Int64? {
    var value: Int64 = 0
    var digits = 0
    for byte in text.utf8 {
      guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
      let (times, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, carry) = times.addingReportingOverflow(Int64(byte &- UInt8(ascii: "0")))
      if overflow || carry { return nil }
      value = sum
      digits &+= 1
    }
    return digits > 0 ? value : nil
  }

  /// The entries of a comma-separated list, each trimmed. `nil` when an entry is empty or
  /// blank (`"a,,b"`, `" "`): a blank requirement is a mistake, never silently dropped.
  public static func list(_ text: String) -> [String]? {
    var entries: [String] = []
    var current: [UInt8] = []
    for byte in text.utf8 {
      if byte == UInt8(ascii: ",") {
        entries.append(String(decoding: current, as: UTF8.self))
        current.removeAll(keepingCapacity: true)
      } else {
        current.append(byte)
      }
    }
    entries.append(String(decoding: current, as: UTF8.self))
    var result: [String] = []
    for entry in entries {
      let clean = trimmed(entry)
      guard !clean.utf8.isEmpty else { return nil }
      result.append(clean)
    }
    return result
  }

  /// The entries of a list separated by ASCII whitespace (spaces, tabs, CR, LF), as in a
  /// `scope` claim; empty entries are dropped.
  public static func words(_ text: String) -> [String] {
    var words: [String] = []
    var current: [UInt8] = []
    for byte in text.utf8 {
      if isSpace(byte) || byte == 0x0C {
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        current.removeAll(keepingCapacity: true)
      } else {
        current.append(byte)
      }
    }
    if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
    return words
  }

  /// Whether `text` is empty or only spaces, tabs, CR and LF.
  public static func isBlank(_ text: String) -> Bool {
    text.utf8.allSatisfy { isSpace($0) }
  }

  /// ASCII case-insensitive equality (other bytes must match exactly).
  public static func equalsIgnoringASCIICase(_ text: String, _ other: String) -> Bool {
    text.withUTF8Raw { equalsIgnoringASCIICase($0, other) }
  }

  /// `equalsIgnoringASCIICase` for the UTF-8 bytes `text`.
  static func equalsIgnoringASCIICase(_ text: UnsafeRawBufferPointer, _ other: String) -> Bool {
    guard text.count == other.utf8.count else { return false }
    var i = 0
    for byte in other.utf8 {
      guard lowercaseASCII(text[i]) == lowercaseASCII(byte) else { return false }
      i &+= 1
    }
    return true
  }

  static func lowercaseASCII(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
}
