import Foundation
import MonoCloudJOSE
import Testing

/// `--batch`: one JSON answer line per input line, exact member names and order.
@Suite("monocloud-validate --batch")
struct CLIBatchTests {
  @Test("mixed lines: valid, expired, empty, garbage, insufficient scope, CRLF; exit 0")
  func mixedLines() async throws {
    let claims = CLITestTokens.claims()
    let valid = try CLITestTokens.token(claims)
    let expiredClaims = CLITestTokens.claims(with: [("exp", .number(JSONNumber(CLITestTokens.now - 1000)))])
    let expired = try CLITestTokens.token(expiredClaims)
    let noScope = try CLITestTokens.token(CLITestTokens.claims(with: [("scope", "write")]))
    let input =
      [valid, expired, "", "garbage", "  " + valid + "  ", noScope, valid + "\r"].joined(separator: "\n") + "\n"

    let result = try await CLIRunner.run(
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
  func lineEnds() async throws {
    let token = try CLITestTokens.token()
    let result = try await CLIRunner.run(CLIOfflineTests.arguments(["--batch"]), stdin: token + "\n" + token)
    #expect(result.status == 0)
    #expect(result.standardOutput.split(separator: "\n").count == 2)
    #expect(result.standardOutput.hasSuffix("\n"))

    let empty = try await CLIRunner.run(CLIOfflineTests.arguments(["--batch"]), stdin: "")
    #expect(empty.status == 0)
    #expect(empty.standardOutput.isEmpty)
  }

  @Test(
    "each answer is written as soon as its line is read (interactive use through pipes)",
    arguments: ["monocloud-validate", "monocloud-validate-offline"])
  func answersAreFlushed(program: String) async throws {
    let found = program == "monocloud-validate" ? CLIRunner.executable : CLIRunner.offlineExecutable
    guard let executable = found else {
      Issue.record("\(program) executable not found")
      return
    }
    let token = try CLITestTokens.token()
    let process = Process()
    process.executableURL = executable
    process.arguments = CLIOfflineTests.arguments(["--batch"])
    process.environment = [:]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    let running = try RunningProcess(starting: process)
    // If an answer were held back in a buffer, the read below would wait for it forever:
    // end the process after 30 s so that the test fails instead of hanging.
    let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
    defer { watchdog.cancel() }

    // The conversation blocks on the pipes, so it runs on a thread of its own.
    let answers = await ChildProcess.onOwnThread { () -> [String] in
      var answers: [String] = []
      for line in [token, "garbage", token] {
        guard (try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))) != nil else { break }
        var received = Data()
        while !received.contains(UInt8(ascii: "\n")) {
          let chunk = output.fileHandleForReading.availableData
          if chunk.isEmpty { break }
          received.append(chunk)
        }
        answers.append(String(decoding: received, as: UTF8.self))
      }
      try? input.fileHandleForWriting.close()
      return answers
    }
    #expect(await running.exitStatus() == 0)
    #expect(answers.count == 3)
    #expect(answers[0].hasPrefix(#"{"valid":true,"claims":"#) && answers[0].hasSuffix("}\n"))
    #expect(answers[1].hasPrefix(#"{"valid":false,"error":"invalid_token","message":"#))
    #expect(answers[2] == answers[0])
  }

  @Test("--batch with a token argument, or a broken key file: exit 2 before any line")
  func batchUsageErrors() async throws {
    let token = try CLITestTokens.token()
    let withToken = try await CLIRunner.run(CLIOfflineTests.arguments(["--batch", token]), stdin: token + "\n")
    #expect(withToken.status == 2)
    #expect(withToken.standardOutput.isEmpty)
    let badKeys = try await CLIRunner.run(
      ["--batch", "--jwks", "/nonexistent/jwks.json", "--issuer", "i", "--audience", "a"], stdin: token + "\n")
    #expect(badKeys.status == 2)
    #expect(badKeys.standardOutput.isEmpty)
    #expect(badKeys.standardError.hasPrefix("error: cannot read the JWKS file"))
  }
}
