import MonoCloudBackend
import MonoCloudJOSE
import Testing

/// The policy lines of issue 15 in the library: exp required, iat bounds and maximum age,
/// required typ, blank requirements, and the same rules through the backend client.
@Suite struct PolicyRuleTests {
  static let now: Int64 = 1_700_000_000

  static func outcome(_ claims: JSONObject, _ policy: TokenValidationPolicy) -> JOSEError.Code? {
    do throws(JOSEError) {
      try ClaimsValidator(policy).validate(claims, now: now)
      return nil
    } catch {
      return error.code
    }
  }

  @Test func expirationIsRequiredByDefault() {
    #expect(TokenValidationPolicy().requireExpiration)
    #expect(Self.outcome([:], TokenValidationPolicy()) == .invalidToken)
    #expect(Self.outcome([:], TokenValidationPolicy(requireExpiration: false)) == nil)
    #expect(Self.outcome(["exp": .number(JSONNumber(Self.now + 10))], TokenValidationPolicy()) == nil)
  }

  @Test func issuedAtInTheFutureIsRefused() {
    let policy = TokenValidationPolicy(clockSkew: .seconds(10), clockTolerance: .seconds(60), requireExpiration: false)
    // current = now + 10; iat may be up to current + 60.
    #expect(Self.outcome(["iat": .number(JSONNumber(Self.now + 70))], policy) == nil)
    #expect(Self.outcome(["iat": .number(JSONNumber(Self.now + 71))], policy) == .invalidToken)
    #expect(Self.outcome(["iat": "1700000000"], policy) == .invalidToken)
    #expect(Self.outcome([:], policy) == nil)
  }

  @Test func maximumTokenAge() {
    let policy = TokenValidationPolicy(
      clockTolerance: .seconds(5), requireExpiration: false, maxTokenAge: .seconds(600))
    #expect(Self.outcome(["iat": .number(JSONNumber(Self.now - 605))], policy) == nil)
    #expect(Self.outcome(["iat": .number(JSONNumber(Self.now - 606))], policy) == .invalidToken)
    #expect(Self.outcome([:], policy) == .invalidToken)  // iat is required with a maximum age
    var problems: [String] = []
    _ = TokenValidationPolicy(maxTokenAge: .zero).checked(problems: &problems)
    #expect(problems == ["maxTokenAge must be positive"])
  }

  @Test func requiredTypes() throws {
    let key = try JWK(json: ["kty": "oct", "k": .string(Base64URL.encode([UInt8](repeating: 7, count: 32)))])
    let keys = JWKSet(keys: [key])
    let claims: JSONObject = ["exp": .number(JSONNumber(Self.now + 60))]
    func token(_ typ: String?) throws -> String {
      var header = JSONObject()
      if let typ { header["typ"] = .string(typ) }
      return try JWS.sign(claims: claims, key: key, algorithm: .hs256, extraHeader: header)
    }
    let open = JWTValidator(keySet: keys, algorithms: [.hs256], policy: TokenValidationPolicy())
    let strict = JWTValidator(
      keySet: keys, algorithms: [.hs256],
      policy: TokenValidationPolicy(requiredTypes: ["at+jwt", "application/at+jwt"]))
    for typ in [nil, "JWT", "at+jwt"] { _ = try open.validate(try token(typ), now: Self.now) }
    for typ in ["at+jwt", "AT+JWT", "application/at+jwt"] { _ = try strict.validate(try token(typ), now: Self.now) }
    for typ in [nil, "JWT", "at+jwt2"] {
      #expect(throws: JOSEError.self, "\(typ ?? "none")") { try strict.validate(try token(typ), now: Self.now) }
    }
  }

  @Test func blankRequirementsAreConfigurationErrors() {
    for policy in [
      TokenValidationPolicy(requiredScopes: [""]), TokenValidationPolicy(requiredScopes: ["read", " "]),
      TokenValidationPolicy(requiredGroups: ["\t"]), TokenValidationPolicy(requiredTypes: [""]),
    ] {
      var problems: [String] = []
      _ = policy.checked(problems: &problems)
      #expect(problems.count == 1, "\(problems)")
    }
    var policy = TokenValidationPolicy()
    var problems: [String] = []
    policy.set(.requiredScopes, text: "read  write\t", source: "--scope", problems: &problems)
    policy.set(.requiredScopes, text: " ", source: "--scope", problems: &problems)
    #expect(policy.requiredScopes == ["read", "write", ""])
    _ = policy.checked(problems: &problems)
    #expect(problems == ["--scope must not be empty or blank"])
  }

  @Test func theClientAppliesThePolicy() async throws {
    let harness = Harness { $0.policy.requiredTypes = ["at+jwt"] }
    let client = try harness.client()
    let plain = harness.tenant.mint(claims: harness.claims())
    await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(plain)
    }
    let key = TestKeys.jwk(TestKeys.rsa, kid: "k1")
    let typed = try JWS.sign(claims: harness.claims(), key: key, algorithm: .rs256, extraHeader: ["typ": "at+jwt"])
    _ = try await client.validateAccessToken(typed)
    // A blank required scope in a call is a configuration error, never a dropped requirement.
    await expectError(.configuration(["requiredScopes must not be empty or blank"])) {
      () async throws(MonoCloudError) in _ = try await client.validateAccessToken(typed, scopes: [" "])
    }
  }

  @Test func jwtsNeedExpIntrospectionAnswersDoNot() async throws {
    let harness = Harness()
    let client = try harness.client()
    var claims = harness.claims()
    claims["exp"] = nil
    await expectError(.token(.invalidToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(harness.tenant.mint(claims: claims))
    }
    claims["active"] = true
    harness.tenant.state.withLock { $0.introspection["opaque"] = claims }
    #expect(try await client.validateAccessToken("opaque").subject == "user-1")
    let allowing = Harness { $0.policy.requireExpiration = false }
    _ = try await allowing.client().validateAccessToken(allowing.tenant.mint(claims: claims))
  }
}
