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
    guard let header = authorizationHeader else { return nil }
    // Headers are ASCII in practice: scanned as bytes (per-Character iteration and Unicode
    // whitespace lookups cost more than the rest of a cached validation). Anything else takes
    // the Character path below, which defines the rules.
    guard header.utf8.allSatisfy({ $0 < 0x80 }) else { return parseCharacters(header) }
    let bytes = header.utf8
    var parts: [Range<String.UTF8View.Index>] = []
    var index = bytes.startIndex
    while index < bytes.endIndex {
      guard bytes[index] != UInt8(ascii: " ") else {
        index = bytes.index(after: index)
        continue
      }
      let start = index
      while index < bytes.endIndex, bytes[index] != UInt8(ascii: " ") { index = bytes.index(after: index) }
      guard parts.count < 2 else { return nil }
      parts.append(start..<index)
    }
    guard parts.count == 2, let scheme = Self.scheme(bytes[parts[0]]) else { return nil }
    // ASCII White_Space besides the separating spaces: tab, line feed, vertical tab, form feed,
    // carriage return.
    guard !bytes[parts[1]].contains(where: { (0x09...0x0D).contains($0) }) else { return nil }
    return AccessTokenCredentials(scheme: scheme, token: String(Substring(bytes[parts[1]])))
  }

  /// `bearer` or `dpop` in any ASCII case.
  private static func scheme(_ bytes: Substring.UTF8View) -> AccessTokenScheme? {
    func matches(_ name: StaticString) -> Bool {
      guard bytes.count == name.utf8CodeUnitCount else { return false }
      return zip(bytes, UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)).allSatisfy {
        ($0 | 0x20) == $1
      }
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
