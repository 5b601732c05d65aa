import MonoCloudBackend

/// The group rule of a route whose `matchAll` differs from the client's: the claims were
/// validated in full by the client; only the groups are checked here, by the same validator.
enum GroupRule {
  static func check(
    _ claims: TokenClaims, groups: [String], matchAll: Bool, client: MonoCloudBackendClient
  ) throws(MonoCloudError) {
    // Issuer, audience, times and binding were checked already: only the group rule is set.
    let validator = ClaimsValidator(
      TokenValidationPolicy(
        issuers: [], audiences: [], clockTolerance: .seconds(Int64.max / 4), requiredGroups: groups,
        groupsClaim: client.options.policy.groupsClaim, groupsMatchAll: matchAll,
        certificateBinding: .dangerouslyIgnore,
        requireExpiration: false))
    do {
      try validator.validate(claims.object, now: 0, certificateThumbprint: nil)
    } catch {
      if error.code == .insufficientGroups { throw .token(.insufficientGroups, error.message) }
      throw .token(.invalidToken, error.message)
    }
  }
}
