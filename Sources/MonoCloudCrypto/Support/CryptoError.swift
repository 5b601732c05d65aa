/// Every failure of `MonoCloudCrypto`, as one typed error.
///
/// Messages never contain key material or signatures, only what went wrong.
public enum CryptoError: Error, Equatable, Sendable {
  /// DER or PEM input is malformed, truncated or not the structure that was expected.
  case malformedEncoding(String)
  /// The key uses an algorithm, curve or parameter this library does not support.
  case unsupportedAlgorithm(String)
  /// A key is structurally valid but unusable: wrong size, out-of-range values, point not on the curve.
  case invalidKey(String)
  /// A signature has the wrong length or out-of-range components.
  case invalidSignature(String)
  /// An input parameter (length, salt size, message size) is out of range.
  case invalidParameter(String)
  /// No randomness source is available on this platform, or it failed.
  case randomnessUnavailable
  /// A freshly made signature failed its own verification (fault or bad private key); nothing is returned.
  case signingFailed(String)

  /// Compares UTF-8 bytes of the messages, so that Embedded builds need no Unicode tables.
  public static func == (lhs: CryptoError, rhs: CryptoError) -> Bool {
    switch (lhs, rhs) {
    case (.malformedEncoding(let a), .malformedEncoding(let b)),
      (.unsupportedAlgorithm(let a), .unsupportedAlgorithm(let b)),
      (.invalidKey(let a), .invalidKey(let b)), (.invalidSignature(let a), .invalidSignature(let b)),
      (.invalidParameter(let a), .invalidParameter(let b)), (.signingFailed(let a), .signingFailed(let b)):
      return a.utf8.elementsEqual(b.utf8)
    case (.randomnessUnavailable, .randomnessUnavailable):
      return true
    default:
      return false
    }
  }
}
