import MonoCloudBackend
import Synchronization

/// A clock the test moves by hand.
final class ManualClock: Sendable {
  private let milliseconds: Mutex<Int64>

  init(seconds: Int64 = 1_700_000_000) {
    milliseconds = Mutex(seconds * 1000)
  }

  var clock: MonoCloudClock { MonoCloudClock { self.milliseconds.withLock { $0 } } }
  var nowSeconds: Int64 { milliseconds.withLock { $0 } / 1000 }

  func advance(seconds: Int64) {
    milliseconds.withLock { $0 += seconds * 1000 }
  }
}

/// Counts calls; thread-safe.
final class Counter: Sendable {
  private let value = Mutex(0)
  func increment() { value.withLock { $0 += 1 } }
  var count: Int { value.withLock { $0 } }
}

/// Records everything sent through it.
final class Recorder<Element: Sendable>: Sendable {
  private let items = Mutex<[Element]>([])
  func append(_ item: Element) { items.withLock { $0.append(item) } }
  var all: [Element] { items.withLock { $0 } }
}

/// Operations that never finish and ignore cancellation, without occupying a thread.
enum NeverAnswering {
  private static let parked = Mutex<[UnsafeContinuation<Void, Never>]>([])

  static func suspendForever<T>() async -> T {
    await withUnsafeContinuation { continuation in parked.withLock { $0.append(continuation) } }
    fatalError("resumed a continuation that is never resumed")
  }
}
