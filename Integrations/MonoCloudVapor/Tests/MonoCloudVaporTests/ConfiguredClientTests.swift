import MonoCloudBackend
import MonoCloudMockProvider
import MonoCloudVapor
import Testing
import Vapor
import VaporTesting

/// Requests find the application's client through a per-thread memo; these tests show that
/// the memo never serves a client that is no longer the application's.
@Suite("The application's configured client")
struct ConfiguredClientTests {
  @Test("configuring again: the next request is checked by the new client")
  func reconfiguredClientServesTheNextRequest() async throws {
    try await withProtectedApp { app, provider in
      let token = try provider.jwt(provider.claims())
      let first = app.monocloud.client
      #expect(try await send(app, "me", bearer: token).status == .ok)
      // The same tenant for another audience: the token no longer fits.
      try app.monocloud.configure(clientOptions(for: provider, audience: "https://other.example.com"), environment: [:])
      #expect(app.monocloud.client !== first)
      #expect(app.monocloud.client?.options.audience == "https://other.example.com")
      let refused = try await send(app, "me", bearer: token)
      #expect(refused.status == .unauthorized)
      #expect(challenge(refused)?.contains("invalid_token") == true)
    }
  }

  @Test("an application never sees the client of one shut down before it")
  func shutDownApplicationsClientIsNotSeen() async throws {
    // Three times: an application configured for the provider and shut down, then a new one
    // that was never configured.
    try await withMockProvider { provider in
      for _ in 0..<3 {
        try await withApp { app in
          try app.monocloud.configure(clientOptions(for: provider), environment: [:])
          #expect(app.monocloud.client != nil)
        }
        // A new application (perhaps at the same address) that was never configured.
        try await withApp { app in
          #expect(app.monocloud.client == nil)
          app.grouped(MonoCloudMiddleware()).get("me") { _ in "reached" }
          let response = try await send(app, "me", bearer: try provider.jwt(provider.claims()))
          #expect(response.status == .internalServerError)
        }
      }
    }
  }
}
