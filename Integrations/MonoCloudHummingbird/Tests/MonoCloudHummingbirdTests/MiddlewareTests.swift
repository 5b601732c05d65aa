import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MonoCloudBackend
import MonoCloudHummingbird
import NIOCore
import Synchronization
import Testing

/// The middleware in a real router, through both HummingbirdTesting frameworks.
@Suite struct MiddlewareTests {
  static let setups: [TestingSetup] = [.router, .live]

  /// An app with a public route and protected ones; `reached` counts handler runs.
  struct App {
    let tenant: InMemoryTenant
    let client: MonoCloudBackendClient
    let reached = Counter()

    init(clientId: String? = "resource-server") throws {
      tenant = try InMemoryTenant()
      client = try tenant.client(clientId: clientId)
    }

    func application(
      tokenResolver: MonoCloudAuthMiddleware<MonoCloudBasicRequestContext>.TokenResolver? = nil,
      certificateResolver: MonoCloudAuthMiddleware<MonoCloudBasicRequestContext>.CertificateResolver? = nil
    ) -> some ApplicationProtocol {
      let router = Router(context: MonoCloudBasicRequestContext.self)
      let reached = self.reached
      let handler: @Sendable (Request, MonoCloudBasicRequestContext) async throws -> String = { _, context in
        reached.increment()
        return try context.requireMonoCloudClaims().subject ?? "-"
      }
      router.get("public") { _, _ in "public" }
      router.group("orders")
        .add(
          middleware: MonoCloudAuthMiddleware(
            client: client, scopes: ["read:orders"], tokenResolver: tokenResolver,
            certificateResolver: certificateResolver)
        )
        .get(use: handler)
      router.group("admin").add(middleware: MonoCloudAuthMiddleware(client: client, groups: ["admin"])).get(
        use: handler)
      router.group("all-groups")
        .add(middleware: MonoCloudAuthMiddleware(client: client, groups: ["admin", "ops"], matchAll: true))
        .get(use: handler)
      router.group("any-group")
        .add(middleware: MonoCloudAuthMiddleware(client: client, groups: ["admin", "ops"], matchAll: false))
        .get(use: handler)
      return Application(router: router)
    }

    var handlerRuns: Int { reached.value }
  }

  static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

  /// A refusal never contains the token, in headers or body.
  static func expectNoLeak(_ response: TestResponse, _ token: String, sourceLocation: SourceLocation = #_sourceLocation)
  {
    let body = String(buffer: response.body)
    #expect(!body.contains(token), sourceLocation: sourceLocation)
    for field in response.headers { #expect(!field.value.contains(token), sourceLocation: sourceLocation) }
  }

  @Test(arguments: MiddlewareTests.setups) func validTokenReachesTheHandlerWithClaims(setup: TestingSetup) async throws
  {
    let app = try App()
    let token = try app.tenant.jwt()
    try await app.application().test(setup) { client in
      try await client.execute(uri: "/public", method: .get) { #expect($0.status == .ok) }
      try await client.execute(uri: "/orders", method: .get, headers: Self.bearer(token)) { response in
        #expect(response.status == .ok)
        #expect(String(buffer: response.body) == "user-1")
      }
      // The scheme is case-insensitive.
      try await client.execute(uri: "/orders", method: .get, headers: [.authorization: "bEaReR \(token)"]) {
        #expect($0.status == .ok)
      }
    }
    #expect(app.handlerRuns == 2)
  }

  @Test(arguments: MiddlewareTests.setups) func badInputAtTheEdgeIsACleanUnauthorized(setup: TestingSetup) async throws
  {
    let app = try App()
    let token = try app.tenant.jwt()
    var duplicate = HTTPFields()
    duplicate.append(HTTPField(name: .authorization, value: "Bearer \(token)"))
    duplicate.append(HTTPField(name: .authorization, value: "Bearer \(token)"))
    let oversized: HTTPFields = [.authorization: "Bearer " + String(repeating: "a", count: 9000)]
    let cases: [(name: String, uri: String, headers: HTTPFields, challenge: String)] = [
      ("missing", "/orders", [:], "Bearer"),
      ("basic scheme", "/orders", [.authorization: "Basic dXNlcjpwYXNz"], "Bearer"),
      ("bearer without token", "/orders", [.authorization: "Bearer"], "Bearer"),
      ("three parts", "/orders", [.authorization: "Bearer \(token) extra"], "Bearer"),
      ("token in query", "/orders?access_token=\(token)", [:], "Bearer"),
      (
        "duplicate", "/orders", duplicate,
        "Bearer error=\"invalid_request\", error_description=\"more than one Authorization header\""
      ),
      (
        "oversized", "/orders", oversized,
        "Bearer error=\"invalid_request\", error_description=\"the Authorization header is too long\""
      ),
    ]
    try await app.application().test(setup) { client in
      for entry in cases {
        try await client.execute(uri: entry.uri, method: .get, headers: entry.headers) { response in
          #expect(response.status == .unauthorized, "\(entry.name)")
          #expect(response.headers[.wwwAuthenticate] == entry.challenge, "\(entry.name)")
          #expect(response.headers[.contentType] == "application/json", "\(entry.name)")
          Self.expectNoLeak(response, token)
        }
      }
    }
    #expect(cases.count == 7)
    #expect(app.handlerRuns == 0)
  }

  @Test(arguments: MiddlewareTests.setups) func invalidTokenIsUnauthorizedWithDescription(setup: TestingSetup)
    async throws
  {
    let app = try App()
    let valid = try app.tenant.jwt()
    let forged = String(valid.dropLast(4)) + (valid.hasSuffix("AAAA") ? "BBBB" : "AAAA")
    try await app.application().test(setup) { client in
      try await client.execute(uri: "/orders", method: .get, headers: Self.bearer(forged)) { response in
        #expect(response.status == .unauthorized)
        let challenge = response.headers[.wwwAuthenticate] ?? ""
        #expect(challenge.hasPrefix("Bearer error=\"invalid_token\", error_description=\""))
        #expect(String(buffer: response.body).hasPrefix("{\"error\":\"invalid_token\""))
        Self.expectNoLeak(response, forged)
      }
    }
    #expect(app.handlerRuns == 0)
  }

  @Test(arguments: MiddlewareTests.setups) func missingScopeIsForbiddenNamingTheScope(setup: TestingSetup) async throws
  {
    let app = try App()
    let token = try app.tenant.jwt(scope: "write:orders")
    try await app.application().test(setup) { client in
      try await client.execute(uri: "/orders", method: .get, headers: Self.bearer(token)) { response in
        #expect(response.status == .forbidden)
        let challenge = response.headers[.wwwAuthenticate] ?? ""
        #expect(challenge.hasPrefix("Bearer error=\"insufficient_scope\", error_description=\""))
        #expect(challenge.hasSuffix(", scope=\"read:orders\""))
        Self.expectNoLeak(response, token)
      }
    }
    #expect(app.handlerRuns == 0)
  }

  @Test(arguments: MiddlewareTests.setups) func groupsPerRouteWithMatchAll(setup: TestingSetup) async throws {
    let app = try App()
    let admin = try app.tenant.jwt(groups: ["admin"])
    let both = try app.tenant.jwt(groups: ["admin", "ops"])
    let none = try app.tenant.jwt()
    let expectations: [(uri: String, token: String, status: HTTPTypes.HTTPResponse.Status)] = [
      ("/admin", admin, .ok), ("/admin", none, .forbidden),
      ("/all-groups", admin, .forbidden), ("/all-groups", both, .ok),
      ("/any-group", admin, .ok), ("/any-group", none, .forbidden),
    ]
    try await app.application().test(setup) { client in
      for entry in expectations {
        try await client.execute(uri: entry.uri, method: .get, headers: Self.bearer(entry.token)) { response in
          #expect(response.status == entry.status, "\(entry.uri)")
          if entry.status == .forbidden {
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer error=\"insufficient_scope\"") == true)
          }
        }
      }
    }
    #expect(app.handlerRuns == 3)
  }

  @Test(arguments: MiddlewareTests.setups) func unreachableTenantIsServiceUnavailable(setup: TestingSetup) async throws
  {
    let app = try App()
    app.tenant.state.withLock { $0.down = true }
    let token = try app.tenant.jwt()
    try await app.application().test(setup) { client in
      try await client.execute(uri: "/orders", method: .get, headers: Self.bearer(token)) { response in
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers[.retryAfter] == "30")
        #expect(String(buffer: response.body).hasPrefix("{\"error\":\"temporarily_unavailable\""))
        Self.expectNoLeak(response, token)
      }
    }
    #expect(app.handlerRuns == 0)
  }

  @Test(arguments: MiddlewareTests.setups) func configurationErrorIsInternalServerError(setup: TestingSetup)
    async throws
  {
    // Opaque tokens need introspection, and introspection needs a client id.
    let app = try App(clientId: nil)
    try await app.application().test(setup) { client in
      try await client.execute(uri: "/orders", method: .get, headers: Self.bearer("opaque-token-1")) { response in
        #expect(response.status == .internalServerError)
        #expect(response.headers[.wwwAuthenticate] == nil)
        #expect(
          String(buffer: response.body)
            == "{\"error\":\"server_error\",\"error_description\":\"the token could not be checked\"}")
        Self.expectNoLeak(response, "opaque-token-1")
      }
    }
    #expect(app.handlerRuns == 0)
  }

  @Test(arguments: MiddlewareTests.setups) func opaqueTokenIsIntrospectedOnce(setup: TestingSetup) async throws {
    let app = try App()
    app.tenant.registerOpaque("opaque-good", scope: "read:orders")
    try await app.application().test(setup) { client in
      for _ in 0..<3 {
        try await client.execute(uri: "/orders", method: .get, headers: Self.bearer("opaque-good")) { response in
          #expect(response.status == .ok)
          #expect(String(buffer: response.body) == "user-2")
        }
      }
    }
    // Discovery, then one introspection; the cache answers the rest.
    #expect(app.tenant.state.withLock { $0.requests } == 2)
    #expect(app.handlerRuns == 3)
  }

  @Test(arguments: MiddlewareTests.setups) func tokenResolverReplacesTheHeader(setup: TestingSetup) async throws {
    let app = try App()
    let token = try app.tenant.jwt()
    let application = app.application(tokenResolver: { request, _ in request.headers[HTTPField.Name("X-Api-Token")!] })
    try await application.test(setup) { client in
      try await client.execute(uri: "/orders", method: .get, headers: [HTTPField.Name("X-Api-Token")!: token]) {
        #expect($0.status == .ok)
      }
      // With a resolver, the Authorization header is not consulted.
      try await client.execute(uri: "/orders", method: .get, headers: Self.bearer(token)) {
        #expect($0.status == .unauthorized)
      }
    }
    #expect(app.handlerRuns == 1)
  }

  @Test(arguments: MiddlewareTests.setups) func boundTokenNeedsTheResolvedCertificate(setup: TestingSetup) async throws
  {
    let app = try App()
    let token = try app.tenant.jwt(boundTo: InMemoryTenant.boundCertificatePEM)
    let certificateHeader = HTTPField.Name("X-Client-Cert")!
    @Sendable func headers(_ certificate: String?) -> HTTPFields {
      var fields = Self.bearer(token)
      if let certificate {
        // As nginx's $ssl_client_escaped_cert would forward it.
        fields[certificateHeader] = certificate.addingPercentEncoding(withAllowedCharacters: .alphanumerics)
      }
      return fields
    }
    // Off by default: the header is not trusted, so the bound token has no certificate.
    try await app.application().test(setup) { client in
      try await client.execute(uri: "/orders", method: .get, headers: headers(InMemoryTenant.boundCertificatePEM)) {
        #expect($0.status == .unauthorized)
      }
    }
    let trusting = app.application(certificateResolver: { request, _ in request.headers[certificateHeader] })
    try await trusting.test(setup) { client in
      try await client.execute(uri: "/orders", method: .get, headers: headers(InMemoryTenant.boundCertificatePEM)) {
        #expect($0.status == .ok)
      }
      try await client.execute(uri: "/orders", method: .get, headers: headers(InMemoryTenant.otherCertificatePEM)) {
        #expect($0.status == .unauthorized)
        #expect($0.headers[.wwwAuthenticate]?.hasPrefix("Bearer error=\"invalid_token\"") == true)
      }
      try await client.execute(uri: "/orders", method: .get, headers: headers(nil)) {
        #expect($0.status == .unauthorized)
      }
    }
    #expect(app.handlerRuns == 1)
  }
}

/// Counts handler runs across concurrent requests.
final class Counter: Sendable {
  private let count = Mutex(0)
  func increment() { count.withLock { $0 += 1 } }
  var value: Int { count.withLock { $0 } }
}
