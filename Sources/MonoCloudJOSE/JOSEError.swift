/// Every failure of `MonoCloudJOSE`, as one typed error: a stable code for callers and
/// HTTP mapping, and a message for people. Messages never contain tokens or key material.
public struct JOSEError: Error, Equatable, Sendable {
  /// Stable, machine-readable failure classes.
  public enum Code: Equatable, Sendable {
    /// The token is malformed, badly signed, expired, for another issuer or audience, …
    case invalidToken
    /// Introspection says the token is not active (revoked, expired or unknown).
    case inactiveToken
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
      case .inactiveToken: return "inactive_token"
      case .insufficientScope: return "insufficient_scope"
      case .insufficientGroups: return "insufficient_groups"
      case .invalidKey: return "invalid_key"
      case .invalidInput: return "invalid_input"
      }
    }
  }

  /// Finer, machine-readable detail for the failures a caller can act on.
  public enum Reason: Equatable, Sendable {
    /// The token names a `kid` that no key in the key set has: refresh the JWKS and retry.
    case unknownKeyID
    /// Keys with the token's `kid` exist but none fits its algorithm (type, curve, `alg`, `use`, `key_ops`, size).
    case noMatchingKey
    /// Several keys fit the token and it does not say which (no or duplicate `kid`).
    case ambiguousKey
    /// The token's `alg` is not in the allow-list (or is `none`).
    case algorithmNotAllowed
    /// The signature does not verify (or has the wrong length for the algorithm and key).
    case invalidSignature
    /// The crypto for the algorithm family is not available in this build.
    case unsupportedAlgorithm
  }

  public var code: Code
  public var message: String
  /// Set where a caller can act on the detail (see `Reason`); `nil` otherwise.
  public var reason: Reason?

  /// Compares UTF-8 bytes of the messages, so that Embedded builds need no Unicode tables.
  public static func == (lhs: JOSEError, rhs: JOSEError) -> Bool {
    lhs.code == rhs.code && lhs.reason == rhs.reason && lhs.message.utf8Equals(rhs.message)
  }

  public init(_ code: Code, _ message: String, reason: Reason? = nil) {
    self.code = code
    self.message = message
    self.reason = reason
  }
}
