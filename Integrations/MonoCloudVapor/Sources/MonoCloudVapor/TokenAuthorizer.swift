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
///
/// Two ways lead to the same answer: `authorizeFromCache` on the event loop when everything
/// it needs is at hand (the `Authorization` header, cached keys or introspection answers), and
/// `authorize`, which may resolve and fetch. Both go through `query` and `decide`, so the
/// rule lives in one place.
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

  /// What the client is asked about a token: the route's scopes, and its groups unless the
  /// route overrides the client's `matchAll` (those are checked after, by `decide`).
  struct Query {
    var client: MonoCloudBackendClient
    var token: String
    var groups: [String]
    var overridesMatchAll: Bool
  }

  func authorize(_ request: Request) async -> Result<MonoCloudPrincipal, MonoCloudAbort> {
    let query: Query
    switch self.query(for: await bearerToken(request), client: request.application.monocloud.client) {
    case .success(let value): query = value
    case .failure(let refusal): return .failure(refusal)
    }
    let certificate = await certificateResolver?(request)
    let validation: Result<TokenClaims, MonoCloudError>
    do throws(MonoCloudError) {
      validation = .success(
        try await query.client.validateAccessToken(
          query.token, scopes: rule.scopes, groups: query.groups, clientCertificate: certificate))
    } catch {
      validation = .failure(error)
    }
    return decide(validation, of: query)
  }

  /// `authorize` without suspending, for the event loop: nil when the answer needs a resolver
  /// (both are asynchronous) or I/O (keys or the introspection answer not cached); then
  /// `authorize` gives it.
  func authorizeFromCache(_ request: Request) -> Result<MonoCloudPrincipal, MonoCloudAbort>? {
    guard tokenResolver == nil, certificateResolver == nil else { return nil }
    let query: Query
    switch self.query(for: bearerTokenFromHeader(request), client: request.application.monocloud.client) {
    case .success(let value): query = value
    case .failure(let refusal): return .failure(refusal)
    }
    guard
      let validation = query.client.validateAccessTokenFromCache(
        query.token, scopes: rule.scopes, groups: query.groups, clientCertificate: nil)
    else { return nil }
    return decide(validation, of: query)
  }

  /// The question for the client, or the refusal of a request without a usable token or
  /// without a configured client.
  func query(for bearer: BearerResult, client: MonoCloudBackendClient?) -> Result<Query, MonoCloudAbort> {
    let token: String
    switch bearer {
    case .token(let value): token = value
    case .missing: return .failure(.missingToken)
    case .malformed(let reason): return .failure(.malformedRequest(reason))
    }
    guard let client else { return .failure(.notConfigured) }
    // The client applies its own matchAll; a route that overrides it checks its groups after.
    let overrides = rule.overridesMatchAll(of: client)
    return .success(
      Query(client: client, token: token, groups: overrides ? [] : rule.groups, overridesMatchAll: overrides))
  }

  /// The principal for a token the client accepted (and the route's own group rule, when it
  /// overrides the client's), or the refusal.
  func decide(_ validation: Result<TokenClaims, MonoCloudError>, of query: Query) -> Result<
    MonoCloudPrincipal, MonoCloudAbort
  > {
    do throws(MonoCloudError) {
      let claims = try validation.get()
      if query.overridesMatchAll { try rule.check(claims, client: query.client) }
      return .success(MonoCloudPrincipal(claims: claims, groupsClaim: query.client.options.policy.groupsClaim))
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
    return bearerTokenFromHeader(request)
  }

  /// Whether a header name is `Authorization`, in any letter case (ASCII only, as HTTP says).
  static func isAuthorization(_ name: String) -> Bool {
    let expected = "authorization".utf8
    guard name.utf8.count == expected.count else { return false }
    return zip(name.utf8, expected).allSatisfy { byte, lower in
      byte == lower || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") && byte | 0x20 == lower)
    }
  }

  /// The token of the single `Authorization` header, read without a resolver.
  func bearerTokenFromHeader(_ request: Request) -> BearerResult {
    // One pass over the fields, without collecting the values into an array.
    var found: String?
    for (name, value) in request.headers where Self.isAuthorization(name) {
      guard found == nil else { return .malformed("more than one Authorization header") }
      found = value
    }
    guard let header = found else { return .missing }
    guard header.utf8.count <= maxAuthorizationHeaderBytes else {
      return .malformed("the Authorization header is too long")
    }
    guard let token = BearerToken.parse(authorizationHeader: header) else { return .missing }
    return .token(token)
  }
}
