/// Every failure of `MonoCloudJOSE`, as one typed error: a stable code for callers and
/// HTTP mapping, and a message for people. Messages never contain tokens or key material.
public struct JOSEError: Error, Equatable, Sendable {
  /// Stable, machine-readable failure classes.
  public enum Code: Equatable, Sendable {
    /// The token is malformed, badly signed, expired, for another issuer or audience, …
    case invalidToken
    /// A required scope is missing.
    case insufficientScope
    /// A required group is missing.
    case insufficientGroups
    /// A key, key set or key file cannot be used.
    case invalidKey
    /// Malformed input that is not a token: JSON, base64url, options.
    case invalidInput

    /// The wire name: `invalid_token`, `insufficient_scope`, `insufficient_groups`, `invalid_key`, `invalid_input`.
    public var name: String {
      switch self {
      case .invalidToken: return "invalid_token"
      case .insufficientScope: return "insufficient_scope"
      case .insufficientGroups: return "insufficient_groups"
      case .invalidKey: return "invalid_key"
      case .invalidInput: return "invalid_input"
      }
    }
  }

  public var code: Code
  public var message: String

  /// Compares UTF-8 bytes of the messages, so that Embedded builds need no Unicode tables.
  public static func == (lhs: JOSEError, rhs: JOSEError) -> Bool {
    lhs.code == rhs.code && lhs.message.utf8.elementsEqual(rhs.message.utf8)
  }

  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }
}
