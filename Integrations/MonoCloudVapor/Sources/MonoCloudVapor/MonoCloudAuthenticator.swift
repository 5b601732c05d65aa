import MonoCloudBackend
import Vapor

/// Logs the `MonoCloudPrincipal` in when the request carries a valid token, and lets every
/// request through: for routes that serve anonymous callers too. Put
/// `MonoCloudGuardMiddleware` after it on the routes that need a principal; the guard then
/// answers with the refusal recorded here (so a tenant outage stays a 503).
///
/// ```swift
/// let api = app.grouped(MonoCloudAuthenticator())
/// api.get("public") { req in req.monocloud.principal?.subject ?? "anonymous" }
/// api.grouped(MonoCloudGuardMiddleware(scopes: ["read:orders"])).get("orders") { … }
/// ```
public struct MonoCloudAuthenticator: AsyncMiddleware {
  private let authorizer: TokenAuthorizer

  public init(
    maxAuthorizationHeaderBytes: Int = 8192, tokenResolver: MonoCloudTokenResolver? = nil,
    certificateResolver: MonoCloudCertificateResolver? = nil
  ) {
    self.authorizer = TokenAuthorizer(
      rule: AccessRule(scopes: [], groups: [], matchAll: nil),
      maxAuthorizationHeaderBytes: maxAuthorizationHeaderBytes, tokenResolver: tokenResolver,
      certificateResolver: certificateResolver)
  }

  /// Vapor's entry point: as `MonoCloudMiddleware`, a request whose answer the client has at
  /// hand is decided on the event loop, any other in one task; `next` runs on the event loop.
  public func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
    if let decision = authorizer.authorizeFromCache(request) {
      Self.record(decision, in: request)
      return next.respond(to: request)
    }
    let authorizer = self.authorizer
    return request.eventLoop.makeFutureWithTask { await authorizer.authorize(request) }
      .flatMap { decision in
        Self.record(decision, in: request)
        return next.respond(to: request)
      }
  }

  public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    Self.record(await authorizer.authorize(request), in: request)
    return try await next.respond(to: request)
  }

  /// Logs the principal in, or keeps the refusal for `MonoCloudGuardMiddleware`.
  static func record(_ decision: Result<MonoCloudPrincipal, MonoCloudAbort>, in request: Request) {
    switch decision {
    case .success(let principal): request.auth.login(principal)
    case .failure(let refusal): request.storage[RefusalKey.self] = refusal
    }
  }

  struct RefusalKey: StorageKey {
    typealias Value = MonoCloudAbort
  }
}

/// Requires the `MonoCloudPrincipal` that `MonoCloudAuthenticator` logged in, and that it holds
/// `scopes` and `groups` (one of them, or all with `matchAll`): 401 `Bearer` (or the
/// authenticator's own refusal) without a principal, 403 `insufficient_scope` without the
/// scopes or groups.
public struct MonoCloudGuardMiddleware: AsyncMiddleware {
  public let scopes: [String]
  public let groups: [String]
  public let matchAll: Bool?

  public init(scopes: [String] = [], groups: [String] = [], matchAll: Bool? = nil) {
    self.scopes = scopes
    self.groups = groups
    self.matchAll = matchAll
  }

  /// Vapor's entry point: the check needs no I/O, so it runs on the event loop.
  public func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
    if let refusal = refusal(of: request) { return request.eventLoop.makeFailedFuture(refusal) }
    return next.respond(to: request)
  }

  public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    if let refusal = refusal(of: request) { throw refusal }
    return try await next.respond(to: request)
  }

  /// Nil when the request has a principal that meets the rule, else the refusal.
  func refusal(of request: Request) -> MonoCloudAbort? {
    guard let principal = request.monocloud.principal else {
      return request.storage[MonoCloudAuthenticator.RefusalKey.self] ?? MonoCloudAbort.missingToken
    }
    if !scopes.isEmpty || !groups.isEmpty {
      let options = request.application.monocloud.client?.options
      let rule = AccessRule(scopes: scopes, groups: groups, matchAll: matchAll)
      do throws(MonoCloudError) {
        try rule.check(
          principal.claims, scopes: scopes, groups: groups, matchAll: matchAll ?? options?.groupsMatchAll ?? false,
          groupsClaim: options?.groupsClaim ?? "groups")
      } catch {
        return MonoCloudAbort(outcome: .failure(error), requiredScopes: scopes)
      }
    }
    return nil
  }
}
