import MonoCloudBackend

/// What a route requires of a token: every scope of `scopes`, and one (or, with `matchAll`,
/// every) group of `groups`; `matchAll` nil keeps the client's `groupOptions.matchAll`.
struct AccessRule: Sendable {
  var scopes: [String]
  var groups: [String]
  var matchAll: Bool?

  /// Whether the route's group rule differs from the one the client applies itself.
  func overridesMatchAll(of client: MonoCloudBackendClient) -> Bool {
    guard let matchAll, !groups.isEmpty else { return false }
    return matchAll != client.options.policy.groupsMatchAll
  }

  /// Checks scopes and groups of claims that were already validated in full (issuer,
  /// audience, times and binding), by the core's own claims validator.
  func check(
    _ claims: TokenClaims, scopes: [String], groups: [String], matchAll: Bool, groupsClaim: String
  ) throws(MonoCloudError) {
    let validator = ClaimsValidator(
      ClaimsValidationOptions(
        clockTolerance: .max, requiredScopes: scopes, requiredGroups: groups, groupsClaim: groupsClaim,
        groupsMatchAll: matchAll, certificateBinding: .dangerouslyIgnore))
    do {
      try validator.validate(claims.object, now: 0, certificateThumbprint: nil)
    } catch {
      switch error.code {
      case .insufficientScope: throw .token(.insufficientScope, error.message)
      case .insufficientGroups: throw .token(.insufficientGroups, error.message)
      default: throw .token(.invalidToken, error.message)
      }
    }
  }

  /// Checks the whole rule against claims already validated.
  func check(_ claims: TokenClaims, client: MonoCloudBackendClient) throws(MonoCloudError) {
    try check(
      claims, scopes: scopes, groups: groups, matchAll: matchAll ?? client.options.policy.groupsMatchAll,
      groupsClaim: client.options.policy.groupsClaim)
  }
}
