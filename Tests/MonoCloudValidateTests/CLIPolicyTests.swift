import Foundation
import MonoCloudJOSE
import Testing

/// The token policy lines on the command line (offline, so both builds run them): exp
/// required, iat bounds and maximum age, required typ, several issuers and audiences, blank
/// requirements, and bounded standard input.
@Suite("monocloud-validate token policy")
struct CLIPolicyTests {
  static func token(_ changes: [(String, JSONValue)], typ: String? = nil) throws -> String {
    let key = try CLITestTokens.signingKey()
    // `.null` removes a claim.
    let removed = changes.filter { $0.1 == .null }.map { $0.0 }
    let claims = JSONObject(
      CLITestTokens.claims(with: changes.filter { $0.1 != .null }).members.filter { !removed.contains($0.key) })
    var header = JSONObject()
    if let typ { header["typ"] = .string(typ) }
    return try JWS.sign(
      payload: claims.jsonBytes, key: key, algorithm: try CLITestTokens.algorithm(of: key),
      extraHeader: header)
  }

  static func run(_ extra: [String], _ token: String) async throws -> CLIResult {
    try await CLIRunner.run(CLIOfflineTests.arguments(extra + [token]))
  }

  @Test("exp is required unless --allow-missing-exp")
  func expirationRequired() async throws {
    let token = try Self.token([("exp", .null)])
    let refused = try await Self.run([], token)
    CLIOfflineTests.expectRejected(refused, code: "invalid_token", token: token)
    #expect(refused.standardError.contains("exp"))
    let allowed = try await Self.run(["--allow-missing-exp"], token)
    #expect(allowed.status == 0, "stderr: \(allowed.standardError)")
    #expect(try await Self.run(["--allow-missing-exp=false"], token).status == 1)
  }

  @Test("iat in the future beyond skew and tolerance is refused; --max-token-age bounds the age")
  func issuedAt() async throws {
    let now = CLITestTokens.now
    let future = try Self.token([("iat", .number(JSONNumber(now + 301)))])
    CLIOfflineTests.expectRejected(try await Self.run([], future), code: "invalid_token", token: future)
    #expect(try await Self.run(["--clock-skew", "2"], future).status == 0)  // current + tolerance reaches it
    // The default token was issued 100 s before now.
    #expect(try await Self.run(["--max-token-age", "100", "--clock-tolerance", "0"], try Self.token([])).status == 0)
    let old = try await Self.run(["--max-token-age", "99", "--clock-tolerance", "0"], try Self.token([]))
    CLIOfflineTests.expectRejected(old, code: "invalid_token")
    let withoutIat = try Self.token([("iat", .null)])
    CLIOfflineTests.expectRejected(try await Self.run(["--max-token-age", "3600"], withoutIat), code: "invalid_token")
    let environment = ["MONOCLOUD_BACKEND_MAX_TOKEN_AGE": "99", "MONOCLOUD_BACKEND_CLOCK_TOLERANCE": "0"]
    let fromVariable = try await CLIRunner.run(
      CLIOfflineTests.arguments([try Self.token([])]), environment: environment)
    CLIOfflineTests.expectRejected(fromVariable, code: "invalid_token")
    CLIOfflineTests.expectUsageError(
      try await Self.run(["--max-token-age", "soon"], try Self.token([])), mentioning: "--max-token-age")
  }

  @Test("--require-typ: repeatable or a comma list, case-insensitive; default unchecked")
  func requiredType() async throws {
    let atJWT = try Self.token([], typ: "at+JWT")
    let plain = try Self.token([], typ: "JWT")
    let untyped = try Self.token([])
    #expect(try await Self.run([], plain).status == 0)
    #expect(try await Self.run(["--require-typ", "at+jwt"], atJWT).status == 0)
    #expect(try await Self.run(["--require-typ", "application/at+jwt,at+jwt"], atJWT).status == 0)
    #expect(try await Self.run(["--require-typ", "application/at+jwt", "--require-typ", "at+jwt"], atJWT).status == 0)
    CLIOfflineTests.expectRejected(try await Self.run(["--require-typ", "at+jwt"], plain), code: "invalid_token")
    CLIOfflineTests.expectRejected(try await Self.run(["--require-typ", "at+jwt"], untyped), code: "invalid_token")
    CLIOfflineTests.expectUsageError(try await Self.run(["--require-typ", "a,,b"], atJWT), mentioning: "--require-typ")
  }

  @Test("several issuers and audiences: comma-separated flags and variable")
  func severalIssuersAndAudiences() async throws {
    let token = try CLITestTokens.token()
    let base = ["--jwks", CLIOfflineTests.jwks, "--now", String(CLITestTokens.now)]
    let issuers = "https://other.example.com," + CLITestTokens.issuer
    #expect(
      try await CLIRunner.run(base + ["--issuer", issuers, "--audience", "x," + CLITestTokens.audience, token]).status
        == 0)
    let wrong = try await CLIRunner.run(
      base + ["--issuer", "https://a.example,https://b.example", "--audience", "x", token])
    CLIOfflineTests.expectRejected(wrong, code: "invalid_token", token: token)
    let environment = ["MONOCLOUD_BACKEND_AUDIENCE": "x, " + CLITestTokens.audience]
    #expect(
      try await CLIRunner.run(base + ["--issuer", CLITestTokens.issuer, token], environment: environment).status == 0)
    CLIOfflineTests.expectUsageError(
      try await CLIRunner.run(base + ["--issuer", CLITestTokens.issuer, "--audience", "x,", token]),
      mentioning: "--audience")
  }

  @Test("blank scope or group requirements are configuration errors (exit 2)")
  func blankRequirements() async throws {
    let token = try CLITestTokens.token()
    for extra in [
      ["--scope", ""], ["--scope", "  "], ["--group", ""], ["--scope=read", "--scope="], ["--group", "\t"],
    ] {
      let flag = extra[0].hasPrefix("--scope") ? "--scope" : "--group"
      CLIOfflineTests.expectUsageError(try await Self.run(extra, token), mentioning: flag)
    }
    #expect(try await Self.run(["--scope", "read write"], token).status == 0)
  }

  @Test("an oversized token on standard input is refused; oversized --batch lines get one error line each")
  func boundedInput() async throws {
    let token = try CLITestTokens.token()
    let huge = String(repeating: "a", count: 70_000)
    let single = try await CLIRunner.run(CLIOfflineTests.arguments(["-"]), stdin: huge)
    CLIOfflineTests.expectRejected(single, code: "invalid_token")
    #expect(single.standardError.contains("longer than"))
    let batch = try await CLIRunner.run(
      CLIOfflineTests.arguments(["--batch"]), stdin: [token, huge, token, huge + huge].joined(separator: "\n"))
    #expect(batch.status == 0, "stderr: \(batch.standardError)")
    let lines = batch.standardOutput.split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    let tooLong =
      #"{"valid":false,"error":"invalid_token","message":"the line is longer than 65600 bytes; not a token"}"#
    #expect(lines.count == 4 && lines[1] == tooLong && lines[3] == tooLong)
    #expect(
      lines.first?.hasPrefix(#"{"valid":true,"#) == true && lines.count > 2 && lines[2].hasPrefix(#"{"valid":true,"#))
  }
}
