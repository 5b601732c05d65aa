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
