import MonoCloudJOSE

/// `Authorization: Bearer <token>` (RFC 6750 §2.1) or `Authorization: DPoP <token>` (RFC 9449
/// §7.1): the scheme (case-insensitive) and the token, under the rules of `BearerToken.parse`.
public struct AccessTokenCredentials: Sendable, Equatable {
  public var scheme: AccessTokenScheme
  public var token: String

  public init(scheme: AccessTokenScheme, token: String) {
    self.scheme = scheme
    self.token = token
  }

  /// The credentials of the header, or nil when it is missing, uses another scheme or is not
  /// exactly two space-separated parts.
  public static func parse(authorizationHeader: String?) -> AccessTokenCredentials? {
    guard var header = authorizationHeader else { return nil }
    // Headers are ASCII in practice: scanned as bytes (per-Character iteration and Unicode
    // whitespace lookups cost more than the rest of a cached validation). Anything else takes
    // the Character path below, which defines the rules.
    let scanned = header.withUTF8 { bytes -> ByteScan in Self.scan(bytes) }
    switch scanned {
    case .notASCII: return parseCharacters(header)
    case .refused: return nil
    case .parsed(let scheme, let tokenRange):
      let token = header.withUTF8 { bytes in
        String(decoding: UnsafeBufferPointer(rebasing: bytes[tokenRange]), as: UTF8.self)
      }
      return AccessTokenCredentials(scheme: scheme, token: token)
    }
  }

  private enum ByteScan {
    case notASCII
    case refused
    case parsed(AccessTokenScheme, Range<Int>)
  }

  /// Two runs of non-space bytes: a known scheme, then a token without ASCII whitespace.
  private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> ByteScan {
    var parts: (Range<Int>, Range<Int>) = (0..<0, 0..<0)
    var count = 0
    var index = 0
    var orAll: UInt8 = 0
    var controlWhitespace = false
    while index < bytes.count {
      let byte = bytes[index]
      orAll |= byte
      if byte == UInt8(ascii: " ") {
        index += 1
        continue
      }
      let start = index
      // Eight bytes at a time while none is a space, another control byte or non-ASCII (a
      // token is base64url and dots); the byte loop below takes the word that has one.
      while index &+ 8 <= bytes.count, let base = bytes.baseAddress {
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
        // For ASCII bytes, subtracting 0x21 from each sets a high bit exactly where a byte is below 0x21.
        guard (word | (word &- 0x2121_2121_2121_2121)) & 0x8080_8080_8080_8080 == 0 else { break }
        index &+= 8
      }
      while index < bytes.count, bytes[index] != UInt8(ascii: " ") {
        let inner = bytes[index]
        orAll |= inner
        // Tab, line feed, vertical tab, form feed, carriage return: the ASCII White_Space
        // characters besides the separating space.
        if inner &- 0x09 <= 0x0D - 0x09 { controlWhitespace = true }
        index += 1
      }
      count += 1
      if count == 1 {
        parts.0 = start..<index
        controlWhitespace = false  // the scheme's own are refused by the name comparison
      } else if count == 2 {
        parts.1 = start..<index
      }
    }
    guard orAll < 0x80 else { return .notASCII }
    guard count == 2, !controlWhitespace, let scheme = Self.scheme(UnsafeBufferPointer(rebasing: bytes[parts.0]))
    else { return .refused }
    return .parsed(scheme, parts.1)
  }

  /// `bearer` or `dpop` in any ASCII case.
  private static func scheme(_ bytes: UnsafeBufferPointer<UInt8>) -> AccessTokenScheme? {
    func matches(_ name: StaticString) -> Bool {
      guard bytes.count == name.utf8CodeUnitCount else { return false }
      for index in 0..<bytes.count where bytes[index] | 0x20 != name.utf8Start[index] { return false }
      return true
    }
    if matches("bearer") { return .bearer }
    if matches("dpop") { return .dpop }
    return nil
  }

  /// The rules on Characters: two parts split on U+0020, the scheme compared lower-cased, no
  /// whitespace of any kind in the token.
  private static func parseCharacters(_ header: String) -> AccessTokenCredentials? {
    let parts = header.split(separator: " ", omittingEmptySubsequences: true)
    guard parts.count == 2 else { return nil }
    let scheme: AccessTokenScheme
    switch parts[0].lowercased() {
    case "bearer": scheme = .bearer
    case "dpop": scheme = .dpop
    default: return nil
    }
    guard !parts[1].contains(where: { $0.isWhitespace }) else { return nil }
    return AccessTokenCredentials(scheme: scheme, token: String(parts[1]))
  }
}
