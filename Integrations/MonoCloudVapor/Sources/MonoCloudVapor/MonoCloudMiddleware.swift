import MonoCloudBackend
import Vapor

/// Protects the routes behind it: reads the bearer token, validates it with the application's
/// shared `MonoCloudBackendClient` (`app.monocloud.configure(...)`), checks the route's
/// `scopes` and `groups`, logs the `MonoCloudPrincipal` in and calls the handler. Refusals
/// are `MonoCloudAbort` errors with the status and headers of the core's
/// `AuthorizationOutcome`: 401 with an RFC 6750 `WWW-Authenticate`, 403 for a missing scope or
/// group, 503 with `Retry-After` when the tenant cannot be reached, 500 for configuration
/// errors. The handler never runs for a refused request, and no answer repeats the token.
///
/// ```swift
/// let orders = app.grouped(MonoCloudMiddleware(scopes: ["read:orders"]))
/// orders.get("orders") { req in try req.monocloud.claims.subject ?? "" }
/// ```
public struct MonoCloudMiddleware: AsyncMiddleware {
  /// Scopes that must all be granted.
  public var scopes: [String] { authorizer.rule.scopes }
  /// Groups of which one (or all, with `matchAll`) must be held.
  public var groups: [String] { authorizer.rule.groups }
  /// Overrides the client's `groupOptions.matchAll` for these routes; nil keeps it.
  public var matchAll: Bool? { authorizer.rule.matchAll }

  private let authorizer: TokenAuthorizer

  /// - Parameters:
  ///   - maxAuthorizationHeaderBytes: longer `Authorization` headers (or resolved tokens) are
  ///     refused unread.
  ///   - tokenResolver: finds the token elsewhere than the `Authorization` header.
  ///   - certificateResolver: gives the client certificate for certificate-bound tokens
  ///     (RFC 8705); without one, a bound token is checked as the client's
  ///     `validateCertificateBinding` says for a request without a certificate.
  public init(
    scopes: [String] = [], groups: [String] = [], matchAll: Bool? = nil, maxAuthorizationHeaderBytes: Int = 8192,
    tokenResolver: MonoCloudTokenResolver? = nil, certificateResolver: MonoCloudCertificateResolver? = nil
  ) {
    self.authorizer = TokenAuthorizer(
      rule: AccessRule(scopes: scopes, groups: groups, matchAll: matchAll),
      maxAuthorizationHeaderBytes: maxAuthorizationHeaderBytes, tokenResolver: tokenResolver,
      certificateResolver: certificateResolver)
  }

  /// Vapor's entry point. A request whose answer the client has at hand (the `Authorization`
  /// header, cached keys or introspection answer, no resolver) is decided on the event loop and
  /// handed to `next` there; any other is authorized in one task, and `next` is again called on
  /// the event loop. The answer is the same either way: only the scheduling differs.
  public func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
    if let decision = authorizer.authorizeFromCache(request) {
      return Self.proceed(decision, request: request, next: next)
    }
    let authorizer = self.authorizer
    return request.eventLoop.makeFutureWithTask { await authorizer.authorize(request) }
      .flatMap { Self.proceed($0, request: request, next: next) }
  }

  public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    try Self.admit(await authorizer.authorize(request), to: request)
    return try await next.respond(to: request)
  }

  /// Logs the principal in, or throws the refusal.
  static func admit(_ decision: Result<MonoCloudPrincipal, MonoCloudAbort>, to request: Request) throws(MonoCloudAbort)
  {
    switch decision {
    case .success(let principal): request.auth.login(principal)
    case .failure(let refusal): throw refusal
    }
  }

  /// `admit`, then `next` on success; a refusal fails the future (Vapor's `ErrorMiddleware`
  /// renders it).
  static func proceed(
    _ decision: Result<MonoCloudPrincipal, MonoCloudAbort>, request: Request, next: any Responder
  ) -> EventLoopFuture<Response> {
    do throws(MonoCloudAbort) {
      try admit(decision, to: request)
    } catch {
      return request.eventLoop.makeFailedFuture(error)
    }
    return next.respond(to: request)
  }
}
