import MonoCloudBackend
import MonoCloudMockProvider
import MonoCloudVapor
import Testing
import Vapor
import VaporTesting

/// Runs `test` against a Vapor application protected by MonoCloud, validating tokens of a mock
/// provider started on a free loopback port; both are torn down afterwards.
func withProtectedApp(
  configure tweak: (inout MonoCloudBackendOptions) -> Void = { _ in },
  _ test: (Application, MockProvider) async throws -> Void
) async throws {
  try await withMockProvider { provider in
    try await withApp { app in
      var options = clientOptions(for: provider)
      tweak(&options)
      try app.monocloud.configure(options, environment: [:])
      registerRoutes(app)
      try await test(app, provider)
    }
  }
}

/// Runs `body` with a mock provider on a free loopback port, stopped afterwards.
func withMockProvider(_ body: (MockProvider) async throws -> Void) async throws {
  let provider = try await MockProvider.start()
  do {
    try await body(provider)
  } catch {
    try? await provider.stop()
    throw error
  }
  try await provider.stop()
}

/// Client options that trust `provider`, for `audience`.
func clientOptions(for provider: MockProvider, audience: String = MockProvider.audience) -> MonoCloudBackendOptions {
  MonoCloudBackendOptions(
    tenantDomain: provider.issuer, audience: audience, clientId: MockProvider.clientID,
    clientSecret: .string(MockProvider.clientSecret))
}

/// The routes the tests call: one per rule.
func registerRoutes(_ app: Application) {
  app.grouped(MonoCloudMiddleware()).get("me", use: describe)
  app.grouped(MonoCloudMiddleware(scopes: ["read:orders"])).get("orders", use: describe)
  app.grouped(MonoCloudMiddleware(scopes: ["read:orders", "write:orders"])).post("orders", use: describe)
  app.grouped(MonoCloudMiddleware(groups: ["admin", "ops"])).get("staff", use: describe)
  app.grouped(MonoCloudMiddleware(groups: ["admin", "ops"], matchAll: true)).get("staff-all", use: describe)
  app.grouped(MonoCloudMiddleware(groups: ["admin", "ops"], matchAll: false)).get("staff-any", use: describe)
  app.grouped(MonoCloudMiddleware(tokenResolver: { $0.headers.first(name: "X-Access-Token") }))
    .get("resolved", use: describe)
  app.grouped(MonoCloudMiddleware(certificateResolver: { $0.headers.first(name: "X-Client-Cert") }))
    .get("bound", use: describe)
  let optional = app.grouped(MonoCloudAuthenticator())
  optional.get("open") { req in req.monocloud.principal?.subject ?? "anonymous" }
  optional.grouped(MonoCloudGuardMiddleware()).get("guarded", use: describe)
  optional.grouped(MonoCloudGuardMiddleware(scopes: ["read:orders"], groups: ["admin"])).get(
    "guarded-admin", use: describe)
}

/// What the handlers answer: the principal's subject, scopes and groups.
@Sendable func describe(_ req: Request) throws -> String {
  let principal = try req.auth.require(MonoCloudPrincipal.self)
  let claims = try req.monocloud.claims
  #expect(claims == principal.claims)
  return "\(principal.subject ?? "-") scopes=\(principal.scopes.joined(separator: ",")) "
    + "groups=\(principal.groups.joined(separator: ","))"
}

/// Sends `method path` with `Authorization: Bearer token` (when given) and extra headers.
func send(
  _ app: Application, _ path: String, method: HTTPMethod = .GET, bearer token: String? = nil,
  headers extra: [(String, String)] = []
) async throws -> TestingHTTPResponse {
  var headers = HTTPHeaders(extra)
  if let token { headers.add(name: .authorization, value: "Bearer \(token)") }
  return try await app.testing().sendRequest(method, path, headers: headers)
}

/// The response's `WWW-Authenticate` header, or nil.
func challenge(_ response: TestingHTTPResponse) -> String? {
  response.headers.first(name: .wwwAuthenticate)
}

/// Asserts that nothing in the response repeats `token`.
func expectNoEcho(of token: String, in response: TestingHTTPResponse, sourceLocation: SourceLocation = #_sourceLocation)
{
  #expect(!response.body.string.contains(token), sourceLocation: sourceLocation)
  for header in response.headers {
    #expect(!header.value.contains(token), sourceLocation: sourceLocation)
  }
}
