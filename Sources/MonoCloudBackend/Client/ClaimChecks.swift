import MonoCloudJOSE

/// The token policy checks (MonoCloudJOSE's `ClaimsValidator`) with the client's policy plus
/// the scopes, groups and certificate of one call, applied to JWT payloads and introspection
/// responses alike; errors become `MonoCloudError` with JOSE's reason kept.
struct ClaimChecks: Sendable {
  /// The client's policy, its issuers settled (configured, static metadata's, or tenant domain).
  let policy: TokenValidationPolicy
  /// Validators built once from `policy`: for JWTs, for introspection answers that name an
  /// issuer, and for those that do not. Each call only swaps in its scopes and groups.
  private let jwt: ClaimsValidator
  private let introspection: ClaimsValidator
  private let introspectionWithoutIssuer: ClaimsValidator

  init(policy: TokenValidationPolicy) {
    self.policy = policy
    jwt = ClaimsValidator(policy)
    // An introspection answer comes from the issuer itself; RFC 7662 makes `iss` and `exp` optional.
    var answer = policy
    answer.requireExpiration = false
    introspection = ClaimsValidator(answer)
    answer.issuers = []
    answer.tenantDomain = nil
    introspectionWithoutIssuer = ClaimsValidator(answer)
  }

  /// The JWS header's `typ` against the policy's required types (nothing to do without any).
  func checkType(header: JSONObject) throws(JOSEError) {
    try jwt.checkType(header: header)
  }

  /// Whether `iss` must be present (JWTs) or is only compared when present (introspection,
  /// whose answer comes from the issuer itself).
  enum IssuerRule { case required, whenPresent }

  /// The claims as `TokenClaims` when they pass `check`, else the error.
  func result(
    _ claims: JSONObject, now: Int64, issuerRule: IssuerRule, scopes: [String], groups: [String],
    clientCertificate: String?
  ) -> Result<TokenClaims, MonoCloudError> {
    let claims = ConfirmationClaim.normalized(claims)
    do throws(MonoCloudError) {
      try check(
        claims, now: now, issuerRule: issuerRule, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
      return .success(TokenClaims(claims))
    } catch {
      return .failure(error)
    }
  }

  /// The checks, for claims whose `cnf` is already an object.
  private func check(
    _ claims: JSONObject, now: Int64, issuerRule: IssuerRule, scopes: [String], groups: [String],
    clientCertificate: String?
  ) throws(MonoCloudError) {
    if scopes.contains(where: ConfigurationText.isBlank) || groups.contains(where: ConfigurationText.isBlank) {
      var callPolicy = policy
      callPolicy.requiredScopes = scopes
      callPolicy.requiredGroups = groups
      throw .configuration(callPolicy.requirementProblems())
    }
    let base: ClaimsValidator
    switch issuerRule {
    case .required: base = jwt
    case .whenPresent: base = claims["iss"] == nil ? introspectionWithoutIssuer : introspection
    }
    var thumbprint: String?
    var certificateProblem: String?
    if policy.certificateBinding != .dangerouslyIgnore, let clientCertificate {
      // An unusable certificate counts as none (a token that is not bound still passes); a
      // refusal then carries the parse failure as well.
      do throws(JOSEError) {
        thumbprint = try CertificateThumbprint.sha256(certificate: clientCertificate)
      } catch {
        certificateProblem = error.message
      }
    }
    do throws(JOSEError) {
      try base.requiring(scopes: scopes, groups: groups).validate(claims, now: now, certificateThumbprint: thumbprint)
    } catch {
      var failure = MonoCloudError.token(error)
      if let certificateProblem { failure.reason += " (the client certificate is unusable: \(certificateProblem))" }
      throw failure
    }
  }
}
