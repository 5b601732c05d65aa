import MonoCloudCrypto

// The one place that knows the shape of `CryptoError`: everything else in this module turns a
// crypto failure into a `JOSEError` through these helpers, keeping the crypto layer's text.

extension CryptoError {
  /// The human-readable detail of a crypto error.
  var detail: String { reason }

  /// Whether the crypto layer does not support the algorithm, curve or parameter.
  var isUnsupportedAlgorithm: Bool {
    code == .unsupportedAlgorithm
  }

  /// A crypto error for a key structure or algorithm this module does not handle.
  static func unsupported(_ message: String) -> CryptoError {
    .unsupportedAlgorithm(message)
  }

  /// The JOSE error `code` with message `"context: detail"`; an unsupported algorithm gets the
  /// reason `.unsupportedAlgorithm`.
  func joseError(_ code: JOSEError.Code, _ context: String) -> JOSEError {
    JOSEError(code, "\(context): \(detail)", reason: isUnsupportedAlgorithm ? .unsupportedAlgorithm : nil)
  }

  /// The JOSE error for a key the crypto layer refused.
  func keyError(_ context: String) -> JOSEError {
    joseError(.invalidKey, context)
  }
}

/// Runs `body`, turning a crypto failure into the JOSE key error `"context: detail"`.
@inline(__always)
func importingKey<Value>(_ context: String, _ body: () throws(CryptoError) -> Value) throws(JOSEError) -> Value {
  do throws(CryptoError) {
    return try body()
  } catch {
    throw error.keyError(context)
  }
}
