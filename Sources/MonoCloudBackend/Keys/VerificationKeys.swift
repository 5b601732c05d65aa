import MonoCloudJOSE

/// A key set prepared for verification (fetched or static) together with the tokens already
/// verified under it. A refresh builds a new value, so the verified tokens never outlive the
/// keys that verified them. A class, so that a validation takes the cached keys with one
/// retain rather than one per field (the fields are shared by every event-loop thread).
final class VerificationKeys: Sendable {
  let verifier: JWSVerifier
  /// Nil when the cache is turned off (`verifiedTokenCacheSize` 0).
  let verifiedTokens: VerifiedTokenCache?

  init(_ verifier: JWSVerifier, verifiedTokenCacheSize: Int) {
    self.verifier = verifier
    verifiedTokens = verifiedTokenCacheSize > 0 ? VerifiedTokenCache(capacity: verifiedTokenCacheSize) : nil
  }
}
