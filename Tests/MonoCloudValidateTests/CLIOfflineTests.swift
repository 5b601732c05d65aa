import Foundation
import MonoCloudJOSE
import Testing

/// End-to-end tests of `monocloud-validate` in offline mode (`--jwks`): the built executable
/// is run with Foundation's `Process`; exit status, stdout and stderr are checked exactly.
@Suite("monocloud-validate offline")
struct CLIOfflineTests {
  static let jwks = CLITestTokens.sampleFile("jwks.json").path

  /// The usual offline arguments (tenant domain without scheme: normalized to the issuer).
  static func arguments(_ extra: [String] = [], now: Int64? = CLITestTokens.now) -> [String] {
    var arguments = ["--jwks", jwks, "--tenant-domain", "example.monocloud.com/", "--audience", CLITestTokens.audience]
    if let now { arguments += ["--now", String(now)] }
    return arguments + extra
  }

  /// Checks a rejection: exit 1, nothing on stdout, one stderr line `error: <code>: <message>`
  /// that does not contain the token.
  static func expectRejected(
    _ result: CLIResult, code: String, token: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(result.status == 1, "stderr: \(result.standardError)", sourceLocation: sourceLocation)
    #expect(result.standardOutput.isEmpty, sourceLocation: sourceLocation)
    let lines = result.standardError.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 2 && lines[1].isEmpty, "one line: \(result.standardError)", sourceLocation: sourceLocation)
    #expect(
      result.standardError.hasPrefix("error: \(code): "), "got: \(result.standardError)",
      sourceLocation: sourceLocation)
    #expect(result.standardError.count > "error: \(code): \n".count, sourceLocation: sourceLocation)
    if let token, token.count > 8 {
      #expect(
        !result.standardError.contains(token), "the message must not contain the token",
        sourceLocation: sourceLocation)
    }
  }

  /// Checks a usage/configuration error: exit 2, nothing on stdout, a message on stderr.
  static func expectUsageError(
    _ result: CLIResult, mentioning fragment: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(result.status == 2, "stderr: \(result.standardError)", sourceLocation: sourceLocation)
    #expect(result.standardOutput.isEmpty, sourceLocation: sourceLocation)
    #expect(result.standardError.hasPrefix("error: "), sourceLocation: sourceLocation)
    #expect(result.standardError.contains(fragment), "got: \(result.standardError)", sourceLocation: sourceLocation)
  }

  @Test("a valid token: exit 0, the claims as one compact JSON line, nothing on stderr")
  func validToken() async throws {
    let claims = CLITestTokens.claims()
    let result = try await CLIRunner.run(Self.arguments([try CLITestTokens.token(claims)]))
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardOutput == JSONWriter.string(claims) + "\n")
    #expect(result.standardError.isEmpty)
  }

  @Test("the token from standard input with -, trailing newline and spaces trimmed")
  func tokenFromStandardInput() async throws {
    let claims = CLITestTokens.claims()
    let result = try await CLIRunner.run(Self.arguments(["-"]), stdin: try CLITestTokens.token(claims) + "  \r\n")
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardOutput == JSONWriter.string(claims) + "\n")
  }

  @Test("an empty standard input is an invalid token")
  func emptyStandardInput() async throws {
    Self.expectRejected(try await CLIRunner.run(Self.arguments(["-"]), stdin: "\n"), code: "invalid_token")
  }

  @Test("expired: exit 1 invalid_token; the clock tolerance (default 300 s) applies")
  func expired() async throws {
    let token = try CLITestTokens.token()
    let exp = CLITestTokens.now + 3500
    Self.expectRejected(
      try await CLIRunner.run(Self.arguments([token], now: exp + 300)), code: "invalid_token", token: token)
    #expect(try await CLIRunner.run(Self.arguments([token], now: exp + 299)).status == 0)
    let strict = try await CLIRunner.run(Self.arguments(["--clock-tolerance", "0", token], now: exp))
    Self.expectRejected(strict, code: "invalid_token", token: token)
    #expect(try await CLIRunner.run(Self.arguments(["--clock-tolerance=0", token], now: exp - 1)).status == 0)
    // The skew moves the validator's clock forward.
    let skewed = try await CLIRunner.run(
      Self.arguments(["--clock-tolerance=0", "--clock-skew=1", token], now: exp - 1))
    Self.expectRejected(skewed, code: "invalid_token", token: token)
  }

  @Test("--now: without it the real clock applies (the test token expired in 2023)")
  func nowFlag() async throws {
    let token = try CLITestTokens.token()
    Self.expectRejected(try await CLIRunner.run(Self.arguments([token], now: nil)), code: "invalid_token", token: token)
    #expect(try await CLIRunner.run(Self.arguments([token])).status == 0)
    // Not yet valid (nbf = now - 100, tolerance 300).
    Self.expectRejected(
      try await CLIRunner.run(Self.arguments([token], now: CLITestTokens.now - 401)), code: "invalid_token",
      token: token)
  }

  @Test("wrong audience, wrong issuer: exit 1 invalid_token")
  func wrongAudienceAndIssuer() async throws {
    let token = try CLITestTokens.token()
    var arguments = Self.arguments([token])
    arguments[5] = "https://api.other.example.com"
    Self.expectRejected(try await CLIRunner.run(arguments), code: "invalid_token", token: token)

    let otherIssuer = try CLITestTokens.token(CLITestTokens.claims(with: [("iss", "https://evil.example.com")]))
    Self.expectRejected(
      try await CLIRunner.run(Self.arguments([otherIssuer])), code: "invalid_token", token: otherIssuer)
    // The same token is accepted when that issuer is the expected one (--issuer extension).
    let accepted = try await CLIRunner.run([
      "--jwks", Self.jwks, "--issuer", "https://evil.example.com", "--audience", CLITestTokens.audience,
      "--now", String(CLITestTokens.now), otherIssuer,
    ])
    #expect(accepted.status == 0, "stderr: \(accepted.standardError)")
  }

  @Test("bad signature, alg none, garbage, not a JWS: exit 1 invalid_token")
  func malformedAndForged() async throws {
    let token = try CLITestTokens.token()
    let parts = token.split(separator: ".").map(String.init)
    try #require(parts.count == 3)

    // One signature bit flipped.
    var signature = try Base64URL.decode(parts[2])
    signature[signature.count / 2] ^= 0x01
    let badSignature = parts[0] + "." + parts[1] + "." + Base64URL.encode(signature)
    // Another payload, the original signature.
    let otherPayload = Base64URL.encode(CLITestTokens.claims(with: [("sub", "admin")]).jsonBytes)
    let swappedPayload = parts[0] + "." + otherPayload + "." + parts[2]
    // alg none, with and without a signature part.
    let noneHeader = Base64URL.encode(Array(#"{"alg":"none"}"#.utf8))
    let algNone = noneHeader + "." + parts[1] + "."
    let algNoneSigned = noneHeader + "." + parts[1] + "." + parts[2]
    let cases = [
      badSignature, swappedPayload, algNone, algNoneSigned, "garbage", "not.a.jws", "a.b", "a.b.c.d.e",
      "opaque-token-1234567890", parts[0] + "." + parts[1], token + "x", "  ",
    ]
    for candidate in cases {
      Self.expectRejected(try await CLIRunner.run(Self.arguments([candidate])), code: "invalid_token", token: candidate)
    }
  }

  @Test("required scopes: present passes, missing is insufficient_scope")
  func scopes() async throws {
    let token = try CLITestTokens.token()
    #expect(try await CLIRunner.run(Self.arguments(["--scope", "read", "--scope=write", token])).status == 0)
    #expect(try await CLIRunner.run(Self.arguments(["--scope", "read write", token])).status == 0)
    Self.expectRejected(
      try await CLIRunner.run(Self.arguments(["--scope", "read", "--scope", "admin", token])),
      code: "insufficient_scope",
      token: token)
    let noScope = try CLITestTokens.token(CLITestTokens.claims(with: [("scope", .null)]))
    Self.expectRejected(
      try await CLIRunner.run(Self.arguments(["--scope", "read", noScope])), code: "insufficient_scope", token: noScope)
  }

  @Test("required groups: any/all, by string, id or name; custom claim; insufficient_groups")
  func groups() async throws {
    let token = try CLITestTokens.token()
    #expect(try await CLIRunner.run(Self.arguments(["--group", "readers", token])).status == 0)
    #expect(try await CLIRunner.run(Self.arguments(["--group", "g-42", token])).status == 0)
    #expect(try await CLIRunner.run(Self.arguments(["--group", "nobody", "--group", "editors", token])).status == 0)
    Self.expectRejected(
      try await CLIRunner.run(Self.arguments(["--group", "nobody", token])), code: "insufficient_groups", token: token)
    Self.expectRejected(
      try await CLIRunner.run(
        Self.arguments(["--groups-match-all", "--group", "nobody", "--group", "editors", token])),
      code: "insufficient_groups", token: token)
    #expect(
      try await CLIRunner.run(
        Self.arguments(["--groups-match-all", "--group", "readers", "--group", "editors", token])
      )
      .status == 0)
    #expect(
      try await CLIRunner.run(
        Self.arguments(["--groups-match-all=false", "--group", "nobody", "--group", "readers", token])
      )
      .status == 0)
    let custom = try CLITestTokens.token(CLITestTokens.claims(with: [("roles", .array(["ops"]))]))
    #expect(try await CLIRunner.run(Self.arguments(["--groups-claim", "roles", "--group", "ops", custom])).status == 0)
    Self.expectRejected(
      try await CLIRunner.run(Self.arguments(["--group", "ops", custom])), code: "insufficient_groups", token: custom)
  }

  @Test("--certificate: a certificate-bound token needs the matching certificate")
  func certificateBinding() async throws {
    let directory = try CLITestTokens.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let der = CLITestTokens.fakeCertificateDER(marker: 7)
    let pemFile = directory.appendingPathComponent("client.pem")
    try CLITestTokens.pem(der: der).write(to: pemFile, atomically: true, encoding: .utf8)
    let derFile = directory.appendingPathComponent("client.der")
    try Data(der).write(to: derFile)
    let otherFile = directory.appendingPathComponent("other.pem")
    try CLITestTokens.pem(der: CLITestTokens.fakeCertificateDER(marker: 8)).write(
      to: otherFile, atomically: true, encoding: .utf8)

    let bound = try CLITestTokens.token(
      CLITestTokens.claims(with: [("cnf", .object(["x5t#S256": .string(CLITestTokens.thumbprint(der: der))]))]))
    #expect(try await CLIRunner.run(Self.arguments(["--certificate", pemFile.path, bound])).status == 0)
    #expect(try await CLIRunner.run(Self.arguments(["--certificate", derFile.path, bound])).status == 0)
    Self.expectRejected(
      try await CLIRunner.run(Self.arguments(["--certificate", otherFile.path, bound])), code: "invalid_token",
      token: bound)
    Self.expectRejected(try await CLIRunner.run(Self.arguments([bound])), code: "invalid_token", token: bound)
    #expect(
      try await CLIRunner.run(Self.arguments(["--certificate-binding", "dangerously_ignore", bound])).status == 0)

    // An unbound token passes with or without a certificate, unless binding is required.
    let unbound = try CLITestTokens.token()
    #expect(try await CLIRunner.run(Self.arguments(["--certificate", pemFile.path, unbound])).status == 0)
    Self.expectRejected(
      try await CLIRunner.run(
        Self.arguments(["--certificate-binding=required", "--certificate", pemFile.path, unbound])),
      code: "invalid_token", token: unbound)

    let notACertificate = directory.appendingPathComponent("junk.txt")
    try "hello".write(to: notACertificate, atomically: true, encoding: .utf8)
    Self.expectUsageError(
      try await CLIRunner.run(Self.arguments(["--certificate", notACertificate.path, unbound])),
      mentioning: "certificate")
    Self.expectUsageError(
      try await CLIRunner.run(
        Self.arguments(["--certificate", directory.appendingPathComponent("none").path, unbound])),
      mentioning: "certificate")
  }

  @Test("--metadata supplies the expected issuer")
  func metadataIssuer() async throws {
    let token = try CLITestTokens.token()
    let metadata = CLITestTokens.sampleFile("metadata.json").path
    let result = try await CLIRunner.run([
      "--jwks", Self.jwks, "--metadata", metadata, "--audience", CLITestTokens.audience, "--now",
      String(CLITestTokens.now), token,
    ])
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardOutput == JSONWriter.string(CLITestTokens.claims()) + "\n")
    // The metadata's issuer wins over a (different) tenant domain.
    let overridden = try await CLIRunner.run([
      "--jwks", Self.jwks, "--metadata", metadata, "--tenant-domain", "https://other.example.com", "--audience",
      CLITestTokens.audience, "--now", String(CLITestTokens.now), token,
    ])
    #expect(overridden.status == 0, "stderr: \(overridden.standardError)")
  }

  @Test("options from MONOCLOUD_BACKEND_* variables; flags override them")
  func environment() async throws {
    let token = try CLITestTokens.token()
    let environment = [
      "MONOCLOUD_BACKEND_TENANT_DOMAIN": " example.monocloud.com ",
      "MONOCLOUD_BACKEND_AUDIENCE": CLITestTokens.audience,
      "MONOCLOUD_BACKEND_CLOCK_TOLERANCE": "0",
      "MONOCLOUD_BACKEND_GROUPS_MATCH_ALL": "TRUE",
    ]
    let base = ["--jwks", Self.jwks, "--now", String(CLITestTokens.now), token]
    #expect(try await CLIRunner.run(base, environment: environment).status == 0)
    Self.expectRejected(
      try await CLIRunner.run(["--group", "readers", "--group", "nobody"] + base, environment: environment),
      code: "insufficient_groups", token: token)
    #expect(
      try await CLIRunner.run(
        ["--groups-match-all=false", "--group", "readers", "--group", "nobody"] + base,
        environment: environment
      ).status == 0)
    var otherAudience = environment
    otherAudience["MONOCLOUD_BACKEND_AUDIENCE"] = "https://elsewhere.example.com"
    Self.expectRejected(try await CLIRunner.run(base, environment: otherAudience), code: "invalid_token", token: token)
    #expect(
      try await CLIRunner.run(["--audience", CLITestTokens.audience] + base, environment: otherAudience).status == 0)
    // Tolerance 0 from the environment: expired one second after exp.
    let late = ["--jwks", Self.jwks, "--now", String(CLITestTokens.now + 3500), token]
    Self.expectRejected(try await CLIRunner.run(late, environment: environment), code: "invalid_token", token: token)

    var broken = environment
    broken["MONOCLOUD_BACKEND_CLOCK_SKEW"] = "ten"
    broken["MONOCLOUD_BACKEND_GROUPS_MATCH_ALL"] = "yes"
    let result = try await CLIRunner.run(base, environment: broken)
    Self.expectUsageError(result, mentioning: "MONOCLOUD_BACKEND_CLOCK_SKEW")
    #expect(result.standardError.contains("MONOCLOUD_BACKEND_GROUPS_MATCH_ALL"))
  }

  @Test("usage and configuration errors: exit 2, never echoing values")
  func usageErrors() async throws {
    let token = try CLITestTokens.token()
    let now = String(CLITestTokens.now)
    Self.expectUsageError(
      try await CLIRunner.run(["--jwks", Self.jwks, "--tenant-domain", "example.monocloud.com", token]),
      mentioning: "audience")
    let unknown = try await CLIRunner.run(Self.arguments(["--client-secrte=hunter2-secret", token]))
    Self.expectUsageError(unknown, mentioning: "unknown option --client-secrte")
    #expect(!unknown.standardError.contains("hunter2"))
    Self.expectUsageError(try await CLIRunner.run(Self.arguments(["-x", token])), mentioning: "unknown option -x")
    Self.expectUsageError(
      try await CLIRunner.run(Self.arguments(["--clock-skew", "-5", token])), mentioning: "--clock-skew")
    Self.expectUsageError(
      try await CLIRunner.run(Self.arguments(["--clock-tolerance", "5s", token])), mentioning: "--clock-tolerance")
    Self.expectUsageError(try await CLIRunner.run(Self.arguments(["--now", "yesterday", token])), mentioning: "--now")
    Self.expectUsageError(try await CLIRunner.run(Self.arguments([token, "--audience"])), mentioning: "needs a value")
    Self.expectUsageError(
      try await CLIRunner.run(["--jwks", Self.jwks, "--audience", "--now", now, token]),
      mentioning: "--audience needs a value")
    Self.expectUsageError(try await CLIRunner.run(Self.arguments([])), mentioning: "token is missing")
    Self.expectUsageError(try await CLIRunner.run(Self.arguments([token, token])), mentioning: "exactly one token")
    Self.expectUsageError(
      try await CLIRunner.run(Self.arguments(["--introspect", token])), mentioning: "--introspect")
    Self.expectUsageError(
      try await CLIRunner.run(["--jwks", Self.jwks, "--audience", CLITestTokens.audience, token]), mentioning: "issuer")
    Self.expectUsageError(
      try await CLIRunner.run(["--jwks", Self.jwks, "--tenant-domain", "http://example.com", "--audience", "a", token]),
      mentioning: "--tenant-domain")
  }

  @Test("--help prints the usage and exits 0")
  func help() async throws {
    for flag in ["--help", "-h"] {
      let result = try await CLIRunner.run(["--audience", "x", flag, "--bogus"])
      #expect(result.status == 0)
      #expect(result.standardOutput.hasPrefix("Usage: monocloud-validate [options] TOKEN\n"))
      for option in [
        "--tenant-domain", "--audience", "--client-id", "--client-secret", "--client-auth-method", "--clock-skew",
        "--clock-tolerance", "--introspect", "--scope", "--group", "--groups-claim", "--groups-match-all",
        "--certificate", "--now", "--jwks", "--metadata", "--batch",
      ] {
        #expect(result.standardOutput.contains(option + " "), "usage lacks \(option)")
      }
      #expect(result.standardError.isEmpty)
    }
  }
}
