import MonoCloudCrypto

extension CryptoError {
  /// The human-readable detail of a crypto error.
  var detail: String {
    switch self {
    case .malformedEncoding(let message), .unsupportedAlgorithm(let message), .invalidKey(let message),
      .invalidSignature(let message), .invalidParameter(let message), .signingFailed(let message):
      return message
    case .randomnessUnavailable:
      return "no randomness source is available"
    }
  }

  /// The JOSE error for a key the crypto layer refused.
  func keyError(_ context: String) -> JOSEError {
    if case .unsupportedAlgorithm = self {
      return JOSEError(.invalidKey, "\(context): \(detail)", reason: .unsupportedAlgorithm)
    }
    return JOSEError(.invalidKey, "\(context): \(detail)")
  }
}
