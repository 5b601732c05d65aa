// The online half of `Command`: left out of the Embedded Swift build of the offline tool
// (Scripts/build-static.sh), which has no concurrency runtime for `async` code.
#if !hasFeature(Embedded)
  import MonoCloudJOSE

  /// Online validation through the tenant, supplied by the full `monocloud-validate` (it needs
  /// the backend client and a network fetcher, which this Foundation-free library does not have).
  /// One instance serves the whole run, batch included.
  package protocol OnlineChecking {
    init(settings: Settings, environment: [String: String]) throws(CLIFailure)

    /// The verdict on one token; throws only when no verdict can be given (exit 2 or 3).
    func check(_ token: String) async throws(CLIFailure) -> Verdict

    /// The verdict on one token sent with `dpopProof` (or without a proof, as `Bearer`) for the
    /// request of `settings.dpop`.
    func check(_ token: String, dpopProof: String?) async throws(CLIFailure) -> Verdict
  }

  extension Command {
    /// The full tool: offline with `--jwks`, otherwise online through `Online`.
    package static func run<Online: OnlineChecking>(
      arguments: [String], environment: [String: String], online: Online.Type
    ) async -> ExitStatus {
      let tool = Tool.full
      let settings: Settings
      switch start(tool, arguments: arguments, environment: environment) {
      case .finished(let status): return status
      case .ready(let ready): settings = ready
      }
      if settings.isOffline { return runOffline(tool, settings: settings) }
      do throws(CLIFailure) {
        let checker = try Online(settings: settings, environment: environment)
        if settings.batch {
          var lines = batchLines(settings)
          while let line = lines.next() {
            let verdict: Verdict
            switch batchItem(line, settings) {
            case .token(let token, let proof):
              verdict =
                settings.dpop == nil ? try await checker.check(token) : try await checker.check(token, dpopProof: proof)
            case .answer(let answer): verdict = answer
            }
            Output.standardOutput(Output.batchLine(verdict))
          }
          return .valid
        }
        switch singleToken(settings) {
        case .token(let token, let proof):
          return report(
            settings.dpop == nil ? try await checker.check(token) : try await checker.check(token, dpopProof: proof))
        case .answer(let answer): return report(answer)
        }
      } catch {
        return report(error, tool: tool)
      }
    }
  }
#endif
