import MonoCloudBackend
import MonoCloudJOSE
import Testing

/// The one option model: `TokenValidationPolicy` (MonoCloudJOSE) read from code, text and the
/// environment, held by `MonoCloudBackendOptions`.
@Suite struct PolicyTests {
  @Test func environmentIsReadThroughALookupClosure() {
    let environment = [
      "MONOCLOUD_BACKEND_TENANT_DOMAIN": " tenant.example.com/ ", "MONOCLOUD_BACKEND_AUDIENCE": "a1, a2",
      "MONOCLOUD_BACKEND_CLOCK_SKEW": "5", "MONOCLOUD_BACKEND_CLOCK_TOLERANCE": "60",
      "MONOCLOUD_BACKEND_GROUPS_CLAIM": "roles", "MONOCLOUD_BACKEND_GROUPS_MATCH_ALL": "TRUE",
      "MONOCLOUD_BACKEND_VALIDATE_CERTIFICATE_BINDING": "required", "MONOCLOUD_BACKEND_MAX_TOKEN_AGE": "600",
    ]
    var problems: [String] = []
    let read = TokenValidationPolicy(environment: { environment[$0] }, problems: &problems)
    let policy = read.checked(requireAudience: true, problems: &problems)
    #expect(problems.isEmpty, "\(problems)")
    #expect(policy.tenantDomain == "https://tenant.example.com")
    #expect(policy.expectedIssuers == ["https://tenant.example.com"])
    #expect(policy.audiences == ["a1", "a2"])
    #expect(policy.primaryAudience == "a1")
    #expect(policy.clockSkew == .seconds(5))
    #expect(policy.clockTolerance == .seconds(60))
    #expect(policy.groupsClaim == "roles")
    #expect(policy.groupsMatchAll)
    #expect(policy.certificateBinding == .required)
    #expect(policy.maxTokenAge == .seconds(600))
    #expect(Set(PolicySetting.variableNames) == Set(environment.keys))
  }

  @Test func codeAndFlagsOverrideTheEnvironment() {
    let environment = ["MONOCLOUD_BACKEND_CLOCK_SKEW": "bad", "MONOCLOUD_BACKEND_AUDIENCE": "from-env"]
    var policy = TokenValidationPolicy(clockSkew: .seconds(7))
    var problems: [String] = []
    policy.set(.audiences, text: "from-flag", source: "--audience", problems: &problems)
    policy.fillFromEnvironment({ environment[$0] }, problems: &problems)
    #expect(problems.isEmpty, "a value given in code or by a flag is not read again: \(problems)")
    #expect(policy.clockSkew == .seconds(7))
    #expect(policy.audiences == ["from-flag"])
  }

  @Test func problemsNameTheSourceNeverTheValue() {
    var policy = TokenValidationPolicy()
    var problems: [String] = []
    policy.set(.clockSkew, text: "-5secret", source: "--clock-skew", problems: &problems)
    policy.set(.groupsMatchAll, text: "maybe-secret", source: "MONOCLOUD_BACKEND_GROUPS_MATCH_ALL", problems: &problems)
    policy.set(.certificateBinding, text: "always-secret", source: "--certificate-binding", problems: &problems)
    policy.set(.audiences, text: "a,,b", source: "--audience", problems: &problems)
    policy.set(.tenantDomain, text: "http://secret.example.com", source: "--tenant-domain", problems: &problems)
    _ = policy.checked(problems: &problems)
    #expect(problems.count == 5, "\(problems)")
    for (problem, source) in zip(
      problems,
      ["--clock-skew", "MONOCLOUD_BACKEND_GROUPS_MATCH_ALL", "--certificate-binding", "--audience", "--tenant-domain"])
    {
      #expect(problem.hasPrefix(source), "\(problem)")
      #expect(!problem.contains("secret"), "\(problem)")
    }
  }

  @Test func severalIssuersAndAudiencesAreAccepted() throws {
    let policy = TokenValidationPolicy(
      issuers: ["https://a.example", "https://b.example"], audiences: ["x", "y"], requireExpiration: false)
    let validator = ClaimsValidator(policy)
    for (iss, aud) in [("https://a.example", "x"), ("https://b.example", "y")] {
      try validator.validate(["iss": .string(iss), "aud": .string(aud)], now: 0)
    }
    #expect(throws: JOSEError.self) { try validator.validate(["iss": "https://c.example", "aud": "x"], now: 0) }
    #expect(throws: JOSEError.self) { try validator.validate(["iss": "https://a.example", "aud": "z"], now: 0) }
  }

  @Test func backendOptionsHoldThePolicy() throws {
    var options = MonoCloudBackendOptions(policy: TokenValidationPolicy(tenantDomain: "t.example.com"))
    options.policy.audiences = ["api-1", "api-2"]
    options.responseTimeout = .milliseconds(2500)
    let resolved = try options.resolved(environment: ["MONOCLOUD_BACKEND_AUDIENCE": "ignored"])
    #expect(resolved.policy.audiences == ["api-1", "api-2"])
    #expect(resolved.audience == "api-1")
    #expect(resolved.tenantDomain == "https://t.example.com")
    #expect(resolved.responseTimeout == .milliseconds(2500))
    #expect(MonoCloudBackendOptions.environmentVariableNames.count == 19)
  }

  @Test func networkSettingsAreReadFromText() {
    var options = MonoCloudBackendOptions()
    var problems: [String] = []
    options.set(.responseTimeout, text: " 1500 ", source: "MONOCLOUD_BACKEND_RESPONSE_TIMEOUT", problems: &problems)
    options.set(.jwksCacheDuration, text: "10", source: "MONOCLOUD_BACKEND_JWKS_CACHE_DURATION", problems: &problems)
    options.set(.clientAuthMethod, text: "magic", source: "--client-auth-method", problems: &problems)
    options.set(.introspectJWTTokens, text: "yes", source: "--introspect", problems: &problems)
    #expect(options.responseTimeout == .milliseconds(1500))
    #expect(options.jwksCacheDuration == .seconds(10))
    #expect(problems.count == 2)
    #expect(problems.first?.hasPrefix("--client-auth-method") == true)
    #expect(problems.last?.hasPrefix("--introspect") == true)
  }

  @Test func deprecatedForwardsSetThePolicy() {
    var old = ClaimsValidationOptions(issuer: "i", audience: "a", clockSkew: 3, clockTolerance: 4)
    old.requiredScopes = ["s"]
    let policy = old.policy
    #expect(policy.issuers == ["i"] && policy.audiences == ["a"])
    #expect(policy.clockSkew == .seconds(3) && policy.clockTolerance == .seconds(4))
    #expect(policy.requiredScopes == ["s"])
    #expect(ClaimsValidationOptions(policy).clockTolerance == 4)
  }
}
