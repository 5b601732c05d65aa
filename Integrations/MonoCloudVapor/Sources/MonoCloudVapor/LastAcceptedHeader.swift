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

  private final class Entry: Sendable {
    let client: MonoCloudBackendClient
    let rule: RuleIdentity
    let header: String
    let stamp: CachedAnswerStamp
    let principal: MonoCloudPrincipal

    init(
      client: MonoCloudBackendClient, rule: RuleIdentity, header: String, stamp: CachedAnswerStamp,
      principal: MonoCloudPrincipal
    ) {
      self.client = client
      self.rule = rule
      self.header = header
      self.stamp = stamp
      self.principal = principal
    }
  }

  private static let entry = ThreadSpecificVariable<Entry>()

  /// The principal this thread last gave for exactly `header` under `rule` and `client`, while
  /// that answer still stands.
  static func principal(for header: String, rule: RuleIdentity, client: MonoCloudBackendClient) -> MonoCloudPrincipal? {
    guard let last = entry.currentValue, last.client === client, last.rule === rule, same(last.header, header),
      client.isCurrent(last.stamp)
    else { return nil }
    return last.principal
  }

  /// Keeps an accepted header's principal as this thread's last.
  static func remember(
    _ principal: MonoCloudPrincipal, for header: String, rule: RuleIdentity, client: MonoCloudBackendClient,
    stamp: CachedAnswerStamp
  ) {
    entry.currentValue = Entry(client: client, rule: rule, header: header, stamp: stamp, principal: principal)
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
