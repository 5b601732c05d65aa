import Foundation
import MonoCloudJOSE

/// The validator in use: offline over a JWKS file, or online through the tenant.
enum Checker {
  case offline(OfflineChecker)
  case online(OnlineChecker)

  init(settings: Settings, environment: [String: String]) throws(CLIFailure) {
    if settings.isOffline {
      self = .offline(try OfflineChecker(settings: settings))
    } else {
      self = .online(try OnlineChecker(settings: settings, environment: environment))
    }
  }

  /// The verdict on one token; throws only when no verdict can be given (exit 2 or 3).
  func check(_ token: String) async throws(CLIFailure) -> Verdict {
    switch self {
    case .offline(let checker): return checker.check(token)
    case .online(let checker): return try await checker.check(token)
    }
  }
}

/// One run of the tool: arguments and environment in, exit status out.
enum Command {
  static let usageHint = "Run 'monocloud-validate --help' for usage.\n"

  static func run(arguments: [String], environment: [String: String]) async -> ExitStatus {
    if wantsHelp(arguments) {
      Output.standardOutput(usageText)
      return .valid
    }
    do throws(CLIFailure) {
      let settings = try Settings(arguments: try Arguments.parse(arguments), environment: environment)
      let checker = try Checker(settings: settings, environment: environment)
      if settings.batch {
        try await runBatch(checker)
        return .valid
      }
      let token: String
      if settings.tokenArgument == "-" {
        token = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self).trimmingWhitespace()
      } else {
        token = (settings.tokenArgument ?? "").trimmingWhitespace()
      }
      switch try await checker.check(token) {
      case .valid(let claims):
        Output.standardOutput(Output.claimsLine(claims))
        return .valid
      case .rejected(let code, let message):
        Output.standardError(Output.rejectionLine(code: code, message: message))
        return .rejected
      }
    } catch {
      Output.standardError("error: \(error.message)\n" + (error.showsUsageHint ? usageHint : ""))
      return error.status
    }
  }

  /// `--help` or `-h` before any `--`.
  static func wantsHelp(_ arguments: [String]) -> Bool {
    for argument in arguments {
      if argument == "--" { return false }
      if argument == "--help" || argument == "-h" { return true }
    }
    return false
  }

  /// One answer line per input line, written as soon as it is known. An empty line gets an
  /// `invalid_token` answer so that output lines match input lines; a final line without a
  /// newline counts, the newline ending the last line does not start another.
  static func runBatch(_ checker: Checker) async throws(CLIFailure) {
    while let line = readLine(strippingNewline: true) {
      let token = line.trimmingWhitespace()
      let verdict: Verdict
      if token.isEmpty {
        verdict = .rejected(code: "invalid_token", message: "the line is empty")
      } else {
        verdict = try await checker.check(token)
      }
      Output.standardOutput(Output.batchLine(verdict))
    }
  }
}
