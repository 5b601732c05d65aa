import MonoCloudBackend
import MonoCloudCrypto
import NIOPosix

/// Each thread's memo of the last `Authorization` header a route accepted from the client's
/// caches, with the principal it gave and the core's `CachedAnswerStamp`.
///
/// A connection stays on one event loop, so a client that sends one token many times (a service
/// calling another) presents the same header on the same thread; the memo then answers without
/// parsing the header, looking the token up or building the principal again. It answers only
/// for the same client, the same route rule (by identity), the exact same header (compared in
/// constant time, like the core's verified-token cache) and while the core says the answer
/// stands (`isCurrent`: the same fresh key set and the same clock second). Refusals are never
/// kept. Other tokens on the thread replace it.
enum LastAcceptedHeader {
  /// The identity of one middleware's rule (two middlewares with equal rules still keep apart).
  final class RuleIdentity: Sendable {}

  /// One thread's memo, written in place: only its own thread ever reads or writes it (it lives
  /// in a `ThreadSpecificVariable`), and replacing the variable's value on every new token
  /// would cost more than the rest of the memo.
  private final class Slot: @unchecked Sendable {
    var client: MonoCloudBackendClient?
    var rule: RuleIdentity?
    var header = ""
    var stamp: CachedAnswerStamp?
    var principal: MonoCloudPrincipal?
  }

  private static let slots = ThreadSpecificVariable<Slot>()

  /// This thread's slot, made on first use.
  private static var slot: Slot {
    if let slot = slots.currentValue { return slot }
    let slot = Slot()
    slots.currentValue = slot
    return slot
  }

  /// The principal this thread last gave for exactly `header` under `rule` and `client`, while
  /// that answer still stands.
  static func principal(for header: String, rule: RuleIdentity, client: MonoCloudBackendClient) -> MonoCloudPrincipal? {
    guard let last = slots.currentValue, last.client === client, last.rule === rule, let stamp = last.stamp,
      same(last.header, header), client.isCurrent(stamp)
    else { return nil }
    return last.principal
  }

  /// Keeps an accepted header's principal as this thread's last.
  static func remember(
    _ principal: MonoCloudPrincipal, for header: String, rule: RuleIdentity, client: MonoCloudBackendClient,
    stamp: CachedAnswerStamp
  ) {
    let slot = self.slot
    // Unchanged references are not stored again (the client is shared by every thread).
    if slot.client !== client { slot.client = client }
    if slot.rule !== rule { slot.rule = rule }
    slot.header = header
    slot.stamp = stamp
    slot.principal = principal
  }

  /// Equal headers, compared without an early exit (lengths are not secret); a header that is
  /// not stored contiguously never matches.
  private static func same(_ a: String, _ b: String) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    return a.utf8.withContiguousStorageIfAvailable { x in
      b.utf8.withContiguousStorageIfAvailable { y in
        ConstantTime.equals(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y))
      }
    } == .some(.some(true))
  }
}
