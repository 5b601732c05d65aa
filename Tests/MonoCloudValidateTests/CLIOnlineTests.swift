import Foundation
import MonoCloudJOSE
import Testing

/// `monocloud-validate` online (no `--jwks`): a local HTTP server plays the tenant
/// (discovery, JWKS, introspection).
@Suite("monocloud-validate online")
struct CLIOnlineTests {
  /// A tenant at `server.baseURL` with the sample JWKS; introspection answers `introspection`.
  static func tenant(
    introspection: String = #"{"active":false}"#, discoveryStatus: Int = 200
  ) throws -> CLITestHTTPServer {
    let jwks = try String(contentsOf: CLITestTokens.sampleFile("jwks.json"), encoding: .utf8)
    let box = PortBox()
    let server = try CLITestHTTPServer { request in
      let base = "http://127.0.0.1:\(box.port)"
      switch request.path {
      case "/.well-known/openid-configuration":
        return .init(
          status: discoveryStatus,
          body: discoveryStatus == 200
            ? #"{"issuer":"\#(base)","jwks_uri":"\#(base)/jwks","introspection_endpoint":"\#(base)/introspect"}"#
            : #"{"error":"server_error"}"#)
      case "/jwks": return .init(status: 200, body: jwks)
      case "/introspect": return .init(status: 200, body: introspection)
      default: return .init(status: 404, body: "{}")
      }
    }
    box.port = server.port
    return server
  }

  static func claims(issuer: String) -> JSONObject {
    CLITestTokens.claims(with: [("iss", .string(issuer))])
  }

  static func arguments(_ server: CLITestHTTPServer, _ extra: [String]) -> [String] {
    ["--tenant-domain", server.baseURL, "--audience", CLITestTokens.audience, "--now", String(CLITestTokens.now)]
      + extra
  }

  @Test("a JWT is validated against the tenant's JWKS: exit 0 and the claims")
  func validJWT() async throws {
    let server = try Self.tenant()
    defer { server.stop() }
    let claims = Self.claims(issuer: server.baseURL)
    let result = try await CLIRunner.run(Self.arguments(server, [try CLITestTokens.token(claims)]))
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardOutput == JSONWriter.string(claims) + "\n")
    #expect(server.requests == ["GET /.well-known/openid-configuration", "GET /jwks"])

    let wrongIssuer = try CLITestTokens.token()
    CLIOfflineTests.expectRejected(
      try await CLIRunner.run(Self.arguments(server, [wrongIssuer])), code: "invalid_token", token: wrongIssuer)
    let noScope = try await CLIRunner.run(
      Self.arguments(server, ["--scope", "admin", try CLITestTokens.token(claims)]))
    CLIOfflineTests.expectRejected(noScope, code: "insufficient_scope")
  }

  @Test("--batch online: one client, so discovery and the JWKS are fetched once")
  func batch() async throws {
    let server = try Self.tenant()
    defer { server.stop() }
    let claims = Self.claims(issuer: server.baseURL)
    let token = try CLITestTokens.token(claims)
    let result = try await CLIRunner.run(
      Self.arguments(server, ["--batch"]), stdin: [token, token, "", token].joined(separator: "\n") + "\n")
    #expect(result.status == 0, "stderr: \(result.standardError)")
    let valid = #"{"valid":true,"claims":"# + JSONWriter.string(claims) + "}"
    #expect(
      result.standardOutput
        == [valid, valid, #"{"valid":false,"error":"invalid_token","message":"the line is empty"}"#, valid]
        .joined(separator: "\n") + "\n")
    #expect(server.requests == ["GET /.well-known/openid-configuration", "GET /jwks"])
  }

  @Test("opaque tokens are introspected: inactive is exit 1 inactive_token, active gives the claims")
  func introspection() async throws {
    let inactive = try Self.tenant()
    defer { inactive.stop() }
    let client = ["--client-id", "cli-client", "--client-secret", "cli-secret-value"]
    let result = try await CLIRunner.run(Self.arguments(inactive, client + ["opaque-token-value"]))
    CLIOfflineTests.expectRejected(result, code: "inactive_token", token: "opaque-token-value")
    #expect(!result.standardError.contains("cli-secret-value"))
    #expect(inactive.requests.last == "POST /introspect")

    let box = PortBox()
    let active = try CLITestHTTPServer { request in
      let base = "http://127.0.0.1:\(box.port)"
      switch request.path {
      case "/.well-known/openid-configuration":
        return .init(
          status: 200,
          body: #"{"issuer":"\#(base)","jwks_uri":"\#(base)/jwks","introspection_endpoint":"\#(base)/introspect"}"#)
      default:
        return .init(
          status: 200,
          body: #"{"active":true,"iss":"\#(base)","aud":"\#(CLITestTokens.audience)","sub":"u","scope":"read"}"#)
      }
    }
    box.port = active.port
    defer { active.stop() }
    let accepted = try await CLIRunner.run(Self.arguments(active, client + ["opaque-token-value"]))
    #expect(accepted.status == 0, "stderr: \(accepted.standardError)")
    #expect(
      accepted.standardOutput
        == #"{"iss":"\#(active.baseURL)","aud":"\#(CLITestTokens.audience)","sub":"u","scope":"read"}"# + "\n")
  }

  @Test("--introspect sends JWTs to introspection too; an OAuth error from it is exit 3")
  func forcedIntrospection() async throws {
    let server = try Self.tenant()
    defer { server.stop() }
    let token = try CLITestTokens.token(Self.claims(issuer: server.baseURL))
    let client = ["--client-id", "cli-client", "--client-secret", "cli-secret-value"]
    let result = try await CLIRunner.run(Self.arguments(server, client + ["--introspect", token]))
    CLIOfflineTests.expectRejected(result, code: "inactive_token", token: token)
    #expect(server.requests.contains("POST /introspect"))
    #expect(!server.requests.contains("GET /jwks"))

    let box = PortBox()
    let refusing = try CLITestHTTPServer { request in
      let base = "http://127.0.0.1:\(box.port)"
      if request.path == "/.well-known/openid-configuration" {
        return .init(
          status: 200,
          body: #"{"issuer":"\#(base)","jwks_uri":"\#(base)/jwks","introspection_endpoint":"\#(base)/introspect"}"#)
      }
      return .init(status: 401, body: #"{"error":"invalid_client","error_description":"unknown client"}"#)
    }
    box.port = refusing.port
    defer { refusing.stop() }
    let refused = try await CLIRunner.run(Self.arguments(refusing, client + ["opaque-token-value"]))
    #expect(refused.status == 3, "stderr: \(refused.standardError)")
    #expect(refused.standardError.hasPrefix("error: "))
    #expect(
      !refused.standardError.contains("cli-secret-value") && !refused.standardError.contains("opaque-token-value"))
  }

  @Test("an opaque token without --client-id is a configuration error (exit 2)")
  func introspectionNeedsClient() async throws {
    let server = try Self.tenant()
    defer { server.stop() }
    let result = try await CLIRunner.run(Self.arguments(server, ["opaque-token-value"]))
    #expect(result.status == 2, "stderr: \(result.standardError)")
    #expect(!server.requests.contains("POST /introspect"))
  }

  @Test("an unreachable or failing tenant is exit 3, also in --batch")
  func tenantFailure() async throws {
    let token = try CLITestTokens.token()
    let unreachable = try await CLIRunner.run([
      "--tenant-domain", "http://127.0.0.1:1", "--audience", CLITestTokens.audience, token,
    ])
    #expect(unreachable.status == 3, "stderr: \(unreachable.standardError)")
    #expect(unreachable.standardError.hasPrefix("error: "))
    #expect(!unreachable.standardError.contains(token))

    let failing = try Self.tenant(discoveryStatus: 500)
    defer { failing.stop() }
    let result = try await CLIRunner.run(Self.arguments(failing, [token]))
    #expect(result.status == 3, "stderr: \(result.standardError)")
    let batch = try await CLIRunner.run(Self.arguments(failing, ["--batch"]), stdin: token + "\n" + token + "\n")
    #expect(batch.status == 3, "stderr: \(batch.standardError)")
    #expect(batch.standardOutput.isEmpty)
  }
}

/// The server's port, known only after it started; read by its handler.
private final class PortBox: @unchecked Sendable {
  private let lock = NSLock()
  private var value: UInt16 = 0
  var port: UInt16 {
    get { lock.withLock { value } }
    set { lock.withLock { value = newValue } }
  }
}
