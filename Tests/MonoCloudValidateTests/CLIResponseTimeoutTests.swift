import Foundation
import Testing

/// The online tool reads `MONOCLOUD_BACKEND_RESPONSE_TIMEOUT` through the backend client, so
/// the 1000 ms floor applies there too: a configuration error (exit 2) before any request.
@Suite("monocloud-validate online: response timeout floor")
struct CLIResponseTimeoutTests {
  @Test("a response timeout below 1000 ms is exit 2 naming the variable; nothing is fetched")
  func belowTheFloor() async throws {
    let server = try CLIOnlineTests.tenant()
    defer { server.stop() }
    let token = try CLITestTokens.token(CLIOnlineTests.claims(issuer: server.baseURL))
    for value in ["999", "300", "0"] {
      let result = try await CLIRunner.run(
        CLIOnlineTests.arguments(server, [token]), environment: ["MONOCLOUD_BACKEND_RESPONSE_TIMEOUT": value])
      #expect(result.status == 2, "stderr: \(result.standardError)")
      #expect(result.standardError.contains("MONOCLOUD_BACKEND_RESPONSE_TIMEOUT must be at least 1000 (milliseconds)"))
      #expect(result.standardOutput.isEmpty)
    }
    #expect(server.requests.isEmpty)
  }

  @Test("1000 ms is accepted: the token is validated against the tenant")
  func atTheFloor() async throws {
    let server = try CLIOnlineTests.tenant()
    defer { server.stop() }
    let token = try CLITestTokens.token(CLIOnlineTests.claims(issuer: server.baseURL))
    let result = try await CLIRunner.run(
      CLIOnlineTests.arguments(server, [token]), environment: ["MONOCLOUD_BACKEND_RESPONSE_TIMEOUT": "1000"])
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(server.requests.contains("GET /jwks"))
  }
}
