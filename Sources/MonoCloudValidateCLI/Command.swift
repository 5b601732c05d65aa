import MonoCloudJOSE

/// One run of the tool: arguments and environment in, exit status out. Offline runs
/// (`--jwks`) are synchronous and the same in both builds.
package enum Command {
  /// The offline-only tool: a run without `--jwks` is a configuration error (exit 2).
  package static func runOfflineOnly(arguments: [String], environment: [String: String]) -> ExitStatus {
    let tool = Tool.offlineOnly
    switch start(tool, arguments: arguments, environment: environment) {
    case .finished(let status): return status
    case .ready(let settings): return runOffline(tool, settings: settings)
    }
  }

  /// Where a run stands after the arguments: done (help, or a usage or configuration
  /// error), or ready to check tokens with these settings.
  enum Start {
    case finished(ExitStatus)
    case ready(Settings)
  }

  /// `--help`, the arguments, the settings.
  static func start(_ tool: Tool, arguments: [String], environment: [String: String]) -> Start {
    if wantsHelp(arguments) {
      Output.standardOutput(tool.usageText)
      return .finished(.valid)
    }
    do throws(CLIFailure) {
      let parsed = try Arguments.parse(arguments)
      if !tool.hasOnlineMode && parsed.jwksFile == nil { throw tool.offlineOnlyFailure }
      return .ready(try Settings(arguments: parsed, environment: environment))
    } catch {
      return .finished(report(error, tool: tool))
    }
  }

  /// A run over the `--jwks` file: one validator for the token or the whole batch.
  static func runOffline(_ tool: Tool, settings: Settings) -> ExitStatus {
    do throws(CLIFailure) {
      let checker = try OfflineChecker(settings: settings)
      if settings.batch {
        while let line = readLine(strippingNewline: true) {
          let verdict = batchToken(line).map { checker.check($0) } ?? emptyLineVerdict
          Output.standardOutput(Output.batchLine(verdict))
        }
        return .valid
      }
      return report(checker.check(token(settings)))
    } catch {
      return report(error, tool: tool)
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

  /// The single token: the argument, or standard input for `-`, without surrounding whitespace.
  static func token(_ settings: Settings) -> String {
    if settings.tokenArgument == "-" {
      return String(decoding: FileInput.standardInput(), as: UTF8.self).trimmingWhitespace()
    }
    return (settings.tokenArgument ?? "").trimmingWhitespace()
  }

  /// The token on one `--batch` line; `nil` for an empty line. Every line gets one answer
  /// line, written as soon as it is known; an empty line gets `emptyLineVerdict` so that
  /// output lines match input lines (a final line without a newline counts, the newline
  /// ending the last line does not start another).
  static func batchToken(_ line: String) -> String? {
    let token = line.trimmingWhitespace()
    return token.isEmpty ? nil : token
  }

  static var emptyLineVerdict: Verdict { .rejected(code: "invalid_token", message: "the line is empty") }

  /// Writes the verdict on the single token: the claims on stdout, or the rejection on stderr.
  static func report(_ verdict: Verdict) -> ExitStatus {
    switch verdict {
    case .valid(let claims):
      Output.standardOutput(Output.claimsLine(claims))
      return .valid
    case .rejected(let code, let message):
      Output.standardError(Output.rejectionLine(code: code, message: message))
      return .rejected
    }
  }

  /// Writes a failure that ends the run (exit 2 or 3).
  static func report(_ failure: CLIFailure, tool: Tool) -> ExitStatus {
    Output.standardError("error: \(failure.message)\n" + (failure.showsUsageHint ? tool.usageHint : ""))
    return failure.status
  }
}
