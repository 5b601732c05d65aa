import MonoCloudJOSE

/// The claim checks (MonoCloudJOSE's `ClaimsValidator`) with the client's settings,
/// applied to JWT payloads and introspection responses alike; errors become `MonoCloudError`.
struct ClaimChecks: Sendable {
  var issuer: String
  var audience: String
  var clockSkew: Int64
  var clockTolerance: Int64
  var groupsClaim: String
  var groupsMatchAll: Bool
  var binding: CertificateBindingMode

  /// Whether `iss` must be present (JWTs) or is only compared when present (introspection,
  /// whose answer comes from the issuer itself).
  enum IssuerRule { case required, whenPresent }

  func check(
    _ claims: JSONObject, now: Int64, issuerRule: IssuerRule, scopes: [String], groups: [String],
    clientCertificate: String?
  ) throws(MonoCloudError) {
    let checkIssuer = issuerRule == .required || claims["iss"] != nil
    let validator = ClaimsValidator(
      ClaimsValidationOptions(
        issuer: checkIssuer ? issuer : nil, audience: audience, clockSkew: clockSkew, clockTolerance: clockTolerance,
        requiredScopes: scopes, requiredGroups: groups, groupsClaim: groupsClaim, groupsMatchAll: groupsMatchAll,
        certificateBinding: binding))
    var thumbprint: String?
    if binding != .dangerouslyIgnore, let clientCertificate {
      thumbprint = try? CertificateThumbprint.sha256(certificate: clientCertificate)
    }
    do {
      try validator.validate(claims, now: now, certificateThumbprint: thumbprint)
    } catch {
      switch error.code {
      case .insufficientScope: throw .token(.insufficientScope, error.message)
      case .insufficientGroups: throw .token(.insufficientGroups, error.message)
      default: throw .token(.invalidToken, error.message)
      }
    }
  }
}
