import MonoCloudBackend
import MonoCloudMockProvider
import Testing
import Vapor
import VaporTesting

@testable import MonoCloudVapor

// The middlewares answer from the event loop when the client has the answer at hand, and from
// one task otherwise. These tests hold both ways, and the `AsyncMiddleware` requirement every
// request went through before, to the same answers.

@Suite("The event-loop path answers as the asynchronous one")
struct EventLoopPathTests {
  @Test(
    "each scenario: the same answer cold and warm, through Vapor's entry point and the async requirement",
    arguments: RequestScenario.all)
  func sameAnswer(_ scenario: RequestScenario) async throws {
    let provider = try await MockProvider.start()
    do {
      provider.setDown(scenario.providerDown)
      let headers = try scenario.headers(provider)
      // The entry point on a cold client (the task), then warm (the event loop, when the
      // answer is cached), then the async requirement on the same warm client.
      let entryPoint = try await withClient(of: provider, matchAll: scenario.clientMatchAll) { app in
        [
          try await answer(app, "entry/\(scenario.path)", headers),
          try await answer(app, "entry/\(scenario.path)", headers),
          try await answer(app, "async/\(scenario.path)", headers),
        ]
      }
      // The async requirement on a cold client, then the entry point after it.
      let asyncRequirement = try await withClient(of: provider, matchAll: scenario.clientMatchAll) { app in
        [
          try await answer(app, "async/\(scenario.path)", headers),
          try await answer(app, "entry/\(scenario.path)", headers),
        ]
      }
      let answers = entryPoint + asyncRequirement
      #expect(answers.count == 5)
      for other in answers.dropFirst() { #expect(other == answers[0], "\(scenario.name)") }
      #expect(answers[0].status == scenario.status.code, "\(scenario.name): \(answers[0])")
      if let body = scenario.body { #expect(answers[0].body == body, "\(scenario.name)") }
    } catch {
      try? await provider.stop()
      throw error
    }
    try await provider.stop()
  }

  @Test("every scenario ran")
  func scenarioCount() {
    #expect(RequestScenario.all.count == 18)
  }

  @Test("authorizeFromCache answers only when the client has the answer at hand, and then as authorize")
  func cachedDecisions() async throws {
    try await withProtectedApp { app, provider in
      // matchAll true overrides the client's false: the route's own group check runs too.
      let rule = AccessRule(scopes: ["read:orders"], groups: ["admin", "ops"], matchAll: true)
      let plain = TokenAuthorizer(
        rule: rule, maxAuthorizationHeaderBytes: 8192, tokenResolver: nil, certificateResolver: nil)
      let both = try provider.jwt(provider.claims(groups: ["admin", "ops"]))
      let admin = try provider.jwt(provider.claims(groups: ["admin"]), algorithm: .es256)
      let expired = try provider.jwt(provider.claims(groups: ["admin", "ops"], expiresIn: -3600))
      let noScope = try provider.jwt(provider.claims(scopes: [], groups: ["admin", "ops"]), algorithm: .edDSA)
      let opaque = provider.opaqueToken(provider.claims(groups: ["admin", "ops"]))
      let request = { (token: String) in
        Request(application: app, headers: ["Authorization": "Bearer \(token)"], on: app.eventLoopGroup.next())
      }
      // Cold: neither keys nor introspection answers are cached.
      #expect(plain.authorizeFromCache(request(both)) == nil)
      #expect(plain.authorizeFromCache(request(opaque)) == nil)
      // A request without a usable token needs no I/O at all.
      let anonymous = Request(application: app, on: app.eventLoopGroup.next())
      #expect(plain.authorizeFromCache(anonymous).map(Decision.init) == .refused(401, "Bearer", "invalid_request"))
      // Warm: one asynchronous answer fetches the keys, one the introspection answer.
      #expect(Decision(await plain.authorize(request(both))).status == 200)
      #expect(Decision(await plain.authorize(request(opaque))).status == 200)
      let expected: [(String, UInt)] = [(both, 200), (admin, 403), (expired, 401), (noScope, 403), (opaque, 200)]
      for (token, status) in expected {
        let cached = try #require(plain.authorizeFromCache(request(token)))
        #expect(Decision(cached) == Decision(await plain.authorize(request(token))))
        #expect(Decision(cached).status == status)
      }
      // Resolvers are asynchronous: a route with one is never answered on the event loop.
      let resolvingToken = TokenAuthorizer(
        rule: rule, maxAuthorizationHeaderBytes: 8192, tokenResolver: { _ in both }, certificateResolver: nil)
      #expect(resolvingToken.authorizeFromCache(request(both)) == nil)
      let resolvingCertificate = TokenAuthorizer(
        rule: rule, maxAuthorizationHeaderBytes: 8192, tokenResolver: nil,
        certificateResolver: { _ in TestCertificates.clientA })
      #expect(resolvingCertificate.authorizeFromCache(request(both)) == nil)
    }
  }
}

/// A principal or a refusal, comparable.
enum Decision: Equatable {
  case admitted(TokenClaims, groups: [String])
  case refused(UInt, String?, String)

  init(_ result: Result<MonoCloudPrincipal, MonoCloudAbort>) {
    switch result {
    case .success(let principal): self = .admitted(principal.claims, groups: principal.groups)
    case .failure(let refusal):
      self = .refused(refusal.status.code, refusal.headers.first(name: .wwwAuthenticate), refusal.code)
    }
  }

  var status: UInt {
    switch self {
    case .admitted: return 200
    case .refused(let status, _, _): return status
    }
  }
}

/// What a client sees of a response.
struct Answer: Equatable, CustomStringConvertible {
  let status: UInt
  let challenge: String?
  let retryAfter: String?
  let body: String

  var description: String { "\(status) \(challenge ?? "-") \(retryAfter ?? "-") \(body)" }
}

/// Sends `GET path` with `headers` and keeps what the client sees.
func answer(_ app: Application, _ path: String, _ headers: [(String, String)]) async throws -> Answer {
  let response = try await app.testing().sendRequest(.GET, path, headers: HTTPHeaders(headers))
  return Answer(
    status: response.status.code, challenge: challenge(response),
    retryAfter: response.headers.first(name: .retryAfter), body: comparableBody(response.body.string))
}

/// The body, with Vapor's error JSON in one key order (its encoder keeps none).
func comparableBody(_ body: String) -> String {
  struct ErrorBody: Decodable {
    let error: Bool
    let reason: String
  }
  guard let decoded = try? JSONDecoder().decode(ErrorBody.self, from: Data(body.utf8)) else { return body }
  return "error=\(decoded.error) reason=\(decoded.reason)"
}

/// Runs `body` on a new application whose client (with `matchAll` as its group rule) trusts
/// `provider`, with the routes of `registerEntryAndAsyncRoutes`.
func withClient<T>(
  of provider: MockProvider, matchAll: Bool, _ body: (Application) async throws -> T
) async throws -> T {
  try await withApp { app in
    var options = clientOptions(for: provider)
    options.policy.groupsMatchAll = matchAll
    try app.monocloud.configure(options, environment: [:])
    registerEntryAndAsyncRoutes(app)
    return try await body(app)
  }
}

/// The same routes twice: under `entry/` as Vapor calls the middlewares, under `async/` through
/// their `AsyncMiddleware` requirement.
func registerEntryAndAsyncRoutes(_ app: Application) {
  for throughAsync in [false, true] {
    let routes = app.grouped(throughAsync ? "async" : "entry")
    func use<M: AsyncMiddleware>(_ middleware: M) -> any Middleware {
      throughAsync ? ThroughAsyncRequirement(inner: middleware) : middleware
    }
    routes.grouped(use(MonoCloudMiddleware())).get("me", use: describe)
    routes.grouped(use(MonoCloudMiddleware(scopes: ["read:orders", "write:orders"]))).get("write", use: describe)
    routes.grouped(use(MonoCloudMiddleware(groups: ["admin", "ops"], matchAll: true))).get("staff-all", use: describe)
    routes.grouped(use(MonoCloudMiddleware(groups: ["admin", "ops"], matchAll: false))).get("staff-any", use: describe)
    routes.grouped(use(MonoCloudMiddleware(tokenResolver: { $0.headers.first(name: "X-Access-Token") })))
      .get("resolved", use: describe)
    routes.grouped(use(MonoCloudMiddleware(certificateResolver: { $0.headers.first(name: "X-Client-Cert") })))
      .get("bound", use: describe)
    let optional = routes.grouped(use(MonoCloudAuthenticator()))
    optional.get("open") { req in req.monocloud.principal?.subject ?? "anonymous" }
    optional.grouped(use(MonoCloudGuardMiddleware(scopes: ["read:orders"], groups: ["admin"])))
      .get("guarded-admin", use: describe)
  }
}

/// Calls `inner` through its `AsyncMiddleware` requirement, bridged by Vapor's default
/// `respond(to:chainingTo:)`: the way every request went before the event-loop path.
struct ThroughAsyncRequirement<Inner: AsyncMiddleware>: AsyncMiddleware {
  let inner: Inner

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    try await inner.respond(to: request, chainingTo: next)
  }
}

/// One request to compare: the route, its headers and the status it must get.
struct RequestScenario: Sendable, CustomTestStringConvertible {
  let name: String
  let path: String
  let status: HTTPResponseStatus
  var body: String? = nil
  var clientMatchAll = false
  var providerDown = false
  let headers: @Sendable (MockProvider) throws -> [(String, String)]

  var testDescription: String { name }

  static func bearer(_ token: String) -> [(String, String)] { [("Authorization", "Bearer \(token)")] }

  static let all: [RequestScenario] = [
    RequestScenario(name: "valid RS256", path: "me", status: .ok, body: "user-1 scopes=read:orders groups=") {
      bearer(try $0.jwt($0.claims()))
    },
    RequestScenario(
      name: "valid ES256 with groups", path: "me", status: .ok, body: "user-1 scopes=read:orders groups=ops"
    ) { bearer(try $0.jwt($0.claims(groups: ["ops"]), algorithm: .es256)) },
    RequestScenario(name: "expired", path: "me", status: .unauthorized) {
      bearer(try $0.jwt($0.claims(expiresIn: -3600)))
    },
    RequestScenario(name: "other audience", path: "me", status: .unauthorized) {
      bearer(try $0.jwt($0.claims(audience: "https://other.example.com"), algorithm: .edDSA))
    },
    RequestScenario(name: "missing scope", path: "write", status: .forbidden) { bearer(try $0.jwt($0.claims())) },
    RequestScenario(name: "no Authorization header", path: "me", status: .unauthorized) { _ in [] },
    RequestScenario(name: "two Authorization headers", path: "me", status: .unauthorized) {
      let token = try $0.jwt($0.claims())
      return bearer(token) + bearer(token)
    },
    RequestScenario(name: "route matchAll true, one group", path: "staff-all", status: .forbidden) {
      bearer(try $0.jwt($0.claims(groups: ["admin"])))
    },
    RequestScenario(name: "route matchAll true, both groups", path: "staff-all", status: .ok) {
      bearer(try $0.jwt($0.claims(groups: ["ops", "admin"])))
    },
    RequestScenario(name: "route matchAll false over client true", path: "staff-any", status: .ok, clientMatchAll: true)
    {
      bearer(try $0.jwt($0.claims(groups: ["admin"])))
    },
    RequestScenario(name: "opaque token", path: "me", status: .ok, body: "user-1 scopes=read:orders groups=admin") {
      bearer($0.opaqueToken($0.claims(groups: ["admin"])))
    },
    RequestScenario(name: "unknown opaque token", path: "me", status: .unauthorized) { _ in bearer("opaque-unknown") },
    RequestScenario(name: "token resolver", path: "resolved", status: .ok) {
      [("X-Access-Token", try $0.jwt($0.claims()))]
    },
    RequestScenario(name: "certificate resolver, other certificate", path: "bound", status: .unauthorized) {
      var claims = $0.claims()
      let thumbprint = try CertificateThumbprint.sha256(certificate: TestCertificates.clientA)
      claims["cnf"] = .object(["x5t#S256": .string(thumbprint)])
      return bearer(try $0.jwt(claims)) + [("X-Client-Cert", TestCertificates.clientB)]
    },
    RequestScenario(name: "authenticator with a token", path: "open", status: .ok, body: "user-9") {
      bearer(try $0.jwt($0.claims(subject: "user-9")))
    },
    RequestScenario(name: "authenticator and guard, no group", path: "guarded-admin", status: .forbidden) {
      bearer(try $0.jwt($0.claims()))
    },
    RequestScenario(name: "authenticator and guard, expired", path: "guarded-admin", status: .unauthorized) {
      bearer(try $0.jwt($0.claims(groups: ["admin"], expiresIn: -3600)))
    },
    RequestScenario(name: "provider down", path: "me", status: .serviceUnavailable, providerDown: true) {
      bearer(try $0.jwt($0.claims()))
    },
  ]
}
