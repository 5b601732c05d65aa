/// Every failure of `MonoCloudJOSE`, as one typed error: a stable `code` that callers switch on
/// (and the HTTP and wire mappings use), an optional finer `reason`, and a `message` for people.
///
/// Equality and pattern matching look at the code only, never at the message text:
///
/// ```swift
/// do throws(JOSEError) {
///   _ = try validator.validate(token, now: now)
/// } catch .insufficientScope {
///   // 403
/// } catch {
///   print(error.code.name, error.message)
/// }
/// ```
///
/// Messages never contain tokens or key material. When an error is wrapped on its way up
/// (a JSON error inside a JWK, a crypto error inside a key import), the inner message is kept.
public struct JOSEError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Stable, machine-readable failure classes.
  public enum Code: Equatable, Sendable {
    /// The token is malformed, badly signed, expired, for another issuer or audience, …
    case invalidToken
    /// The token is well formed but not active (introspection said `active: false`).
    case inactiveToken
    /// A required scope is missing.
    case insufficientScope
    /// A required group is missing.
    case insufficientGroups
    /// A key, key set or key file cannot be used.
    case invalidKey
    /// Malformed input that is not a token: JSON, base64url, options, certificates.
    case invalidInput

    /// The wire name: `invalid_token`, `inactive_token`, `insufficient_scope`,
    /// `insufficient_groups`, `invalid_key`, `invalid_input`.
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

  /// What failed, for code.
  public var code: Code
  /// What failed, for people (kept when the error is wrapped).
  public var message: String
  /// Set where a caller can act on the detail (see `Reason`); `nil` otherwise.
  public var reason: Reason?

  public init(_ code: Code, _ message: String, reason: Reason? = nil) {
    self.code = code
    self.message = message
    self.reason = reason
  }

  /// This error under `code`, with `context` put before its message (`"context: message"`);
  /// the reason is kept. For wrapping an inner failure without losing what it said.
  public func wrapped(as code: Code, _ context: String) -> JOSEError {
    JOSEError(code, "\(context): \(message)", reason: reason)
  }

  /// `code.name: message`.
  public var description: String { "\(code.name): \(message)" }

  /// Equal when the codes are equal; the message and reason are not compared.
  public static func == (lhs: JOSEError, rhs: JOSEError) -> Bool {
    lhs.code == rhs.code
  }

  /// Matches an error by its code: `catch .invalidToken`, `case .invalidKey:`.
  public static func ~= (pattern: Code, value: JOSEError) -> Bool {
    pattern == value.code
  }
}
