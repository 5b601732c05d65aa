import MonoCloudJOSE
import Testing

@Suite struct ClaimsValidatorTests {
  static let now: Int64 = 1_700_000_000
  static let issuer = "https://tenant.example.com"
  static let thumbprint = "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"

  /// A token that passes every check of `strictOptions`.
  static let validClaims: JSONObject = [
    "iss": .string(issuer),
    "sub": "user-1",
    "aud": ["https://api.example.com", "other"],
    "exp": .number(JSONNumber(now + 600)),
    "nbf": .number(JSONNumber(now - 10)),
    "scope": "openid read:a write:b",
    "groups": ["staff", ["id": "g-2", "name": "Editors"]],
    "cnf": ["x5t#S256": .string(thumbprint)],
  ]

  static func options(_ change: (inout ClaimsValidationOptions) -> Void = { _ in }) -> ClaimsValidationOptions {
    var options = ClaimsValidationOptions(
      issuer: issuer, audience: "https://api.example.com", clockTolerance: 0,
      requiredScopes: ["read:a"], requiredGroups: ["staff"], certificateThumbprint: thumbprint)
    change(&options)
    return options
  }

  static func claims(_ change: (inout JSONObject) -> Void) -> JSONObject {
    var claims = validClaims
    change(&claims)
    return claims
  }

  /// The error code of validating, or nil when the claims pass.
  func outcome(
    _ claims: JSONObject, _ options: ClaimsValidationOptions = options(), now: Int64 = now
  ) -> JOSEError.Code? {
    do {
      try ClaimsValidator(options).validate(claims, now: now)
      return nil
    } catch {
      #expect(!error.message.isEmpty)
      return error.code
    }
  }

  @Test func validTokenPasses() {
    #expect(outcome(Self.validClaims) == nil)
    #expect(outcome([:], ClaimsValidationOptions()) == .invalidToken)  // exp is required by default
  }

  @Test func issuer() {
    #expect(outcome(Self.claims { $0["iss"] = "https://tenant.example.com/" }) == .invalidToken)
    #expect(outcome(Self.claims { $0["iss"] = "HTTPS://tenant.example.com" }) == .invalidToken)
    #expect(outcome(Self.claims { $0["iss"] = nil }) == .invalidToken)
    #expect(outcome(Self.claims { $0["iss"] = 1 }) == .invalidToken)
    #expect(outcome(Self.claims { $0["iss"] = "anything" }, Self.options { $0.issuer = nil }) == nil)
  }

  @Test func audience() {
    #expect(outcome(Self.claims { $0["aud"] = "https://api.example.com" }) == nil)
    #expect(outcome(Self.claims { $0["aud"] = ["x", "https://api.example.com"] }) == nil)
    #expect(outcome(Self.claims { $0["aud"] = "https://api.example.com/" }) == .invalidToken)
    #expect(outcome(Self.claims { $0["aud"] = ["x", "y"] }) == .invalidToken)
    #expect(outcome(Self.claims { $0["aud"] = [] }) == .invalidToken)
    #expect(outcome(Self.claims { $0["aud"] = [1, ["https://api.example.com"]] }) == .invalidToken)
    #expect(outcome(Self.claims { $0["aud"] = 7 }) == .invalidToken)
    #expect(outcome(Self.claims { $0["aud"] = nil }) == .invalidToken)
    #expect(outcome(Self.claims { $0["aud"] = nil }, Self.options { $0.audience = nil }) == nil)
  }

  @Test func subject() {
    #expect(outcome(Self.claims { $0["sub"] = nil }) == nil)
    #expect(outcome(Self.claims { $0["sub"] = "" }) == nil)
    #expect(outcome(Self.claims { $0["sub"] = 5 }) == .invalidToken)
    #expect(outcome(Self.claims { $0["sub"] = .null }) == .invalidToken)
  }

  @Test func expiry() {
    let now = Self.now
    #expect(outcome(Self.claims { $0["exp"] = .number(JSONNumber(now + 1)) }) == nil)
    #expect(outcome(Self.claims { $0["exp"] = .number(JSONNumber(now)) }) == .invalidToken)  // exp > current
    #expect(outcome(Self.claims { $0["exp"] = .number(JSONNumber(now - 1)) }) == .invalidToken)
    #expect(outcome(Self.claims { $0["exp"] = nil }) == .invalidToken)  // exp is required by default
    #expect(outcome(Self.claims { $0["exp"] = "1800000000" }) == .invalidToken)
    #expect(outcome(Self.claims { $0["exp"] = .null }) == .invalidToken)
    // Fractional and exponent forms.
    #expect(outcome(Self.claims { $0["exp"] = .number(JSONNumber(text: "1700000000.5")!) }) == nil)
    #expect(outcome(Self.claims { $0["exp"] = .number(JSONNumber(text: "1699999999.5")!) }) == .invalidToken)
    #expect(outcome(Self.claims { $0["exp"] = .number(JSONNumber(text: "1.7000001e9")!) }) == nil)
    #expect(outcome(Self.claims { $0["exp"] = .number(JSONNumber(text: "1.7e9")!) }) == .invalidToken)
    #expect(outcome(Self.claims { $0["exp"] = .number(JSONNumber(text: "1e400")!) }) == .invalidToken)
    #expect(outcome(Self.claims { $0["exp"] = .number(JSONNumber(text: "99999999999999999999")!) }) == nil)
    // Tolerance: expired 100 s ago passes with 300 s tolerance, 300 s ago does not.
    let tolerant = Self.options { $0.clockTolerance = 300 }
    #expect(outcome(Self.claims { $0["exp"] = .number(JSONNumber(now - 100)) }, tolerant) == nil)
    #expect(outcome(Self.claims { $0["exp"] = .number(JSONNumber(now - 300)) }, tolerant) == .invalidToken)
    // Skew shifts the current time.
    #expect(
      outcome(Self.claims { $0["exp"] = .number(JSONNumber(now + 50)) }, Self.options { $0.clockSkew = 60 })
        == .invalidToken)
    let earlier = Self.claims {
      $0["exp"] = .number(JSONNumber(now - 50))
      $0["nbf"] = nil
    }
    #expect(outcome(earlier, Self.options { $0.clockSkew = -60 }) == nil)
    #expect(outcome(earlier, Self.options { $0.clockSkew = -40 }) == .invalidToken)
  }

  @Test func notBefore() {
    let now = Self.now
    #expect(outcome(Self.claims { $0["nbf"] = .number(JSONNumber(now)) }) == nil)  // nbf <= current
    #expect(outcome(Self.claims { $0["nbf"] = .number(JSONNumber(now + 1)) }) == .invalidToken)
    #expect(outcome(Self.claims { $0["nbf"] = nil }) == nil)
    #expect(outcome(Self.claims { $0["nbf"] = "0" }) == .invalidToken)
    #expect(outcome(Self.claims { $0["nbf"] = .number(JSONNumber(text: "1700000000.5")!) }) == .invalidToken)
    #expect(outcome(Self.claims { $0["nbf"] = .number(JSONNumber(text: "-1e400")!) }) == .invalidToken)
    let tolerant = Self.options { $0.clockTolerance = 300 }
    #expect(outcome(Self.claims { $0["nbf"] = .number(JSONNumber(now + 300)) }, tolerant) == nil)
    #expect(outcome(Self.claims { $0["nbf"] = .number(JSONNumber(now + 301)) }, tolerant) == .invalidToken)
    #expect(
      outcome(Self.claims { $0["nbf"] = .number(JSONNumber(now + 50)) }, Self.options { $0.clockSkew = 60 }) == nil)
  }

  @Test func extremeTimesDoNotTrap() {
    let options = Self.options {
      $0.clockSkew = Int64.max
      $0.clockTolerance = Int64.min
    }
    #expect(
      outcome(Self.claims { $0["exp"] = .number(JSONNumber(Int64.max)) }, options, now: Int64.max) == .invalidToken)
    let wide = Self.options { $0.clockTolerance = Int64.max }
    #expect(outcome(Self.validClaims, wide, now: 0) == nil)
    #expect(outcome(Self.claims { $0["nbf"] = nil }, wide, now: Int64.min) == nil)
    #expect(outcome(Self.validClaims, wide, now: Int64.min) == .invalidToken)  // nbf > min + max
  }

  @Test func scopes() {
    #expect(outcome(Self.validClaims, Self.options { $0.requiredScopes = ["read:a", "write:b", "openid"] }) == nil)
    #expect(outcome(Self.validClaims, Self.options { $0.requiredScopes = ["read:a", "admin"] }) == .insufficientScope)
    #expect(outcome(Self.validClaims, Self.options { $0.requiredScopes = ["read"] }) == .insufficientScope)
    #expect(outcome(Self.validClaims, Self.options { $0.requiredScopes = ["read:a write:b"] }) == .insufficientScope)
    #expect(outcome(Self.validClaims, Self.options { $0.requiredScopes = [""] }) == .insufficientScope)
    #expect(outcome(Self.claims { $0["scope"] = "  read:a  " }) == nil)
    #expect(outcome(Self.claims { $0["scope"] = "READ:A" }) == .insufficientScope)
    #expect(outcome(Self.claims { $0["scope"] = "" }) == .insufficientScope)
    #expect(outcome(Self.claims { $0["scope"] = ["read:a"] }) == .insufficientScope)
    #expect(outcome(Self.claims { $0["scope"] = nil }) == .insufficientScope)
    // No required scopes: the claim is not looked at.
    #expect(outcome(Self.claims { $0["scope"] = 3 }, Self.options { $0.requiredScopes = [] }) == nil)
  }

  @Test func scpArrayWhenScopeIsAbsent() {
    let base = Self.claims { $0["scope"] = nil }
    var claims = base
    claims["scp"] = ["read:a", "write:b"]
    #expect(outcome(claims, Self.options { $0.requiredScopes = ["read:a", "write:b"] }) == nil)
    #expect(outcome(claims, Self.options { $0.requiredScopes = ["read:a", "x"] }) == .insufficientScope)
    claims["scp"] = [1, "x"]
    #expect(outcome(claims) == .insufficientScope)
    claims["scp"] = "read:a write:b"
    #expect(outcome(claims) == nil)
    claims["scp"] = 1
    #expect(outcome(claims) == .insufficientScope)
    // `scope` wins over `scp` when both exist.
    var both = Self.validClaims
    both["scope"] = "openid"
    both["scp"] = ["read:a"]
    #expect(outcome(both) == .insufficientScope)
  }

  @Test func groupsAny() {
    let options = Self.options { $0.requiredGroups = ["nobody", "g-2"] }
    #expect(outcome(Self.validClaims, options) == nil)  // by id
    #expect(outcome(Self.validClaims, Self.options { $0.requiredGroups = ["Editors"] }) == nil)  // by name
    #expect(outcome(Self.validClaims, Self.options { $0.requiredGroups = ["staff"] }) == nil)  // string
    #expect(outcome(Self.validClaims, Self.options { $0.requiredGroups = ["editors"] }) == .insufficientGroups)
    #expect(outcome(Self.validClaims, Self.options { $0.requiredGroups = ["nobody"] }) == .insufficientGroups)
    #expect(outcome(Self.claims { $0["groups"] = [1, .null, ["other": "staff"]] }) == .insufficientGroups)
    #expect(outcome(Self.claims { $0["groups"] = [] }) == .insufficientGroups)
  }

  @Test func groupsAll() {
    let all = Self.options {
      $0.requiredGroups = ["staff", "g-2", "Editors"]
      $0.groupsMatchAll = true
    }
    #expect(outcome(Self.validClaims, all) == nil)
    let missingOne = Self.options {
      $0.requiredGroups = ["staff", "nobody"]
      $0.groupsMatchAll = true
    }
    #expect(outcome(Self.validClaims, missingOne) == .insufficientGroups)
    let missingFirst = Self.options {
      $0.requiredGroups = ["nobody", "staff"]
      $0.groupsMatchAll = true
    }
    #expect(outcome(Self.validClaims, missingFirst) == .insufficientGroups)
  }

  @Test func groupsClaimShape() {
    let noneRequired = Self.options { $0.requiredGroups = [] }
    #expect(outcome(Self.claims { $0["groups"] = nil }, noneRequired) == nil)
    #expect(outcome(Self.claims { $0["groups"] = nil }) == .insufficientGroups)
    #expect(outcome(Self.claims { $0["groups"] = "staff" }) == .insufficientGroups)
    #expect(outcome(Self.claims { $0["groups"] = ["id": "staff"] }) == .insufficientGroups)
    // A custom claim name.
    let custom = Self.options { $0.groupsClaim = "roles" }
    #expect(outcome(Self.validClaims, custom) == .insufficientGroups)
    #expect(outcome(Self.claims { $0["roles"] = ["staff"] }, custom) == nil)
  }

  @Test func certificateBindingWhenPresent() {
    #expect(outcome(Self.validClaims) == nil)
    #expect(outcome(Self.validClaims, Self.options { $0.certificateThumbprint = nil }) == .invalidToken)
    #expect(
      outcome(
        Self.validClaims, Self.options { $0.certificateThumbprint = "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg3" })
        == .invalidToken)
    #expect(outcome(Self.validClaims, Self.options { $0.certificateThumbprint = "bwcK" }) == .invalidToken)
    // Unbound tokens pass with or without a certificate.
    #expect(outcome(Self.claims { $0["cnf"] = nil }) == nil)
    #expect(outcome(Self.claims { $0["cnf"] = nil }, Self.options { $0.certificateThumbprint = nil }) == nil)
    #expect(outcome(Self.claims { $0["cnf"] = ["jkt": "abc"] }, Self.options { $0.certificateThumbprint = nil }) == nil)
    // Malformed confirmation claims fail closed.
    #expect(outcome(Self.claims { $0["cnf"] = "x" }) == .invalidToken)
    #expect(outcome(Self.claims { $0["cnf"] = ["x5t#S256": 1] }) == .invalidToken)
  }

  @Test func certificateBindingRequired() {
    let required = Self.options { $0.certificateBinding = .required }
    #expect(outcome(Self.validClaims, required) == nil)
    #expect(outcome(Self.claims { $0["cnf"] = nil }, required) == .invalidToken)
    #expect(outcome(Self.claims { $0["cnf"] = [:] }, required) == .invalidToken)
    let requiredWithoutCertificate = Self.options {
      $0.certificateBinding = .required
      $0.certificateThumbprint = nil
    }
    #expect(outcome(Self.validClaims, requiredWithoutCertificate) == .invalidToken)
  }

  @Test func certificateBindingIgnored() {
    let ignore = Self.options {
      $0.certificateBinding = .dangerouslyIgnore
      $0.certificateThumbprint = "different"
    }
    #expect(outcome(Self.validClaims, ignore) == nil)
    #expect(outcome(Self.claims { $0["cnf"] = "x" }, ignore) == nil)
  }

  @Test func perCallThumbprint() throws {
    let validator = ClaimsValidator(Self.options { $0.certificateThumbprint = nil })
    try validator.validate(Self.validClaims, now: Self.now, certificateThumbprint: Self.thumbprint)
    #expect(throws: JOSEError.self) {
      try validator.validate(Self.validClaims, now: Self.now, certificateThumbprint: nil)
    }
  }

  @Test func bindingModeNames() {
    #expect(CertificateBindingMode(name: "when_present") == .whenPresent)
    #expect(CertificateBindingMode(name: "required") == .required)
    #expect(CertificateBindingMode(name: "dangerously_ignore") == .dangerouslyIgnore)
    #expect(CertificateBindingMode(name: "Required") == nil)
    #expect(CertificateBindingMode.dangerouslyIgnore.name == "dangerously_ignore")
  }

  @Test func messagesNameClaimsNotValues() {
    do {
      try ClaimsValidator(Self.options()).validate(Self.claims { $0["iss"] = "evil-issuer-value" }, now: Self.now)
      Issue.record("accepted")
    } catch {
      #expect(error.message.contains("iss"))
      #expect(!error.message.contains("evil"))
    }
  }

  /// `requiring(scopes:groups:)` replaces only the required scopes and groups: the same answer
  /// as a validator built from a policy with those requirements, every other rule kept.
  @Test func requiringSwapsOnlyScopesAndGroups() {
    let base = ClaimsValidator(Self.options().policy)
    let requirements: [([String], [String])] = [
      ([], []), (["read:a"], ["staff"]), (["write:b", "openid"], []), (["admin"], []), ([], ["Editors"]),
      ([], ["g-2", "staff"]), ([], ["nobody"]), (["read"], ["staff"]),
    ]
    let claimSets = [
      Self.validClaims, Self.claims { $0["iss"] = "https://elsewhere.example.com" },
      Self.claims { $0["exp"] = .number(JSONNumber(Self.now - 1)) }, Self.claims { $0["cnf"] = nil },
    ]
    var cases = 0
    for (scopes, groups) in requirements {
      let swapped = base.requiring(scopes: scopes, groups: groups)
      var policy = Self.options().policy
      policy.requiredScopes = scopes
      policy.requiredGroups = groups
      #expect(swapped.policy.requiredScopes == scopes && swapped.policy.requiredGroups == groups)
      #expect(swapped.policy.audiences == base.policy.audiences)
      for claims in claimSets {
        #expect(
          code { try swapped.validate(claims, now: Self.now) }
            == code { try ClaimsValidator(policy).validate(claims, now: Self.now) })
        cases += 1
      }
    }
    #expect(cases == 32)
    #expect(
      code { try base.requiring(scopes: ["admin"], groups: []).validate(Self.validClaims, now: Self.now) }
        == .insufficientScope)
    #expect(
      code { try base.requiring(scopes: [], groups: ["nobody"]).validate(Self.validClaims, now: Self.now) }
        == .insufficientGroups)
    #expect(code { try base.validate(Self.validClaims, now: Self.now) } == nil)
  }

  private func code(_ body: () throws -> Void) -> JOSEError.Code? {
    do {
      try body()
      return nil
    } catch let error as JOSEError {
      return error.code
    } catch {
      Issue.record("not a JOSEError: \(error)")
      return nil
    }
  }
}
