import Foundation
import MonoCloudJOSE
import Testing

/// `--batch`: one JSON answer line per input line, exact member names and order.
@Suite("monocloud-validate --batch")
struct CLIBatchTests {
  @Test("mixed lines: valid, expired, empty, garbage, insufficient scope, CRLF; exit 0")
  func mixedLines() throws {
    let claims = CLITestTokens.claims()
    let valid = try CLITestTokens.token(claims)
    let expiredClaims = CLITestTokens.claims(with: [("exp", .number(JSONNumber(CLITestTokens.now - 1000)))])
    let expired = try CLITestTokens.token(expiredClaims)
    let noScope = try CLITestTokens.token(CLITestTokens.claims(with: [("scope", "write")]))
    let input =
      [valid, expired, "", "garbage", "  " + valid + "  ", noScope, valid + "\r"].joined(separator: "\n") + "\n"

    let result = try CLIRunner.run(
      CLIOfflineTests.arguments(["--scope", "read", "--batch"]), stdin: input)
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardError.isEmpty)
    let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    try #require(lines.count == 8, "7 answers and the final newline: \(result.standardOutput)")
    #expect(lines[7].isEmpty)

    let validLine = #"{"valid":true,"claims":"# + JSONWriter.string(claims) + "}"
    #expect(lines[0] == validLine)
    #expect(lines[4] == validLine)
    #expect(lines[6] == validLine)
    #expect(lines[2] == #"{"valid":false,"error":"invalid_token","message":"the line is empty"}"#)
    for (index, code) in [(1, "invalid_token"), (3, "invalid_token"), (5, "insufficient_scope")] {
      let object = try JSONReader.parseObject(lines[index])
      #expect(object.keys == ["valid", "error", "message"], "line \(index): \(lines[index])")
      #expect(object["valid"] == .bool(false))
      #expect(object.string("error") == code, "line \(index): \(lines[index])")
      #expect(!(object.string("message") ?? "").isEmpty)
      // The line is exactly the compact serialization of those three members.
      #expect(lines[index] == JSONWriter.string(object))
      #expect(!lines[index].contains(expired) && !lines[index].contains(noScope))
    }
  }

  @Test("a last line without newline counts; no input gives no output")
  func lineEnds() throws {
    let token = try CLITestTokens.token()
    let result = try CLIRunner.run(CLIOfflineTests.arguments(["--batch"]), stdin: token + "\n" + token)
    #expect(result.status == 0)
    #expect(result.standardOutput.split(separator: "\n").count == 2)
    #expect(result.standardOutput.hasSuffix("\n"))

    let empty = try CLIRunner.run(CLIOfflineTests.arguments(["--batch"]), stdin: "")
    #expect(empty.status == 0)
    #expect(empty.standardOutput.isEmpty)
  }

  @Test("--batch with a token argument, or a broken key file: exit 2 before any line")
  func batchUsageErrors() throws {
    let token = try CLITestTokens.token()
    let withToken = try CLIRunner.run(CLIOfflineTests.arguments(["--batch", token]), stdin: token + "\n")
    #expect(withToken.status == 2)
    #expect(withToken.standardOutput.isEmpty)
    let badKeys = try CLIRunner.run(
      ["--batch", "--jwks", "/nonexistent/jwks.json", "--issuer", "i", "--audience", "a"], stdin: token + "\n")
    #expect(badKeys.status == 2)
    #expect(badKeys.standardOutput.isEmpty)
    #expect(badKeys.standardError.hasPrefix("error: cannot read the JWKS file"))
  }
}
