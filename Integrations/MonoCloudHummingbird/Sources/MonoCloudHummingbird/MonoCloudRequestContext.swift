import Hummingbird
import MonoCloudBackend
import NIOCore

/// A request context that carries the claims of the validated access token. Adopt it in
/// your own context (one stored property) to use `MonoCloudAuthMiddleware`.
public protocol MonoCloudRequestContext: RequestContext {
  /// The claims of the validated token, set by `MonoCloudAuthMiddleware` before the handler runs.
  var monoCloudClaims: TokenClaims? { get set }
  /// The connection of the request when the app terminates TLS itself: the middleware then
  /// takes the client certificate for certificate-bound tokens from it. `nil` by default.
  var monoCloudConnection: (any Channel)? { get }
}

extension MonoCloudRequestContext {
  public var monoCloudConnection: (any Channel)? { nil }

  /// The validated claims; throws 401 when the route is not behind `MonoCloudAuthMiddleware`
  /// (a wiring mistake that must not serve the handler anonymously).
  public func requireMonoCloudClaims() throws -> TokenClaims {
    guard let claims = monoCloudClaims else { throw HTTPError(.unauthorized) }
    return claims
  }
}

/// A ready-made context for apps that need nothing else: Hummingbird's basic context plus the
/// claims and the connection (for the TLS client certificate).
public struct MonoCloudBasicRequestContext: MonoCloudRequestContext {
  public var coreContext: CoreRequestContextStorage
  public var monoCloudClaims: TokenClaims?
  public let monoCloudConnection: (any Channel)?

  public init(source: ApplicationRequestContextSource) {
    self.coreContext = .init(source: source)
    self.monoCloudConnection = source.channel
  }
}
