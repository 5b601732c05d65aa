import Atomics
import NIOPosix
import Vapor

/// Each thread's memo of the last application's configured MonoCloud client, so that a request
/// finds the client without Vapor's `app.storage` (an application-wide lock, a copy of the
/// storage and a dynamic cast, about 1 µs with two event loops contending for the lock).
///
/// Every `configure` and every shutdown moves `generation` on, which retires every memo made
/// before it; a memo is only used for the same application (by identity) and generation. An
/// application that is shut down has moved the generation on, so a later application at the
/// same address never sees its client.
enum ConfiguredClientMemo {
  /// Moved on by every change of any application's configured client.
  static let generation = ManagedAtomic<Int>(0)

  private final class Memo: Sendable {
    let application: ObjectIdentifier
    let generation: Int
    let configured: Application.MonoCloud.Configured?

    init(application: ObjectIdentifier, generation: Int, configured: Application.MonoCloud.Configured?) {
      self.application = application
      self.generation = generation
      self.configured = configured
    }
  }

  private static let memo = ThreadSpecificVariable<Memo>()

  /// The configured client of `application`, from this thread's memo when it is current.
  static func configured(of application: Application) -> Application.MonoCloud.Configured? {
    // Read before the storage: a change after this read retires the memo made below.
    let current = generation.load(ordering: .acquiring)
    let identity = ObjectIdentifier(application)
    if let memo = memo.currentValue, memo.generation == current, memo.application == identity {
      return memo.configured
    }
    let configured = application.storage[Application.MonoCloud.Key.self]
    memo.currentValue = Memo(application: identity, generation: current, configured: configured)
    return configured
  }

  /// Retires every memo; call after changing an application's configured client.
  static func retireAll() {
    generation.wrappingIncrement(ordering: .releasing)
  }
}
