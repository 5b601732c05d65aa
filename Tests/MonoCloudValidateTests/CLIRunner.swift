import Foundation
import Testing

/// Runs the built `monocloud-validate` executable (built by `swift test` with every product)
/// and captures its exit status and output.
struct CLIResult {
  var status: Int32
  var standardOutput: String
  var standardError: String
}

enum CLIRunner {
  /// The package root, from this file's path (Tests/MonoCloudValidateTests/CLIRunner.swift).
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The executable: `MONOCLOUD_VALIDATE_BINARY`, else next to the running test bundle,
  /// else `.build/debug/monocloud-validate` under the package root.
  static let executable: URL? = {
    var candidates: [URL] = []
    if let path = ProcessInfo.processInfo.environment["MONOCLOUD_VALIDATE_BINARY"] {
      candidates.append(URL(fileURLWithPath: path))
    }
    if let bundleExecutable = Bundle.main.executableURL {
      candidates.append(bundleExecutable.deletingLastPathComponent().appendingPathComponent("monocloud-validate"))
    }
    candidates.append(
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("monocloud-validate"))
    // macOS: the .xctest bundle sits in the products directory.
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("monocloud-validate"))
    }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/monocloud-validate"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  /// Runs the tool with `arguments`, `stdin` as standard input and only the given
  /// environment variables (plus PATH), so that the caller's MONOCLOUD_BACKEND_* never leak in.
  static func run(
    _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> CLIResult {
    guard let executable else {
      Issue.record(
        "monocloud-validate executable not found (build it, or set MONOCLOUD_VALIDATE_BINARY)",
        sourceLocation: sourceLocation)
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
