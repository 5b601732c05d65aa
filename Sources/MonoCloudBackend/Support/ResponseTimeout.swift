/// Bounds an operation by a deadline, whatever the operation does.
///
/// A task-group race is not enough: a group waits for all of its children before it
/// returns, so a fetcher that ignores cancellation would hold the caller past the
/// deadline. Here the operation and the timer run as unstructured tasks that race to
/// resume one continuation; the loser is cancelled and its late result dropped.
package enum ResponseTimeout {
  package enum Outcome<Value: Sendable>: Sendable {
    case value(Value)
    case failed(any Error)
    case timedOut
    case cancelled
  }

  package static func run<Value: Sendable>(
    timeout: Duration, _ operation: @escaping @Sendable () async throws -> Value
  ) async -> Outcome<Value> {
    let gate = OneShot<Outcome<Value>>()
    return await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        gate.install(continuation)
        let work = Task {
          do { gate.resume(.value(try await operation())) } catch { gate.resume(.failed(error)) }
        }
        let timer = Task {
          try? await Task.sleep(for: timeout)
          gate.resume(.timedOut)
        }
        gate.onResume {
          work.cancel()
          timer.cancel()
        }
      }
    } onCancel: {
      gate.resume(.cancelled)
    }
  }
}

/// A continuation resumed exactly once by whichever party comes first; later resumes are
/// ignored. Resumes that come before the continuation is installed are remembered.
final class OneShot<Value: Sendable>: Sendable {
  private struct State {
    var continuation: CheckedContinuation<Value, Never>?
    var early: Value?
    var done = false
    var cleanup: (@Sendable () -> Void)?
  }
  private let state = Locked(State())

  func install(_ continuation: CheckedContinuation<Value, Never>) {
    let early: Value? = state.withLock { state in
      if let early = state.early {
        state.early = nil
        return early
      }
      state.continuation = continuation
      return nil
    }
    if let early { continuation.resume(returning: early) }
  }

  /// Runs `cleanup` once the value is delivered (at once if it already was).
  func onResume(_ cleanup: @escaping @Sendable () -> Void) {
    let runNow = state.withLock { state -> Bool in
      if state.done { return true }
      state.cleanup = cleanup
      return false
    }
    if runNow { cleanup() }
  }

  func resume(_ value: Value) {
    let (continuation, cleanup): (CheckedContinuation<Value, Never>?, (@Sendable () -> Void)?) = state.withLock {
      state in
      if state.done { return (nil, nil) }
      state.done = true
      if let continuation = state.continuation {
        state.continuation = nil
        let cleanup = state.cleanup
        state.cleanup = nil
        return (continuation, cleanup)
      }
      state.early = value
      return (nil, nil)
    }
    continuation?.resume(returning: value)
    cleanup?()
  }
}
