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
      if !tool.hasOnlineMode && parsed["--jwks"] == nil { throw tool.offlineOnlyFailure }
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
        var lines = batchLines(settings)
        while let line = lines.next() {
          let verdict: Verdict
          switch batchItem(line, settings) {
          case .token(let token, let proof): verdict = checker.check(token, dpopProof: proof)
          case .answer(let answer): verdict = answer
          }
          Output.standardOutput(Output.batchLine(verdict))
        }
        return .valid
      }
      switch singleToken(settings) {
      case .token(let token, let proof): return report(checker.check(token, dpopProof: proof))
      case .answer(let answer): return report(answer)
      }
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

  /// The most bytes of input one token may take: the token size limit plus room for the
  /// whitespace around it. Standard input is never read further for one token, and a longer
  /// `--batch` line is dropped as it streams by, so memory stays bounded whatever arrives.
  static let tokenInputLimit = JWSVerifier.defaultMaximumTokenByteCount + 64

  /// A token to check, or the answer already known without checking (empty or oversized input).
  enum Item {
    /// A token and, with DPoP flags, its proof.
    case token(String, proof: String?)
    case answer(Verdict)
  }

  /// The single token: the argument, or standard input for `-` (at most `tokenInputLimit`
  /// bytes read), without surrounding whitespace.
  static func singleToken(_ settings: Settings) -> Item {
    let proof = settings.dpop?.proof
    guard settings.tokenArgument == "-" else {
      return .token((settings.tokenArgument ?? "").trimmingWhitespace(), proof: proof)
    }
    let bytes = FileInput.standardInput(limit: tokenInputLimit + 1)
    guard bytes.count <= tokenInputLimit else { return .answer(tooLongVerdict("standard input")) }
    return .token(String(decoding: bytes, as: UTF8.self).trimmingWhitespace(), proof: proof)
  }

  /// Standard input as `--batch` lines of at most `tokenInputLimit` bytes (plus the proof's
  /// limit with DPoP flags, for `TOKEN<TAB>PROOF` lines).
  static func batchLines(_ settings: Settings) -> BoundedLineReader {
    let limit = tokenInputLimit + (settings.dpop == nil ? 0 : DPoPValidationOptions().maximumProofByteCount + 1)
    return BoundedLineReader(limit: limit, read: FileInput.readStandardInput(into:))
  }

  /// What one `--batch` line asks for. Every line gets one answer line, written as soon as it
  /// is known: an empty line gets `emptyLineVerdict` and an oversized one a rejection, so that
  /// output lines match input lines (a final line without a newline counts, the newline
  /// ending the last line does not start another).
  static func batchItem(_ line: BoundedLineReader.Line, _ settings: Settings) -> Item {
    switch line {
    case .tooLong: return .answer(tooLongVerdict("the line"))
    case .text(let text):
      if settings.dpop != nil {
        let (token, proof) = DPoPRequestSettings.split(text)
        return token.isEmpty ? .answer(emptyLineVerdict) : .token(token, proof: proof)
      }
      let token = text.trimmingWhitespace()
      return token.isEmpty ? .answer(emptyLineVerdict) : .token(token, proof: nil)
    }
  }

  static func tooLongVerdict(_ what: String) -> Verdict {
    .rejected(code: "invalid_token", message: "\(what) is longer than \(tokenInputLimit) bytes; not a token")
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
