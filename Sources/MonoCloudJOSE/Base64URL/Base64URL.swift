/// Strict unpadded base64url (RFC 4648 §5, as JOSE uses it, RFC 7515 §2).
///
/// Decoding accepts only `A–Z a–z 0–9 - _`: padding (`=`), the standard alphabet's `+` and `/`,
/// whitespace, impossible lengths (`count % 4 == 1`) and non-zero trailing bits are all rejected,
/// so every byte string has exactly one accepted encoding.
public enum Base64URL {
  /// The number of bytes `encodedCount` base64url characters decode to, or `nil` when no
  /// unpadded encoding has that length.
  @inlinable
  public static func decodedByteCount(encodedCount: Int) -> Int? {
    guard encodedCount >= 0 else { return nil }
    switch encodedCount & 3 {
    case 0: return (encodedCount >> 2) * 3
    case 2: return (encodedCount >> 2) * 3 + 1
    case 3: return (encodedCount >> 2) * 3 + 2
    default: return nil
    }
  }

  /// The number of characters the unpadded encoding of `byteCount` bytes has.
  @inlinable
  public static func encodedCount(byteCount: Int) -> Int {
    // Wrapping arithmetic: no byte count a buffer can have overflows, and absurd ones must not trap.
    let remainder = byteCount % 3
    return (byteCount / 3) &* 4 &+ (remainder == 0 ? 0 : remainder &+ 1)
  }

  /// Decodes `input` into `output`, which must hold at least
  /// `decodedByteCount(encodedCount: input.count)` bytes. Returns the number of bytes written.
  public static func decode(
    _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
  ) throws(JOSEError) -> Int {
    guard let count = decodedByteCount(encodedCount: input.count) else {
      throw JOSEError(.invalidInput, "base64url: impossible length")
    }
    guard output.count >= count else {
      throw JOSEError(.invalidInput, "base64url: output buffer too small")
    }
    if input.isEmpty { return 0 }
    guard let src = input.baseAddress, let dst = output.baseAddress else {
      throw JOSEError(.invalidInput, "base64url: missing buffer")
    }
    guard decodeUnchecked(src.assumingMemoryBound(to: UInt8.self), input.count, dst) else {
      throw JOSEError(.invalidInput, "base64url: invalid character or trailing bits")
    }
    return count
  }

  /// Decodes `input` into a new array.
  public static func decode(_ input: UnsafeRawBufferPointer) throws(JOSEError) -> [UInt8] {
    guard let count = decodedByteCount(encodedCount: input.count) else {
      throw JOSEError(.invalidInput, "base64url: impossible length")
    }
    if count == 0 { return [] }
    guard let src = input.baseAddress else { return [] }
    var ok = false
    let result = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      // Zero first so that the array is fully initialized even when decoding fails midway.
      guard let dst = buffer.baseAddress else { return }
      dst.initialize(repeating: 0, count: count)
      initialized = count
      ok = decodeUnchecked(src.assumingMemoryBound(to: UInt8.self), input.count, UnsafeMutableRawPointer(dst))
    }
    guard ok else { throw JOSEError(.invalidInput, "base64url: invalid character or trailing bits") }
    return result
  }

  /// Decodes `input` into a new array.
  public static func decode(_ input: [UInt8]) throws(JOSEError) -> [UInt8] {
    try input.withBytes { (raw) throws(JOSEError) -> [UInt8] in try decode(raw) }
  }

  /// Decodes `input` into a new array.
  public static func decode(_ input: ArraySlice<UInt8>) throws(JOSEError) -> [UInt8] {
    try input.withBytes { (raw) throws(JOSEError) -> [UInt8] in try decode(raw) }
  }

  /// Decodes the UTF-8 of `input` into a new array.
  public static func decode(_ input: String) throws(JOSEError) -> [UInt8] {
    try input.withUTF8Bytes { (raw) throws(JOSEError) -> [UInt8] in try decode(raw) }
  }

  /// Encodes `input` as unpadded base64url characters into a new array.
  public static func encodeBytes(_ input: UnsafeRawBufferPointer) -> [UInt8] {
    let count = encodedCount(byteCount: input.count)
    if count == 0 { return [] }
    return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      encodeUnchecked(input, buffer.baseAddress!)
      initialized = count
    }
  }

  /// Encodes `input` as an unpadded base64url string.
  public static func encode(_ input: UnsafeRawBufferPointer) -> String {
    let count = encodedCount(byteCount: input.count)
    if count == 0 { return "" }
    return String(unsafeUninitializedCapacity: count) { buffer in
      encodeUnchecked(input, buffer.baseAddress!)
      return count
    }
  }

  /// Encodes `input` as an unpadded base64url string.
  public static func encode(_ input: [UInt8]) -> String {
    input.withUnsafeBytes { encode($0) }
  }

  /// Encodes `input` as an unpadded base64url string.
  public static func encode(_ input: ArraySlice<UInt8>) -> String {
    input.withUnsafeBytes { encode($0) }
  }

  // MARK: - Internals

  /// The 6-bit value of each byte as a base64url character, or 0x80 for bytes outside the alphabet.
  static let decodeTable: [UInt8] = [
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x3E, 0x80, 0x80,
    0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E,
    0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x80, 0x80, 0x80, 0x80, 0x3F,
    0x80, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28,
    0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x32, 0x33, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
  ]

  /// The base64url character for a 6-bit value.
  @inline(__always)
  static func character(_ v: UInt32) -> UInt8 {
    let v = v & 63
    if v < 26 { return UInt8(truncatingIfNeeded: v &+ 65) }
    if v < 52 { return UInt8(truncatingIfNeeded: v &+ 71) }
    if v < 62 { return UInt8(truncatingIfNeeded: v &- 4) }
    return v == 62 ? 45 : 95
  }

  /// Decodes `count` characters (a valid length) at `src` into `dst`; false on any invalid
  /// character or non-zero trailing bits. `dst` must hold the decoded length.
  static func decodeUnchecked(_ src: UnsafePointer<UInt8>, _ count: Int, _ dst: UnsafeMutableRawPointer) -> Bool {
    decodeTable.withUnsafeBufferPointer { table in
      guard let t = table.baseAddress else { return false }
      var invalid: UInt32 = 0
      var i = 0
      var o = 0
      let fullEnd = count & ~3
      while i < fullEnd {
        let a = UInt32(t[Int(src[i])])
        let b = UInt32(t[Int(src[i &+ 1])])
        let c = UInt32(t[Int(src[i &+ 2])])
        let d = UInt32(t[Int(src[i &+ 3])])
        invalid |= a | b | c | d
        let word = (a << 18) | (b << 12) | (c << 6) | d
        dst.storeBytes(of: UInt8(truncatingIfNeeded: word >> 16), toByteOffset: o, as: UInt8.self)
        dst.storeBytes(of: UInt8(truncatingIfNeeded: word >> 8), toByteOffset: o &+ 1, as: UInt8.self)
        dst.storeBytes(of: UInt8(truncatingIfNeeded: word), toByteOffset: o &+ 2, as: UInt8.self)
        i &+= 4
        o &+= 3
      }
      switch count &- fullEnd {
      case 2:
        let a = UInt32(t[Int(src[i])])
        let b = UInt32(t[Int(src[i &+ 1])])
        invalid |= a | b
        if b & 0x0F != 0 { return false }  // trailing bits must be zero
        dst.storeBytes(of: UInt8(truncatingIfNeeded: (a << 2) | (b >> 4)), toByteOffset: o, as: UInt8.self)
      case 3:
        let a = UInt32(t[Int(src[i])])
        let b = UInt32(t[Int(src[i &+ 1])])
        let c = UInt32(t[Int(src[i &+ 2])])
        invalid |= a | b | c
        if c & 0x03 != 0 { return false }
        let word = (a << 12) | (b << 6) | c
        dst.storeBytes(of: UInt8(truncatingIfNeeded: word >> 10), toByteOffset: o, as: UInt8.self)
        dst.storeBytes(of: UInt8(truncatingIfNeeded: word >> 2), toByteOffset: o &+ 1, as: UInt8.self)
      case 0:
        break
      default:
        return false
      }
      return invalid & 0x80 == 0
    }
  }

  /// Encodes all of `input` at `dst`, which must hold `encodedCount(byteCount: input.count)` bytes.
  static func encodeUnchecked(_ input: UnsafeRawBufferPointer, _ dst: UnsafeMutablePointer<UInt8>) {
    let n = input.count
    var i = 0
    var o = 0
    while i &+ 3 <= n {
      let word = UInt32(input[i]) << 16 | UInt32(input[i &+ 1]) << 8 | UInt32(input[i &+ 2])
      dst[o] = character(word >> 18)
      dst[o &+ 1] = character(word >> 12)
      dst[o &+ 2] = character(word >> 6)
      dst[o &+ 3] = character(word)
      i &+= 3
      o &+= 4
    }
    switch n &- i {
    case 1:
      let word = UInt32(input[i]) << 16
      dst[o] = character(word >> 18)
      dst[o &+ 1] = character(word >> 12)
    case 2:
      let word = UInt32(input[i]) << 16 | UInt32(input[i &+ 1]) << 8
      dst[o] = character(word >> 18)
      dst[o &+ 1] = character(word >> 12)
      dst[o &+ 2] = character(word >> 6)
    default:
      break
    }
  }
}
