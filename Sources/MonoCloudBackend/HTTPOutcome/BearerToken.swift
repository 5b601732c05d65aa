/// `Authorization: Bearer <token>` parsing (RFC 6750 §2.1).
public enum BearerToken {
  /// The token of a Bearer authorization header, or nil when the header is missing, uses
  /// another scheme, or is not exactly two space-separated parts. The scheme is
  /// case-insensitive.
  public static func parse(authorizationHeader: String?) -> String? {
    guard let credentials = AccessTokenCredentials.parse(authorizationHeader: authorizationHeader),
      credentials.scheme == .bearer
    else { return nil }
    return credentials.token
  }
}
