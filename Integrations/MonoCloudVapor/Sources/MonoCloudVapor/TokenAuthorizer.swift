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
  /// This rule's identity in each thread's `LastAcceptedHeader` memo.
  let identity = LastAcceptedHeader.RuleIdentity()

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
  /// `authorize` gives it. The thread's last accepted header answers again while the core says
  /// its answer stands (`LastAcceptedHeader`).
  func authorizeFromCache(_ request: Request) -> Result<MonoCloudPrincipal, MonoCloudAbort>? {
    guard tokenResolver == nil, certificateResolver == nil else { return nil }
    let header: String
    switch authorizationHeader(request) {
    case .found(let value): header = value
    case .missing: return .failure(.missingToken)
    case .malformed(let reason): return .failure(.malformedRequest(reason))
    }
    let client = request.application.monocloud.client
    if let client, let principal = LastAcceptedHeader.principal(for: header, rule: identity, client: client) {
      return .success(principal)
    }
    let query: Query
    switch self.query(for: bearerToken(fromHeader: header), client: client) {
    case .success(let value): query = value
    case .failure(let refusal): return .failure(refusal)
    }
    var stamp: CachedAnswerStamp?
    guard
      let validation = query.client.validateAccessTokenFromCache(
        query.token, scopes: rule.scopes, groups: query.groups, stamp: &stamp)
    else { return nil }
    let decision = decide(validation, of: query)
    if case .success(let principal) = decision, let stamp {
      LastAcceptedHeader.remember(principal, for: header, rule: identity, client: query.client, stamp: stamp)
    }
    return decision
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
    // Header names are native strings: compared in place, byte by byte.
    let contiguous = name.utf8.withContiguousStorageIfAvailable { bytes in
      expected.withContiguousStorageIfAvailable { lowers in Self.equalsIgnoringASCIICase(bytes, lowers) }
    }
    if let answer = contiguous ?? nil { return answer }
    return zip(name.utf8, expected).allSatisfy { Self.equalIgnoringASCIICase($0, $1) }
  }

  /// Whether `bytes` spell `lowers` (lowercase ASCII) in any ASCII letter case; equal lengths.
  private static func equalsIgnoringASCIICase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowers: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    for index in 0..<lowers.count where !equalIgnoringASCIICase(bytes[index], lowers[index]) { return false }
    return true
  }

  @inline(__always)
  private static func equalIgnoringASCIICase(_ byte: UInt8, _ lower: UInt8) -> Bool {
    byte == lower || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") && byte | 0x20 == lower)
  }

  enum HeaderLookup: Equatable {
    case found(String)
    case missing
    case malformed(String)
  }

  /// The value of the request's single `Authorization` header.
  func authorizationHeader(_ request: Request) -> HeaderLookup {
    // One pass over the fields, without collecting the values into an array.
    var found: String?
    for (name, value) in request.headers where Self.isAuthorization(name) {
      guard found == nil else { return .malformed("more than one Authorization header") }
      found = value
    }
    guard let header = found else { return .missing }
    return .found(header)
  }

  /// The token of an `Authorization` header's value.
  func bearerToken(fromHeader header: String) -> BearerResult {
    guard header.utf8.count <= maxAuthorizationHeaderBytes else {
      return .malformed("the Authorization header is too long")
    }
    guard let token = BearerToken.parse(authorizationHeader: header) else { return .missing }
    return .token(token)
  }

  /// The token of the single `Authorization` header, read without a resolver.
  func bearerTokenFromHeader(_ request: Request) -> BearerResult {
    switch authorizationHeader(request) {
    case .found(let header): return bearerToken(fromHeader: header)
    case .missing: return .missing
    case .malformed(let reason): return .malformed(reason)
    }
  }
}
