import Foundation
import HTTPTypes
import Hummingbird
import MonoCloudBackend
import NIOCore
import NIOSSL

/// Protects the routes behind it: reads the bearer token, validates it with the shared
/// `MonoCloudBackendClient`, checks the route's `scopes` and `groups`, puts the claims in
/// the context and calls the handler. Refusals follow the client's `AuthorizationOutcome`:
/// 401 with an RFC 6750 `WWW-Authenticate`, 403 for a missing scope or group, 503 with
/// `Retry-After` when the tenant cannot be reached, 500 for configuration errors. The
/// handler never runs for a refused request, and no answer repeats the token.
///
/// ```swift
/// router.group("orders")
///   .add(middleware: MonoCloudAuthMiddleware(client: client, scopes: ["read:orders"]))
///   .get { _, context in try context.requireMonoCloudClaims().subject ?? "" }
/// ```
public struct MonoCloudAuthMiddleware<Context: MonoCloudRequestContext>: RouterMiddleware {
  /// Finds the token in a request another way than the `Authorization` header (a cookie, a
  /// custom header). Return nil when there is none.
  public typealias TokenResolver = @Sendable (Request, Context) async -> String?
  /// Gives the client certificate of the request (PEM, URL-encoded PEM or base64 DER), e.g.
  /// from a header a trusted TLS-terminating proxy sets. Only use it behind such a proxy.
  public typealias CertificateResolver = @Sendable (Request, Context) async -> String?

  public let client: MonoCloudBackendClient
  /// Scopes that must all be granted.
  public let scopes: [String]
  /// Groups of which one (or all, with `matchAll`) must be held.
  public let groups: [String]
  /// Overrides the client's `groupOptions.matchAll` for this route.
  public let matchAll: Bool?
  /// Longer `Authorization` headers are refused unread (401 `invalid_request`).
  public let maxAuthorizationHeaderBytes: Int
  private let tokenResolver: TokenResolver?
  private let certificateResolver: CertificateResolver?

  public init(
    client: MonoCloudBackendClient, scopes: [String] = [], groups: [String] = [], matchAll: Bool? = nil,
    maxAuthorizationHeaderBytes: Int = 8192, tokenResolver: TokenResolver? = nil,
    certificateResolver: CertificateResolver? = nil
  ) {
    self.client = client
    self.scopes = scopes
    self.groups = groups
    self.matchAll = matchAll
    self.maxAuthorizationHeaderBytes = maxAuthorizationHeaderBytes
    self.tokenResolver = tokenResolver
    self.certificateResolver = certificateResolver
  }

  public func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let token: String
    switch await bearerToken(request, context) {
    case .token(let value): token = value
    case .missing: return Self.refusal(for: .missingToken, requiredScopes: scopes)
    case .malformed(let reason): return RefusalBody.malformedRequest(reason)
    }
    // The client applies its own matchAll; a route that overrides it checks groups below.
    let overridesMatchAll = matchAll != nil && matchAll != client.options.policy.groupsMatchAll && !groups.isEmpty
    let routeGroups = overridesMatchAll ? [] : groups
    let claims: TokenClaims
    do throws(MonoCloudError) {
      claims = try await validate(token, groups: routeGroups, request, context)
      if overridesMatchAll { try GroupRule.check(claims, groups: groups, matchAll: matchAll ?? false, client: client) }
    } catch {
      return Self.refusal(for: .failure(error), requiredScopes: scopes)
    }
    var context = context
    context.monoCloudClaims = claims
    return try await next(request, context)
  }

  /// Validates with the connection's certificate, looked up only when it can change the
  /// answer: always under `.required` binding, never under `.dangerouslyIgnore`, and under
  /// `.whenPresent` only after a refusal as `invalid_token` (an unbound token passes with or
  /// without a certificate, so the answer is the same as with the certificate from the start,
  /// without a lookup on the connection for every request).
  func validate(
    _ token: String, groups: [String], _ request: Request, _ context: Context
  ) async throws(MonoCloudError) -> TokenClaims {
    switch client.options.policy.certificateBinding {
    case .dangerouslyIgnore:
      return try await validateWithoutCertificate(token, groups: groups)
    case .required:
      let certificate = await clientCertificate(request, context)
      return try await client.validateAccessToken(
        token, scopes: scopes, groups: groups, clientCertificate: certificate)
    case .whenPresent:
      do throws(MonoCloudError) {
        return try await validateWithoutCertificate(token, groups: groups)
      } catch {
        guard error.kind == .token(.invalidToken), let certificate = await clientCertificate(request, context) else {
          throw error
        }
        return try await client.validateAccessToken(
          token, scopes: scopes, groups: groups, clientCertificate: certificate)
      }
    }
  }

  /// The client's answer without a certificate: from its caches without suspending when they
  /// hold it (keys fresh; the synchronous twin of `validateAccessToken`), else the async path.
  private func validateWithoutCertificate(_ token: String, groups: [String]) async throws(MonoCloudError) -> TokenClaims
  {
    if let cached = client.validateAccessTokenFromCache(token, scopes: scopes, groups: groups) {
      return try cached.get()
    }
    return try await client.validateAccessToken(token, scopes: scopes, groups: groups)
  }

  enum BearerResult: Equatable {
    case token(String)
    case missing
    case malformed(String)
  }

  /// The token: from the resolver when one is set, else the single `Authorization` header.
  /// Tokens in the query string or body (RFC 6750 §2.2, §2.3) are never read.
  func bearerToken(_ request: Request, _ context: Context) async -> BearerResult {
    if let tokenResolver {
      guard let token = await tokenResolver(request, context), !token.isEmpty,
        token.utf8.count <= maxAuthorizationHeaderBytes
      else { return .missing }
      return .token(token)
    }
    // One pass over the fields, without collecting the values into an array.
    var found: String?
    for field in request.headers where field.name == .authorization {
      guard found == nil else { return .malformed("more than one Authorization header") }
      found = field.value
    }
    guard let header = found else { return .missing }
    guard header.utf8.count <= maxAuthorizationHeaderBytes else {
      return .malformed("the Authorization header is too long")
    }
    guard let token = BearerToken.parse(authorizationHeader: header) else { return .missing }
    return .token(token)
  }

  /// The certificate for bound tokens: the resolver's, else the TLS peer certificate of the
  /// connection when the context exposes one.
  func clientCertificate(_ request: Request, _ context: Context) async -> String? {
    if let certificateResolver { return await certificateResolver(request, context) }
    guard let connection = context.monoCloudConnection, connection.isActive,
      let certificate = try? await connection.nioSSL_peerCertificate().get(),
      let der = try? certificate.toDERBytes()
    else { return nil }
    return Data(der).base64EncodedString()
  }
}
