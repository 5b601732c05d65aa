import MonoCloudBackend
import MonoCloudCrypto
import MonoCloudJOSE
import Synchronization
import Testing

let tenantURL = "https://tenant.example.com"
let audience = "https://api.example.com"

/// An in-process tenant behind an injected fetcher: discovery, JWKS (public parts of fixed
/// RSA keys) and introspection. Records every request.
final class FakeTenant: Sendable {
  struct State {
    var keys: [String: JWK] = ["k1": TestKeys.jwk(TestKeys.rsa, kid: "k1")]
    var introspection: [String: JSONObject] = [:]
    var introspectionStatus = 200
    var introspectionBody: String?
    var retryAfter: String?
    var down = false
    var delayMilliseconds = 0
    var requests: [HTTPRequest] = []
    var discoveryIssuer = tenantURL
    var contentType = "application/json; charset=utf-8"
  }

  let state = Mutex(State())

  var requests: [HTTPRequest] { state.withLock { $0.requests } }
  func count(_ path: String) -> Int { requests.filter { $0.url.hasSuffix(path) }.count }
  var discoveryCount: Int { count("/.well-known/openid-configuration") }
  var jwksCount: Int { count("/jwks") }
  var introspectionCount: Int { count("/introspect") }

  var fetcher: Fetcher {
    Fetcher { request in try await self.handle(request) }
  }

  func handle(_ request: HTTPRequest) async throws -> HTTPResponse {
    let (delay, down) = state.withLock { state -> (Int, Bool) in
      state.requests.append(request)
      return (state.delayMilliseconds, state.down)
    }
    if delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
    if down { throw FetchError.network("connection refused") }
    return state.withLock { state in
      var json = [("Content-Type", state.contentType)]
      if let retryAfter = state.retryAfter { json.append(("Retry-After", retryAfter)) }
      switch request.url {
      case tenantURL + "/.well-known/openid-configuration":
        let document: JSONObject = [
          "issuer": .string(state.discoveryIssuer), "jwks_uri": .string(tenantURL + "/jwks"),
          "introspection_endpoint": .string(tenantURL + "/introspect"),
          "mtls_endpoint_aliases": ["introspection_endpoint": "https://mtls.tenant.example.com/introspect"],
        ]
        return HTTPResponse(status: 200, headers: json, body: JSONWriter.bytes(document))
      case tenantURL + "/jwks":
        let keys = state.keys.sorted { $0.key < $1.key }.map { JSONValue.object($0.value.publicKey.jsonObject()) }
        return HTTPResponse(status: 200, headers: json, body: JSONWriter.bytes(["keys": .array(keys)] as JSONObject))
      case tenantURL + "/introspect", "https://mtls.tenant.example.com/introspect":
        if let body = state.introspectionBody {
          return HTTPResponse(status: state.introspectionStatus, headers: json, body: Array(body.utf8))
        }
        let token = formField(request.body, "token") ?? ""
        let response = state.introspection[token] ?? ["active": false]
        return HTTPResponse(status: state.introspectionStatus, headers: json, body: JSONWriter.bytes(response))
      default:
        return HTTPResponse(status: 404)
      }
    }
  }

  /// An RS256 token signed with the tenant's key `kid` (or, for a kid it lacks, another key).
  func mint(kid: String = "k1", claims: JSONObject) -> String {
    let key = state.withLock { $0.keys[kid] } ?? TestKeys.jwk(TestKeys.rsa2, kid: kid)
    return rs256(claims, key: key)
  }
}

func rs256(_ claims: JSONObject, key: JWK) -> String {
  (try? JWS.sign(claims: claims, key: key, algorithm: .rs256)) ?? "signing-failed"
}

extension TestKeys {
  /// Imported once per key and kid: importing checks the private key (big-integer work that
  /// takes most of a second in a debug build), and nearly every test builds a tenant.
  private static let imported = Mutex<[String: JWK]>([:])

  static func jwk(_ pem: String, kid: String) -> JWK {
    let name = kid + "\n" + pem
    if let key = imported.withLock({ $0[name] }) { return key }
    let key = try! JWK(importingPrivateKeyFromPEM: pem, keyID: kid)
    imported.withLock { $0[name] = key }
    return key
  }
}

func formField(_ body: [UInt8], _ name: String) -> String? {
  for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
    let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    if parts.count == 2, parts[0] == name { return formDecode(String(parts[1])) }
  }
  return nil
}

func formDecode(_ text: String) -> String {
  var out: [UInt8] = []
  var bytes = Array(text.utf8)[...]
  while let byte = bytes.popFirst() {
    if byte == UInt8(ascii: "%"), bytes.count >= 2,
      let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16)
    {
      out.append(value)
      bytes = bytes.dropFirst(2)
    } else {
      out.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
    }
  }
  return String(decoding: out, as: UTF8.self)
}

struct Harness {
  let tenant = FakeTenant()
  let clock = ManualClock()
  let events = Recorder<MonoCloudEvent>()
  var options = MonoCloudBackendOptions(tenantDomain: "tenant.example.com/", audience: audience)

  init(configure: (inout MonoCloudBackendOptions) -> Void = { _ in }) {
    options.clientId = "client-1"
    options.clientSecret = .string("secret-1")
    options.fetcher = tenant.fetcher
    options.clock = clock.clock
    let events = events
    options.onEvent = { events.append($0) }
    configure(&options)
  }

  func client(environment: [String: String] = [:]) throws(MonoCloudError) -> MonoCloudBackendClient {
    try MonoCloudBackendClient(options: options, environment: environment)
  }

  func claims(_ extra: JSONObject = [:], lifetime: Int64 = 3600) -> JSONObject {
    var claims: JSONObject = [
      "iss": .string(tenantURL), "aud": .string(audience), "sub": "user-1",
      "exp": .number(JSONNumber(clock.nowSeconds + lifetime)), "iat": .number(JSONNumber(clock.nowSeconds)),
      "scope": "read write",
    ]
    for member in extra.members { claims[member.key] = member.value }
    return claims
  }

  func activeIntrospection(_ token: String, _ extra: JSONObject = [:], lifetime: Int64 = 3600) {
    var response = claims(extra, lifetime: lifetime)
    response["active"] = true
    tenant.state.withLock { $0.introspection[token] = response }
  }
}

func expectError(
  _ kind: MonoCloudError.Kind, sourceLocation: SourceLocation = #_sourceLocation,
  _ body: () async throws(MonoCloudError) -> Void
) async {
  do throws(MonoCloudError) {
    try await body()
    Issue.record("no error; expected \(kind)", sourceLocation: sourceLocation)
  } catch {
    #expect(error.kind == kind, sourceLocation: sourceLocation)
  }
}
