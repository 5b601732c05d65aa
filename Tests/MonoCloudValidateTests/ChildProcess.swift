import Foundation

/// What a finished child process left behind.
struct ChildProcessResult: Sendable {
  var status: Int32
  var output: Data
  var errors: Data
}

/// A started child process whose exit can be awaited without holding a thread.
struct RunningProcess: Sendable {
  let process: Process
  private let exits: AsyncStream<Int32>

  /// Sets the termination handler, then starts `process`. The handler is the only place the
  /// exit status comes from, so no thread ever waits in `waitUntilExit`.
  init(starting process: Process) throws {
    let (exits, exit) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(1))
    process.terminationHandler = { finished in
      exit.yield(finished.terminationStatus)
      exit.finish()
    }
    try process.run()
    self.process = process
    self.exits = exits
  }

  /// The exit status, once the process has ended (call once).
  func exitStatus() async -> Int32 {
    for await status in exits { return status }
    return process.terminationStatus
  }
}

/// Child processes for the tests, run so that no task of the cooperative thread pool blocks:
/// the pool has as many threads as cores (two here), and a test that parks one of them in a
/// blocking read or wait stalls every other test behind it.
enum ChildProcess {
  /// Runs `executable` to its end with `input` as standard input and both outputs captured.
  /// The pipes are drained (and the input written) on threads of their own, concurrently, so
  /// that no pipe buffer can fill up and stall the child.
  static func run(
    _ executable: URL, arguments: [String], environment: [String: String]? = nil, directory: URL? = nil,
    input: Data = Data()
  ) async throws -> ChildProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = directory }
    let inputPipe = Pipe()
    let outputPipe = Pipe()
    let errorPipe = Pipe()
    process.standardInput = inputPipe
    process.standardOutput = outputPipe
    process.standardError = errorPipe
    // The tool may exit without reading its input: a write to the closed pipe must fail
    // with EPIPE (ignored below) instead of killing the test process with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    let running = try RunningProcess(starting: process)

    async let output = onOwnThread { outputPipe.fileHandleForReading.readDataToEndOfFile() }
    async let errors = onOwnThread { errorPipe.fileHandleForReading.readDataToEndOfFile() }
    await onOwnThread {
      let writer = inputPipe.fileHandleForWriting
      if !input.isEmpty { try? writer.write(contentsOf: input) }
      try? writer.close()
    }
    let status = await running.exitStatus()
    return ChildProcessResult(status: status, output: await output, errors: await errors)
  }

  /// Runs the blocking `body` on a new thread (not one of the pool's) and resumes the caller
  /// with its result; the awaiting task is suspended meanwhile and holds no thread.
  static func onOwnThread<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
    await withCheckedContinuation { continuation in
      Thread { continuation.resume(returning: body()) }.start()
    }
  }
}
