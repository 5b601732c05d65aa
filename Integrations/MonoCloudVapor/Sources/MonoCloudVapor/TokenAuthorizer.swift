import MonoCloudBackend
import Vapor

/// Finds the token in a request another way than the `Authorization` header (a cookie, a
/// custom header). Returns nil when there is none.
public typealias MonoCloudTokenResolver = @Sendable (Request) async -> String?

/// Gives the client certificate of the request (PEM, URL-encoded PEM or base64 DER), e.g.
/// from a header a trusted TLS-terminating proxy sets. Only use it behind such a proxy: a
/// client could otherwise send any certificate it likes.
public typealias MonoCloudCertificateResolver = @Sendable (Request) async -> String?

/// The work shared by `MonoCloudMiddleware` and `MonoCloudAuthenticator`: find the token,
/// validate it with the application's client under the route's rule, and give either the
/// principal or the refusal.
struct TokenAuthorizer: Sendable {
  var rule: AccessRule
  var maxAuthorizationHeaderBytes: Int
  var tokenResolver: MonoCloudTokenResolver?
  var certificateResolver: MonoCloudCertificateResolver?

  enum BearerResult: Equatable {
    case token(String)
    case missing
    case malformed(String)
  }

  func authorize(_ request: Request) async -> Result<MonoCloudPrincipal, MonoCloudAbort> {
    let token: String
    switch await bearerToken(request) {
    case .token(let value): token = value
    case .missing: return .failure(.missingToken)
    case .malformed(let reason): return .failure(.malformedRequest(reason))
    }
    guard let client = request.application.monocloud.client else { return .failure(.notConfigured) }
    let certificate = await certificateResolver?(request)
    // The client applies its own matchAll; a route that overrides it checks its groups after.
    let overrides = rule.overridesMatchAll(of: client)
    do throws(MonoCloudError) {
      let claims = try await client.validateAccessToken(
        token, scopes: rule.scopes, groups: overrides ? [] : rule.groups, clientCertificate: certificate)
      if overrides { try rule.check(claims, client: client) }
      return .success(MonoCloudPrincipal(claims: claims, groupsClaim: client.options.groupsClaim))
    } catch {
      return .failure(MonoCloudAbort(outcome: .failure(error), requiredScopes: rule.scopes))
    }
  }

  /// The token: from the resolver when one is set, else the single `Authorization` header.
  /// Tokens in the query string or body (RFC 6750 §2.2, §2.3) are never read.
  func bearerToken(_ request: Request) async -> BearerResult {
    if let tokenResolver {
      guard let token = await tokenResolver(request), !token.isEmpty,
        token.utf8.count <= maxAuthorizationHeaderBytes
      else { return .missing }
      return .token(token)
    }
    let values = request.headers[.authorization]
    guard let header = values.first else { return .missing }
    guard values.count == 1 else { return .malformed("more than one Authorization header") }
    guard header.utf8.count <= maxAuthorizationHeaderBytes else {
      return .malformed("the Authorization header is too long")
    }
    guard let token = BearerToken.parse(authorizationHeader: header) else { return .missing }
    return .token(token)
  }
}
