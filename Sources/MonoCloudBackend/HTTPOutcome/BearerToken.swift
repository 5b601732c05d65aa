/// `Authorization: Bearer <token>` parsing (RFC 6750 §2.1).
public enum BearerToken {
  /// The token of a Bearer authorization header, or nil when the header is missing, uses
  /// another scheme, or is not exactly two space-separated parts. The scheme is
  /// case-insensitive.
  public static func parse(authorizationHeader: String?) -> String? {
    guard let header = authorizationHeader else { return nil }
    let parts = header.split(separator: " ", omittingEmptySubsequences: true)
    guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
    let token = parts[1]
    // Tabs or other whitespace inside would make it two parts in spirit; refuse.
    guard !token.contains(where: { $0.isWhitespace }) else { return nil }
    return String(token)
  }
}
