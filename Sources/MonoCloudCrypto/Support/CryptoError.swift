/// Every failure of `MonoCloudCrypto`, as one typed error: a small `code` that callers switch on
/// and a human `reason` kept for messages.
///
/// Two errors are equal when their codes are; the reason is never compared, so that callers
/// and tests match on what went wrong rather than on how it is worded. Reasons never contain key
/// material or signatures, only what went wrong.
public struct CryptoError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What kind of failure it is: the part of the error callers act on.
  public enum Code: Hashable, Sendable, CustomStringConvertible {
    /// DER or PEM input is malformed, truncated or not the structure that was expected.
    case malformedEncoding
    /// The key uses an algorithm, curve or parameter this library does not support.
    case unsupportedAlgorithm
    /// A key is structurally valid but unusable: wrong size, out-of-range values, point not on the curve.
    case invalidKey
    /// A signature has the wrong length or out-of-range components.
    case invalidSignature
    /// An input parameter (length, salt size, message size) is out of range.
    case invalidParameter
    /// No randomness source is available on this platform, or it failed.
    case randomnessUnavailable
    /// A freshly made signature failed its own verification (fault or bad private key); nothing is returned.
    case signingFailed

    /// The code's name, e.g. `invalidKey` (spelled out: Embedded Swift has no reflection).
    public var description: String {
      switch self {
      case .malformedEncoding: return "malformedEncoding"
      case .unsupportedAlgorithm: return "unsupportedAlgorithm"
      case .invalidKey: return "invalidKey"
      case .invalidSignature: return "invalidSignature"
      case .invalidParameter: return "invalidParameter"
      case .randomnessUnavailable: return "randomnessUnavailable"
      case .signingFailed: return "signingFailed"
      }
    }
  }

  /// What went wrong, for callers to switch on.
  public let code: Code
  /// What went wrong, for people: kept for messages, never compared.
  public let reason: String

  /// An error of `code` explained by `reason`.
  public init(_ code: Code, _ reason: String) {
    self.code = code
    self.reason = reason
  }

  /// `code: reason`.
  public var description: String { "\(code.description): \(reason)" }

  /// Equal when the codes are; the reasons are not compared.
  public static func == (lhs: CryptoError, rhs: CryptoError) -> Bool { lhs.code == rhs.code }

  public func hash(into hasher: inout Hasher) { hasher.combine(code) }

  /// Lets `case .invalidKey:` (a `Code`) match an error in a `switch` or `if case` on the error.
  public static func ~= (pattern: Code, value: CryptoError) -> Bool { pattern == value.code }

  // The factories keep `throw .invalidKey("…")` and `CryptoError.invalidKey("…")` reading as
  // they did when CryptoError was an enum with a message per case.

  /// DER or PEM input is malformed, truncated or not the structure that was expected.
  public static func malformedEncoding(_ reason: String) -> CryptoError { CryptoError(.malformedEncoding, reason) }
  /// The key uses an algorithm, curve or parameter this library does not support.
  public static func unsupportedAlgorithm(_ reason: String) -> CryptoError {
    CryptoError(.unsupportedAlgorithm, reason)
  }
  /// A key is structurally valid but unusable.
  public static func invalidKey(_ reason: String) -> CryptoError { CryptoError(.invalidKey, reason) }
  /// A signature has the wrong length or out-of-range components.
  public static func invalidSignature(_ reason: String) -> CryptoError { CryptoError(.invalidSignature, reason) }
  /// An input parameter is out of range.
  public static func invalidParameter(_ reason: String) -> CryptoError { CryptoError(.invalidParameter, reason) }
  /// A freshly made signature failed its own verification; nothing is returned.
  public static func signingFailed(_ reason: String) -> CryptoError { CryptoError(.signingFailed, reason) }
  /// No randomness source is available on this platform, or it failed.
  public static var randomnessUnavailable: CryptoError {
    CryptoError(.randomnessUnavailable, "no randomness source is available")
  }
}
