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

  public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    switch await authorizer.authorize(request) {
    case .success(let principal): request.auth.login(principal)
    case .failure(let refusal): request.storage[RefusalKey.self] = refusal
    }
    return try await next.respond(to: request)
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

  public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    guard let principal = request.monocloud.principal else {
      throw request.storage[MonoCloudAuthenticator.RefusalKey.self] ?? MonoCloudAbort.missingToken
    }
    if !scopes.isEmpty || !groups.isEmpty {
      let options = request.application.monocloud.client?.options
      let rule = AccessRule(scopes: scopes, groups: groups, matchAll: matchAll)
      do throws(MonoCloudError) {
        try rule.check(
          principal.claims, scopes: scopes, groups: groups, matchAll: matchAll ?? options?.groupsMatchAll ?? false,
          groupsClaim: options?.groupsClaim ?? "groups")
      } catch {
        throw MonoCloudAbort(outcome: .failure(error), requiredScopes: scopes)
      }
    }
    return try await next.respond(to: request)
  }
}
