import Synchronization

/// Runs `body` and returns its result, or throws `.timedOut` once `timeout` has passed,
/// whichever comes first. The work runs in its own task, cancelled at the deadline, so a
/// server that accepts connections but never answers cannot hold the caller past the deadline
/// even where the driver does not react to cancellation.
func withPostgresDeadline<Value: Sendable>(
  _ timeout: Duration, operation: String, _ body: @escaping @Sendable () async throws -> Value
) async throws(PostgresCacheError) -> Value {
  let race = DeadlineRace<Value>()
  let result: Result<Value, PostgresCacheError> = await withCheckedContinuation { continuation in
    race.start(continuation)
    let work = Task {
      do {
        race.finish(.success(try await body()))
      } catch {
        race.finish(.failure(PostgresCacheError.from(error, operation: operation)))
      }
    }
    let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
    let timer = Task {
      do { try await Task.sleep(for: timeout) } catch { return }
      if race.finish(.failure(.timedOut(operation: operation, milliseconds: milliseconds))) { work.cancel() }
    }
    race.onFinish { timer.cancel() }
  }
  return try result.get()
}

/// The continuation of one deadline race, resumed exactly once.
private final class DeadlineRace<Value: Sendable>: Sendable {
  private struct State {
    var continuation: CheckedContinuation<Result<Value, PostgresCacheError>, Never>?
    var finished = false
    var cleanup: (@Sendable () -> Void)?
  }
  private let state = Mutex(State())

  func start(_ continuation: CheckedContinuation<Result<Value, PostgresCacheError>, Never>) {
    state.withLock { $0.continuation = continuation }
  }

  /// Runs `cleanup` when the race finishes (at once if it already has).
  func onFinish(_ cleanup: @escaping @Sendable () -> Void) {
    let runNow = state.withLock { state -> Bool in
      if state.finished { return true }
      state.cleanup = cleanup
      return false
    }
    if runNow { cleanup() }
  }

  /// Resumes the caller with `result` if nobody did yet; true if this call won.
  @discardableResult
  func finish(_ result: Result<Value, PostgresCacheError>) -> Bool {
    let (continuation, cleanup) = state.withLock {
      state -> (CheckedContinuation<Result<Value, PostgresCacheError>, Never>?, (@Sendable () -> Void)?) in
      guard !state.finished else { return (nil, nil) }
      state.finished = true
      defer { state.continuation = nil; state.cleanup = nil }
      return (state.continuation, state.cleanup)
    }
    guard let continuation else { return false }
    continuation.resume(returning: result)
    cleanup?()
    return true
  }
}
