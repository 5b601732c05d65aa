/// The former options of `ClaimsValidator`, with single issuer and audience and times in
/// whole seconds. Kept so that existing code compiles; it converts to and from
/// `TokenValidationPolicy`, the one policy type.
@available(*, deprecated, message: "use TokenValidationPolicy")
public struct ClaimsValidationOptions: Sendable {
  public var issuer: String?
  public var audience: String?
  public var clockSkew: Int64
  public var clockTolerance: Int64
  public var requiredScopes: [String]
  public var requiredGroups: [String]
  public var groupsClaim: String
  public var groupsMatchAll: Bool
  public var certificateBinding: CertificateBindingMode
  public var certificateThumbprint: String?

  public init(
    issuer: String? = nil, audience: String? = nil, clockSkew: Int64 = 0, clockTolerance: Int64 = 300,
    requiredScopes: [String] = [], requiredGroups: [String] = [], groupsClaim: String = "groups",
    groupsMatchAll: Bool = false, certificateBinding: CertificateBindingMode = .whenPresent,
    certificateThumbprint: String? = nil
  ) {
    self.issuer = issuer
    self.audience = audience
    self.clockSkew = clockSkew
    self.clockTolerance = clockTolerance
    self.requiredScopes = requiredScopes
    self.requiredGroups = requiredGroups
    self.groupsClaim = groupsClaim
    self.groupsMatchAll = groupsMatchAll
    self.certificateBinding = certificateBinding
    self.certificateThumbprint = certificateThumbprint
  }

  /// The same rules as a `TokenValidationPolicy`.
  public var policy: TokenValidationPolicy {
    TokenValidationPolicy(
      issuers: issuer.map { [$0] } ?? [], audiences: audience.map { [$0] } ?? [], clockSkew: .seconds(clockSkew),
      clockTolerance: .seconds(clockTolerance), requiredScopes: requiredScopes, requiredGroups: requiredGroups,
      groupsClaim: groupsClaim, groupsMatchAll: groupsMatchAll, certificateBinding: certificateBinding,
      certificateThumbprint: certificateThumbprint)
  }

  /// The first issuer and audience of `policy`, its times in whole seconds.
  public init(_ policy: TokenValidationPolicy) {
    self.init(
      issuer: policy.expectedIssuers.first, audience: policy.audiences.first,
      clockSkew: policy.clockSkew.components.seconds, clockTolerance: policy.clockTolerance.components.seconds,
      requiredScopes: policy.requiredScopes, requiredGroups: policy.requiredGroups, groupsClaim: policy.groupsClaim,
      groupsMatchAll: policy.groupsMatchAll, certificateBinding: policy.certificateBinding,
      certificateThumbprint: policy.certificateThumbprint)
  }
}
