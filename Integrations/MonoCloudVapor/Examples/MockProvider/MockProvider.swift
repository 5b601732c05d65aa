import Foundation
import MonoCloudJOSE
import NIOConcurrencyHelpers
import NIOCore

/// A mock OpenID provider on loopback: discovery, a JWKS of three keys (RS256, ES256, EdDSA)
/// and an introspection endpoint that knows the opaque tokens issued through it. It can be
/// switched "down" (every endpoint answers 503 with `Retry-After`), and it counts requests.
public final class MockProvider: Sendable {
  /// The audience of the API the tokens are for.
  public static let audience = "https://api.example.com"
  /// The resource server's client credentials at the introspection endpoint.
  public static let clientID = "resource-server"
  public static let clientSecret = "resource-secret"
  /// The `Retry-After` the provider sends while it is down.
  public static let downRetryAfterSeconds = 7

  /// The issuer, which is also the tenant domain (`http://127.0.0.1:PORT`).
  public let issuer: String
  private let server: MockHTTPServer
  private let keys: [String: JWK]
  private let state: NIOLockedValueBox<State>

  private struct State {
    var isDown = false
    var opaqueTokens: [String: JSONObject] = [:]
    var hits: [String: Int] = [:]
    var nextOpaqueToken = 1
  }

  private init(issuer: String, server: MockHTTPServer, keys: [String: JWK], state: NIOLockedValueBox<State>) {
    self.issuer = issuer
    self.server = server
    self.keys = keys
    self.state = state
  }

  /// Starts the provider on `host` and `port` (0: the OS picks a free one).
  public static func start(host: String = "127.0.0.1", port: Int = 0) async throws -> MockProvider {
    let keys: [String: JWK] = [
      "RS256": try JWK(pemEncoded: MockProviderKeys.rsaPEM, keyID: "rsa-1"),
      "ES256": try JWK(pemEncoded: MockProviderKeys.ecP256PEM, keyID: "ec-1"),
      "EdDSA": try JWK(pemEncoded: MockProviderKeys.ed25519PEM, keyID: "ed-1"),
    ]
    let jwks = "{\"keys\":[" + keys.values.map { $0.publicKey.jsonString }.sorted().joined(separator: ",") + "]}"
    let state = NIOLockedValueBox(State())
    let issuerBox = NIOLockedValueBox("")
    let server = try await MockHTTPServer.start(host: host, port: port) { request in
      let (isDown, issuer) = (state.withLockedValue { $0.isDown }, issuerBox.withLockedValue { $0 })
      state.withLockedValue { $0.hits[request.path, default: 0] += 1 }
      if isDown {
        return .init(status: 503, headers: [("Retry-After", "\(downRetryAfterSeconds)")], body: [])
      }
      switch request.path {
      case "/.well-known/openid-configuration":
        return .json(
          "{\"issuer\":\"\(issuer)\",\"jwks_uri\":\"\(issuer)/jwks\",\"introspection_endpoint\":\"\(issuer)/introspect\"}"
        )
      case "/jwks":
        return .json(jwks)
      case "/introspect":
        return introspect(request.body, state: state)
      default:
        return .init(status: 404, headers: [], body: [])
      }
    }
    let issuer = "http://\(host):\(server.port)"
    issuerBox.withLockedValue { $0 = issuer }
    return MockProvider(issuer: issuer, server: server, keys: keys, state: state)
  }

  /// Stops listening (connections already open are left to their clients); stopping twice is fine.
  public func stop() async throws {
    do { try await server.stop() } catch ChannelError.alreadyClosed {}
  }

  /// The port the provider listens on.
  public var port: Int { server.port }

  /// While down, every endpoint answers 503 with `Retry-After`.
  public func setDown(_ down: Bool) {
    state.withLockedValue { $0.isDown = down }
  }

  /// Requests received on `path` so far.
  public func hitCount(_ path: String) -> Int {
    state.withLockedValue { $0.hits[path] ?? 0 }
  }

  /// Claims of a token for the API: this issuer, the audience, `sub`, `scope`, `groups`,
  /// `iat` now and `exp` in `expiresIn` seconds (negative: already expired).
  public func claims(
    subject: String = "user-1", scopes: [String] = ["read:orders"], groups: [String] = [],
    expiresIn: Int64 = 3600, audience: String = MockProvider.audience, issuer: String? = nil
  ) -> JSONObject {
    let now = Int64(Date().timeIntervalSince1970)
    var claims: JSONObject = [
      "iss": .string(issuer ?? self.issuer), "aud": .string(audience), "sub": .string(subject),
      "iat": .number(JSONNumber(now)), "exp": .number(JSONNumber(now + expiresIn)),
    ]
    if !scopes.isEmpty { claims["scope"] = .string(scopes.joined(separator: " ")) }
    if !groups.isEmpty { claims["groups"] = .array(groups.map { .string($0) }) }
    return claims
  }

  /// A JWT of `claims` signed with the provider's key for `algorithm` (`RS256`, `ES256` or `EdDSA`).
  public func jwt(_ claims: JSONObject, algorithm: JWSAlgorithm = .rs256) throws -> String {
    guard let key = keys[algorithm.name] else {
      throw JOSEError(.invalidKey, "the mock provider has no key for this algorithm")
    }
    return try JWS.sign(claims: claims, key: key, algorithm: algorithm)
  }

  /// A new opaque token that introspection answers with `claims` (and `active: true`).
  public func opaqueToken(_ claims: JSONObject) -> String {
    state.withLockedValue { state in
      let token = "opaque-\(state.nextOpaqueToken)-token"
      state.nextOpaqueToken += 1
      state.opaqueTokens[token] = claims
      return token
    }
  }

  /// RFC 7662: the form's `token`, authenticated with HTTP Basic (not checked further here:
  /// the core's client authentication has its own tests). Unknown tokens are inactive.
  private static func introspect(_ body: [UInt8], state: NIOLockedValueBox<State>) -> MockHTTPServer.Response {
    let form = String(decoding: body, as: UTF8.self)
    let token = form.split(separator: "&").first { $0.hasPrefix("token=") }.map { String($0.dropFirst(6)) }
    guard let token, let claims = state.withLockedValue({ $0.opaqueTokens[token] }) else {
      return .json("{\"active\":false}")
    }
    var answer: JSONObject = ["active": true]
    for member in claims.members { answer[member.key] = member.value }
    return .json(answer.jsonString)
  }
}
