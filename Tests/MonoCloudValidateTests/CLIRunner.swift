import Foundation
import Testing

/// The exit status and output of one run of the command-line tool.
struct CLIResult {
  var status: Int32
  var standardOutput: String
  var standardError: String
}

/// Runs the `monocloud-validate` and `monocloud-validate-offline` executables (built by
/// `swift test` with every product) as child processes, off the cooperative thread pool
/// (`ChildProcess`), and captures their exit status and output.
///
/// Which binaries run is chosen with two environment variables of the test process:
///
/// - `MONOCLOUD_VALIDATE_OFFLINE_BINARY=/path/to/monocloud-validate-offline`: every offline run
///   (`isOfflineRun`: CLIOfflineTests, CLIBatchTests, CLISampleTests) and every run of the
///   offline build itself (CLIOfflineBuildTests) uses that binary instead of the built product,
///   for example a fully static Embedded-Swift build:
///   `MONOCLOUD_VALIDATE_OFFLINE_BINARY=/path/to/binary swift test --filter MonoCloudValidateTests`.
///   When the variable is set, it must name an executable file: there is no fallback to the
///   built product, so a wrong path fails the tests instead of silently testing something else.
/// - `MONOCLOUD_VALIDATE_BINARY=/path/to/monocloud-validate`: the same for the full tool.
///
/// Without them, each binary is looked up next to the running test bundle, then under
/// `.build/debug/` of the package root.
enum CLIRunner {
  /// The package root, from this file's path (Tests/MonoCloudValidateTests/CLIRunner.swift).
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The full tool: `MONOCLOUD_VALIDATE_BINARY`, else next to the running test bundle, else
  /// `.build/debug/monocloud-validate` under the package root.
  static let executable: URL? = locate("monocloud-validate", variable: "MONOCLOUD_VALIDATE_BINARY")

  /// The offline-only build: `MONOCLOUD_VALIDATE_OFFLINE_BINARY`, else found like the full tool.
  static let offlineExecutable: URL? = locate(
    "monocloud-validate-offline", variable: offlineBinaryVariable)

  /// The variable that points the offline runs at another offline build (see above).
  static let offlineBinaryVariable = "MONOCLOUD_VALIDATE_OFFLINE_BINARY"

  private static func locate(_ name: String, variable: String) -> URL? {
    if let path = ProcessInfo.processInfo.environment[variable] {
      // Chosen explicitly: that binary or none (the run then records "not found").
      return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
    }
    var candidates: [URL] = []
    if let bundleExecutable = Bundle.main.executableURL {
      candidates.append(bundleExecutable.deletingLastPathComponent().appendingPathComponent(name))
    }
    candidates.append(
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name))
    // macOS: the .xctest bundle sits in the products directory.
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent(name))
    }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/" + name))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  /// Whether `arguments` is an offline run (`--jwks` before any `--`, and no `--help`): one
  /// that `monocloud-validate-offline` must answer exactly as `monocloud-validate` does.
  static func isOfflineRun(_ arguments: [String]) -> Bool {
    var hasKeyFile = false
    for argument in arguments {
      if argument == "--" { break }
      if argument == "--help" || argument == "-h" { return false }
      if argument == "--jwks" || argument.hasPrefix("--jwks=") { hasKeyFile = true }
    }
    return hasKeyFile
  }

  /// Runs `monocloud-validate` with `arguments`, `stdin` as standard input and only the given
  /// environment variables (plus PATH), so that the caller's MONOCLOUD_BACKEND_* never leak in.
  /// An offline run (`isOfflineRun`) is repeated, at the same time, with
  /// `monocloud-validate-offline`, which must give the same exit status, the same stdout and the
  /// same stderr (up to the program name in the usage hint).
  static func run(
    _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> CLIResult {
    guard isOfflineRun(arguments) else {
      return try await run(
        executable, named: "monocloud-validate", arguments, stdin: stdin, environment: environment,
        sourceLocation: sourceLocation)
    }
    async let offlineRun = runOffline(arguments, stdin: stdin, environment: environment, sourceLocation: sourceLocation)
    let result = try await run(
      executable, named: "monocloud-validate", arguments, stdin: stdin, environment: environment,
      sourceLocation: sourceLocation)
    let offline = try await offlineRun
    #expect(
      offline.status == result.status, "offline build, stderr: \(offline.standardError)",
      sourceLocation: sourceLocation)
    #expect(offline.standardOutput == result.standardOutput, "offline build", sourceLocation: sourceLocation)
    let hint = "Run 'monocloud-validate-offline --help' for usage."
    #expect(
      offline.standardError.replacingOccurrences(of: hint, with: "Run 'monocloud-validate --help' for usage.")
        == result.standardError, "offline build", sourceLocation: sourceLocation)
    return result
  }

  /// Runs `monocloud-validate-offline` only.
  static func runOffline(
    _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> CLIResult {
    try await run(
      offlineExecutable, named: "monocloud-validate-offline", arguments, stdin: stdin, environment: environment,
      sourceLocation: sourceLocation)
  }

  private static func run(
    _ executable: URL?, named name: String, _ arguments: [String], stdin: String, environment: [String: String],
    sourceLocation: SourceLocation
  ) async throws -> CLIResult {
    guard let executable else {
      let message =
        "\(name) executable not found (swift build --product \(name); check MONOCLOUD_VALIDATE_BINARY and "
        + "\(offlineBinaryVariable) if set)"
      Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
      throw CocoaError(.fileNoSuchFile)
    }
    var processEnvironment = environment
    processEnvironment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    let finished = try await ChildProcess.run(
      executable, arguments: arguments, environment: processEnvironment, directory: packageRoot,
      input: Data(stdin.utf8))
    return CLIResult(
      status: finished.status,
      standardOutput: String(decoding: finished.output, as: UTF8.self),
      standardError: String(decoding: finished.errors, as: UTF8.self))
  }
}
