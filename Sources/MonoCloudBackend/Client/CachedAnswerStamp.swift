/// When a cached validation's answer was given: the fetched key set that verified the JWT and
/// the clock second of its claim checks. `MonoCloudBackendClient.isCurrent(_:)` tells whether
/// the answer still stands; see `validateAccessTokenFromCache(_:scopes:groups:stamp:)`.
///
/// Holds the key set itself (not its address), so a stamp can never match a later key set that
/// happens to reuse the memory of a released one.
public struct CachedAnswerStamp: Sendable {
  let keys: VerificationKeys
  let second: Int64
}
