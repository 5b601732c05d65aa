import MonoCloudBackend
import MonoCloudMockProvider
import MonoCloudVapor
import Testing
import Vapor
import VaporTesting

@Suite("Refusals, introspection and the authenticator")
struct RefusalTests {
  @Test("Authorization headers that carry no usable bearer token")
  func badAuthorizationHeaders() async throws {
    try await withProtectedApp { app, provider in
      let token = try provider.jwt(provider.claims())
      // No token at all, another scheme, three parts, an empty token: 401 `Bearer`.
      let missing = try await send(app, "me")
      #expect(missing.status == .unauthorized)
      #expect(challenge(missing) == "Bearer")
      let cases = ["Basic dXNlcjpwYXNz", "Bearer", "Bearer \(token) extra", "Token \(token)", "Bearer  "]
      var checked = 0
      for header in cases {
        let response = try await send(app, "me", headers: [("Authorization", header)])
        #expect(response.status == .unauthorized, "\(header.prefix(12))")
        #expect(challenge(response) == "Bearer")
        expectNoEcho(of: token, in: response)
        checked += 1
      }
      #expect(checked == cases.count)
      // The scheme is case-insensitive.
      #expect(try await send(app, "me", headers: [("Authorization", "bearer \(token)")]).status == .ok)
      // Not a JWT and unknown to introspection: 401 invalid_token.
      let garbage = try await send(app, "me", bearer: "not-a-token")
      #expect(garbage.status == .unauthorized)
      #expect(challenge(garbage)?.hasPrefix("Bearer error=\"invalid_token\"") == true)
      // Two Authorization headers, or an oversized one: 401 invalid_request, unread.
      let twice = try await send(
        app, "me", headers: [("Authorization", "Bearer \(token)"), ("Authorization", "Bearer \(token)")])
      #expect(twice.status == .unauthorized)
      #expect(challenge(twice)?.hasPrefix("Bearer error=\"invalid_request\"") == true)
      expectNoEcho(of: token, in: twice)
      let huge = try await send(app, "me", bearer: String(repeating: "a", count: 9000))
      #expect(huge.status == .unauthorized)
      #expect(challenge(huge)?.hasPrefix("Bearer error=\"invalid_request\"") == true)
    }
  }

  @Test("opaque tokens are introspected: active ones pass with their claims, unknown ones are 401")
  func opaqueTokensThroughIntrospection() async throws {
    try await withProtectedApp { app, provider in
      let token = provider.opaqueToken(provider.claims(subject: "user-opaque", groups: ["admin"]))
      let response = try await send(app, "orders", bearer: token)
      #expect(response.status == .ok)
      #expect(response.body.string == "user-opaque scopes=read:orders groups=admin")
      // Cached: the second request is not introspected again.
      #expect(try await send(app, "orders", bearer: token).status == .ok)
      #expect(provider.hitCount("/introspect") == 1)
      // Introspected claims meet the same scope rule.
      let forbidden = try await send(app, "orders", method: .POST, bearer: token)
      #expect(forbidden.status == .forbidden)
      #expect(challenge(forbidden)?.hasPrefix("Bearer error=\"insufficient_scope\"") == true)
      let unknown = try await send(app, "orders", bearer: "opaque-unknown-token")
      #expect(unknown.status == .unauthorized)
      #expect(challenge(unknown)?.hasPrefix("Bearer error=\"invalid_token\"") == true)
      expectNoEcho(of: "opaque-unknown-token", in: unknown)
      // An expired introspection answer is refused too.
      let expired = provider.opaqueToken(provider.claims(expiresIn: -3600))
      #expect(try await send(app, "orders", bearer: expired).status == .unauthorized)
    }
  }

  @Test("the provider answering 503: 503 with the provider's Retry-After, no WWW-Authenticate")
  func providerDown() async throws {
    try await withProtectedApp { app, provider in
      provider.setDown(true)
      let token = try provider.jwt(provider.claims())
      let response = try await send(app, "me", bearer: token)
      #expect(response.status == .serviceUnavailable)
      #expect(response.headers.first(name: .retryAfter) == "\(MockProvider.downRetryAfterSeconds)")
      #expect(challenge(response) == nil)
      expectNoEcho(of: token, in: response)
      // Back up: served again.
      provider.setDown(false)
      let later = try await send(app, "me", bearer: token)
      #expect(later.status == .ok || later.status == .serviceUnavailable)
    }
  }

  @Test("the provider unreachable: 503 with the default Retry-After")
  func providerUnreachable() async throws {
    try await withProtectedApp { app, provider in
      try await provider.stop()
      let token = try provider.jwt(provider.claims())
      let response = try await send(app, "me", bearer: token)
      #expect(response.status == .serviceUnavailable)
      #expect(response.headers.first(name: .retryAfter) == "\(AuthorizationOutcome.retryAfterSeconds)")
    }
  }

  @Test("authenticator: anonymous callers pass; the guard refuses them, and keeps a 503 a 503")
  func authenticatorAndGuard() async throws {
    try await withProtectedApp { app, provider in
      #expect(try await send(app, "open").body.string == "anonymous")
      let token = try provider.jwt(provider.claims(subject: "user-7"))
      #expect(try await send(app, "open", bearer: token).body.string == "user-7")
      let anonymous = try await send(app, "guarded")
      #expect(anonymous.status == .unauthorized)
      #expect(challenge(anonymous) == "Bearer")
      let expired = try await send(app, "guarded", bearer: try provider.jwt(provider.claims(expiresIn: -3600)))
      #expect(expired.status == .unauthorized)
      #expect(challenge(expired)?.hasPrefix("Bearer error=\"invalid_token\"") == true)
      #expect(try await send(app, "guarded", bearer: token).status == .ok)
      // The guard's own rule: scope and group.
      let notAdmin = try await send(app, "guarded-admin", bearer: token)
      #expect(notAdmin.status == .forbidden)
      #expect(challenge(notAdmin)?.hasPrefix("Bearer error=\"insufficient_scope\"") == true)
      let admin = try provider.jwt(provider.claims(groups: ["admin"]))
      #expect(try await send(app, "guarded-admin", bearer: admin).status == .ok)
    }
    try await withProtectedApp { app, provider in
      provider.setDown(true)
      let response = try await send(app, "guarded", bearer: try provider.jwt(provider.claims()))
      #expect(response.status == .serviceUnavailable)
      #expect(response.headers.first(name: .retryAfter) != nil)
    }
  }

  @Test("a protected route without app.monocloud.configure answers 500, never the handler")
  func notConfigured() async throws {
    try await withApp { app in
      app.grouped(MonoCloudMiddleware()).get("me") { _ in "reached" }
      let response = try await app.testing().sendRequest(
        .GET, "me", headers: ["Authorization": "Bearer abc.def.ghi"])
      #expect(response.status == .internalServerError)
      #expect(!response.body.string.contains("reached"))
    }
  }

  @Test("configuration from MONOCLOUD_BACKEND_* variables; bad values are reported")
  func environmentConfiguration() async throws {
    try await withApp { app in
      try app.monocloud.configure(
        environment: [
          "MONOCLOUD_BACKEND_TENANT_DOMAIN": "http://127.0.0.1:9", "MONOCLOUD_BACKEND_AUDIENCE": "https://api",
          "MONOCLOUD_BACKEND_CLOCK_TOLERANCE": "60",
        ])
      let client = try #require(app.monocloud.client)
      #expect(client.options.tenantDomain == "http://127.0.0.1:9")
      #expect(client.options.clockTolerance == 60)
      #expect(app.monocloud.fetcher?.httpClient === app.http.client.shared)
      #expect(throws: MonoCloudError.self) {
        try app.monocloud.configure(environment: ["MONOCLOUD_BACKEND_CLOCK_TOLERANCE": "soon"])
      }
    }
  }
}
