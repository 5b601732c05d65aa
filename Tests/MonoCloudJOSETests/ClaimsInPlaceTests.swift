import Testing

@testable import MonoCloudJOSE

/// Claims read in place (a validated token's payload) are checked over their bytes; the
/// decisions and errors must be exactly those for the same claims as a tree.
@Suite struct ClaimsInPlaceTests {
  static let now: Int64 = 1_700_000_000

  static let policies: [TokenValidationPolicy] = {
    var strict = TokenValidationPolicy()
    strict.issuers = ["https://tenant.example.com"]
    strict.audiences = ["https://api.example.com"]
    strict.requiredScopes = ["read:a"]
    strict.requiredGroups = ["Editors"]
    strict.clockTolerance = .seconds(0)
    strict.certificateBinding = .required
    strict.certificateThumbprint = "thumb"
    var allGroups = strict
    allGroups.requiredGroups = ["staff", "g-2"]
    allGroups.groupsMatchAll = true
    allGroups.groupsClaim = "roles"
    allGroups.certificateBinding = .dangerouslyIgnore
    allGroups.maxTokenAge = .seconds(300)
    var loose = TokenValidationPolicy()
    loose.requireExpiration = false
    return [strict, allGroups, loose]
  }()

  static let valid =
    #"{"iss":"https://tenant.example.com","sub":"user-1","aud":["other","https://api.example.com"],"#
    + #""exp":1700000600,"nbf":1699999990,"iat":1699999900,"scope":"openid read:a","#
    + #""groups":["staff",{"id":"g-2","name":"Editors"}],"roles":["staff",{"id":"g-2"}],"cnf":{"x5t#S256":"thumb"}}"#

  /// Variations of `valid`: each replaces or adds members (a later duplicate name is not
  /// possible in JSON, so each is spliced in place of the member it changes).
  static let variations: [String] = [
    valid,
    "{}",
    #"{"exp":1700000600}"#,
    replacing("\"iss\":\"https://tenant.example.com\"", with: "\"iss\":\"https://tenant.example.com/\""),
    replacing("\"iss\":\"https://tenant.example.com\"", with: "\"iss\":1"),
    replacing("\"iss\":\"https://tenant.example.com\"", with: "\"iss\":null"),
    replacing("\"sub\":\"user-1\"", with: "\"sub\":[]"),
    replacing("\"aud\":[\"other\",\"https://api.example.com\"]", with: "\"aud\":\"https://api.example.com\""),
    replacing("\"aud\":[\"other\",\"https://api.example.com\"]", with: "\"aud\":\"other\""),
    replacing(
      "\"aud\":[\"other\",\"https://api.example.com\"]", with: "\"aud\":[1,{\"a\":\"https://api.example.com\"}]"),
    replacing("\"aud\":[\"other\",\"https://api.example.com\"]", with: "\"aud\":{}"),
    replacing("\"aud\":[\"other\",\"https://api.example.com\"]", with: "\"aud\":[]"),
    replacing("\"exp\":1700000600", with: "\"exp\":1700000000"),
    replacing("\"exp\":1700000600", with: "\"exp\":1700000000.5"),
    replacing("\"exp\":1700000600", with: "\"exp\":1.7000006e9"),
    replacing("\"exp\":1700000600", with: "\"exp\":1e400"),
    replacing("\"exp\":1700000600", with: "\"exp\":\"1700000600\""),
    replacing("\"exp\":1700000600", with: "\"exp\":99999999999999999999"),
    replacing("\"exp\":1700000600", with: "\"expires\":1700000600"),
    replacing("\"nbf\":1699999990", with: "\"nbf\":1700000001"),
    replacing("\"nbf\":1699999990", with: "\"nbf\":true"),
    replacing("\"iat\":1699999900", with: "\"iat\":1700000001"),
    replacing("\"iat\":1699999900", with: "\"iat\":1699000000"),
    replacing("\"iat\":1699999900", with: "\"iat\":[]"),
    replacing("\"iat\":1699999900", with: "\"issued\":1"),
    replacing("\"scope\":\"openid read:a\"", with: "\"scope\":\"openid  read:a \""),
    replacing("\"scope\":\"openid read:a\"", with: "\"scope\":\"openid read:ab\""),
    replacing("\"scope\":\"openid read:a\"", with: "\"scope\":[\"read:a\"]"),
    replacing("\"scope\":\"openid read:a\"", with: "\"scp\":[\"x\",\"read:a\"]"),
    replacing("\"scope\":\"openid read:a\"", with: "\"scp\":[\"x\"]"),
    replacing("\"scope\":\"openid read:a\"", with: "\"scp\":\"read:a x\""),
    replacing("\"scope\":\"openid read:a\"", with: "\"scp\":7"),
    replacing("\"scope\":\"openid read:a\"", with: "\"other\":7"),
    replacing("\"groups\":[\"staff\",{\"id\":\"g-2\",\"name\":\"Editors\"}]", with: "\"groups\":[\"Editors\"]"),
    replacing(
      "\"groups\":[\"staff\",{\"id\":\"g-2\",\"name\":\"Editors\"}]", with: "\"groups\":[{\"id\":\"Editors\"}]"),
    replacing("\"groups\":[\"staff\",{\"id\":\"g-2\",\"name\":\"Editors\"}]", with: "\"groups\":[{\"name\":1}]"),
    replacing("\"groups\":[\"staff\",{\"id\":\"g-2\",\"name\":\"Editors\"}]", with: "\"groups\":\"Editors\""),
    replacing("\"groups\":[\"staff\",{\"id\":\"g-2\",\"name\":\"Editors\"}]", with: "\"groups\":[]"),
    replacing("\"groups\":[\"staff\",{\"id\":\"g-2\",\"name\":\"Editors\"}]", with: "\"grps\":[]"),
    replacing("\"roles\":[\"staff\",{\"id\":\"g-2\"}]", with: "\"roles\":[\"staff\"]"),
    replacing(
      "\"roles\":[\"staff\",{\"id\":\"g-2\"}]", with: "\"roles\":[[\"g-2\"],\"staff\",{\"id\":[],\"name\":\"g-2\"}]"),
    replacing("\"cnf\":{\"x5t#S256\":\"thumb\"}", with: "\"cnf\":{\"x5t#S256\":\"thumc\"}"),
    replacing("\"cnf\":{\"x5t#S256\":\"thumb\"}", with: "\"cnf\":{\"jkt\":\"thumb\"}"),
    replacing("\"cnf\":{\"x5t#S256\":\"thumb\"}", with: "\"cnf\":{\"x5t#S256\":5}"),
    replacing("\"cnf\":{\"x5t#S256\":\"thumb\"}", with: "\"cnf\":[\"thumb\"]"),
    replacing("\"cnf\":{\"x5t#S256\":\"thumb\"}", with: "\"cnf\": { \"a\" : [ 1 , { } ] , \"x5t#S256\" : \"thumb\" } "),
  ]

  static func replacing(_ old: String, with new: String) -> String {
    guard valid.contains(old) else { return "not found: \(old)" }
    return valid.replacing(old, with: new)
  }

  static func outcome(_ validator: ClaimsValidator, _ claims: JSONObject) -> String {
    do {
      try validator.validate(claims, now: now)
      return "valid"
    } catch {
      return "\(error.code): \(error.message)"
    }
  }

  @Test func decisionsAndErrorsAreTheTreeOnes() throws {
    var compared = 0
    var decisions: Set<String> = []
    for document in Self.variations {
      let encoded = Array(Base64URL.encode(Array(document.utf8)).utf8)
      let tree = try encoded.withBytes { (raw) throws(JOSEError) in try JSONReader.parseObject(base64URLEncoded: raw) }
      let inPlace = try encoded.withBytes { (raw) throws(JOSEError) in
        try JSONReader.parseObjectInPlace(base64URLEncoded: raw)
      }
      #expect(!document.hasPrefix("not found"), "\(document)")
      #expect(inPlace.withSourceDocument { _ in true } == true, "\(document)")
      #expect(tree.withSourceDocument { _ in true } == nil, "\(document)")
      let reversed = JSONObject(uniqueMembers: tree.members.reversed())
      for policy in Self.policies {
        let validator = ClaimsValidator(policy)
        let expected = Self.outcome(validator, tree)
        #expect(Self.outcome(validator, inPlace) == expected, "\(document)")
        // Claims are found in one pass over the members: their order must not matter.
        #expect(Self.outcome(validator, reversed) == expected, "\(document)")
        decisions.insert(expected)
        compared &+= 1
      }
    }
    #expect(Self.variations.count == 46)
    #expect(compared == 46 * 3)
    // The variations reach many distinct rules (not all one outcome).
    #expect(decisions.count >= 20)
  }

  /// The claims are found by name in one pass: a groups claim named like a registered claim is
  /// read as both, and names that only start like a registered one are neither.
  @Test func claimsAreFoundByTheirWholeName() throws {
    var policy = TokenValidationPolicy()
    policy.issuers = ["https://tenant.example.com"]
    policy.audiences = ["https://api.example.com"]
    policy.requireExpiration = false
    var audienceGroups = policy
    audienceGroups.groupsClaim = "aud"
    audienceGroups.requiredGroups = ["admins"]
    var scopeGroups = policy
    scopeGroups.groupsClaim = "scope"
    scopeGroups.requiredGroups = ["admins"]
    var scopes = policy
    scopes.requiredScopes = ["read:a"]
    let claims = #""iss":"https://tenant.example.com","aud":["https://api.example.com","admins"],"scope":"read:a""#
    let cases: [(TokenValidationPolicy, String, String)] = [
      (audienceGroups, "{\(claims)}", "valid"),
      (scopeGroups, "{\(claims)}", "insufficientGroups: the scope claim is not an array"),
      (scopes, "{\(claims)}", "valid"),
      (
        policy, #"{"isss":"https://tenant.example.com","aud":"https://api.example.com"}"#,
        "invalidToken: the iss claim is missing"
      ),
      (
        policy, #"{"iss":"https://tenant.example.com","au":"https://api.example.com"}"#,
        "invalidToken: the aud claim is missing"
      ),
      (
        scopes, #"{"iss":"https://tenant.example.com","aud":"https://api.example.com","scopes":"read:a"}"#,
        "insufficientScope: the token has no scope claim"
      ),
      (
        scopes, #"{"iss":"https://tenant.example.com","aud":"https://api.example.com","scop":"read:a"}"#,
        "insufficientScope: the token has no scope claim"
      ),
    ]
    var compared = 0
    for (policy, document, expected) in cases {
      let encoded = Array(Base64URL.encode(Array(document.utf8)).utf8)
      let tree = try encoded.withBytes { (raw) throws(JOSEError) in try JSONReader.parseObject(base64URLEncoded: raw) }
      let inPlace = try encoded.withBytes { (raw) throws(JOSEError) in
        try JSONReader.parseObjectInPlace(base64URLEncoded: raw)
      }
      let validator = ClaimsValidator(policy)
      #expect(Self.outcome(validator, tree) == expected, "\(document)")
      #expect(Self.outcome(validator, inPlace) == expected, "\(document)")
      compared &+= 1
    }
    #expect(compared == 7)
  }
}
