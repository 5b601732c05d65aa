import MonoCloudJOSE

/// The token policy checks (MonoCloudJOSE's `ClaimsValidator`) with the client's policy plus
/// the scopes, groups and certificate of one call, applied to JWT payloads and introspection
/// responses alike; errors become `MonoCloudError` with JOSE's reason kept.
struct ClaimChecks: Sendable {
  /// The client's policy, its issuers settled (configured, static metadata's, or tenant domain).
  var policy: TokenValidationPolicy

  /// Whether `iss` must be present (JWTs) or is only compared when present (introspection,
  /// whose answer comes from the issuer itself).
  enum IssuerRule { case required, whenPresent }

  func check(
    _ claims: JSONObject, now: Int64, issuerRule: IssuerRule, scopes: [String], groups: [String],
    clientCertificate: String?
  ) throws(MonoCloudError) {
    let claims = ConfirmationClaim.normalized(claims)
    var callPolicy = policy
    if issuerRule == .whenPresent {
      // An introspection answer comes from the issuer itself; RFC 7662 makes `iss` and `exp` optional.
      if claims["iss"] == nil {
        callPolicy.issuers = []
        callPolicy.tenantDomain = nil
      }
      callPolicy.requireExpiration = false
    }
    callPolicy.requiredScopes = scopes
    callPolicy.requiredGroups = groups
    let problems = callPolicy.requirementProblems()
    guard problems.isEmpty else { throw .configuration(problems) }
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
      try ClaimsValidator(callPolicy).validate(claims, now: now, certificateThumbprint: thumbprint)
    } catch {
      var failure = MonoCloudError.token(error)
      if let certificateProblem { failure.reason += " (the client certificate is unusable: \(certificateProblem))" }
      throw failure
    }
  }

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
}
