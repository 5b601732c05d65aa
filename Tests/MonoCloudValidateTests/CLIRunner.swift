import Foundation
import Testing

/// Runs the built `monocloud-validate` and `monocloud-validate-offline` executables (built by
/// `swift test` with every product) and captures their exit status and output.
struct CLIResult {
  var status: Int32
  var standardOutput: String
  var standardError: String
}

enum CLIRunner {
  /// The package root, from this file's path (Tests/MonoCloudValidateTests/CLIRunner.swift).
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The full tool: `MONOCLOUD_VALIDATE_BINARY`, else next to the running test bundle, else
  /// `.build/debug/monocloud-validate` under the package root.
  static let executable: URL? = locate("monocloud-validate", variable: "MONOCLOUD_VALIDATE_BINARY")

  /// The offline-only build: `MONOCLOUD_VALIDATE_OFFLINE_BINARY`, else found like the full tool.
  static let offlineExecutable: URL? = locate(
    "monocloud-validate-offline", variable: "MONOCLOUD_VALIDATE_OFFLINE_BINARY")

  private static func locate(_ name: String, variable: String) -> URL? {
    var candidates: [URL] = []
    if let path = ProcessInfo.processInfo.environment[variable] {
      candidates.append(URL(fileURLWithPath: path))
    }
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
  /// An offline run (`isOfflineRun`) is repeated with `monocloud-validate-offline`, which must
  /// give the same exit status, the same stdout and the same stderr (up to the program name
  /// in the usage hint).
  static func run(
    _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> CLIResult {
    let result = try run(
      executable, named: "monocloud-validate", arguments, stdin: stdin, environment: environment,
      sourceLocation: sourceLocation)
    if isOfflineRun(arguments) {
      let offline = try runOffline(arguments, stdin: stdin, environment: environment, sourceLocation: sourceLocation)
      #expect(
        offline.status == result.status, "offline build, stderr: \(offline.standardError)",
        sourceLocation: sourceLocation)
      #expect(offline.standardOutput == result.standardOutput, "offline build", sourceLocation: sourceLocation)
      let hint = "Run 'monocloud-validate-offline --help' for usage."
      #expect(
        offline.standardError.replacingOccurrences(of: hint, with: "Run 'monocloud-validate --help' for usage.")
          == result.standardError, "offline build", sourceLocation: sourceLocation)
    }
    return result
  }

  /// Runs `monocloud-validate-offline` only.
  static func runOffline(
    _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> CLIResult {
    try run(
      offlineExecutable, named: "monocloud-validate-offline", arguments, stdin: stdin, environment: environment,
      sourceLocation: sourceLocation)
  }

  private static func run(
    _ executable: URL?, named name: String, _ arguments: [String], stdin: String, environment: [String: String],
    sourceLocation: SourceLocation
  ) throws -> CLIResult {
    guard let executable else {
      Issue.record("\(name) executable not found (swift build --product \(name))", sourceLocation: sourceLocation)
      throw CocoaError(.fileNoSuchFile)
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = environment
    env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    process.environment = env
    process.currentDirectoryURL = packageRoot
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()

    // Drain both output pipes while feeding stdin, so that no pipe buffer can fill up.
    let group = DispatchGroup()
    let collected = CollectedOutput()
    DispatchQueue.global().async(group: group) {
      collected.setOutput(output.fileHandleForReading.readDataToEndOfFile())
    }
    DispatchQueue.global().async(group: group) {
      collected.setErrors(errors.fileHandleForReading.readDataToEndOfFile())
    }
    // The tool may exit without reading its input: a write to the closed pipe must fail
    // with EPIPE (ignored here) instead of killing the test process with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    if !stdin.isEmpty { try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
    try? input.fileHandleForWriting.close()
    group.wait()
    process.waitUntilExit()
    return CLIResult(
      status: process.terminationStatus,
      standardOutput: String(decoding: collected.output, as: UTF8.self),
      standardError: String(decoding: collected.errors, as: UTF8.self))
  }
}

/// Output gathered on two threads.
private final class CollectedOutput: @unchecked Sendable {
  private let lock = NSLock()
  private var outputData = Data()
  private var errorData = Data()

  var output: Data { lock.withLock { outputData } }
  var errors: Data { lock.withLock { errorData } }
  func setOutput(_ data: Data) { lock.withLock { outputData = data } }
  func setErrors(_ data: Data) { lock.withLock { errorData = data } }
}
