import MonoCloudBackend
import Synchronization

/// A tenant served from memory through a `Fetcher` closure: discovery, a JWKS with one
/// P-256 key, and introspection of registered opaque tokens. `down` makes every request fail
/// as the network would.
final class InMemoryTenant: Sendable {
  static let issuer = "https://tenant.example.com"
  static let audience = "https://api.example.com"

  /// Test-only key (made with openssl genpkey for these tests).
  static let signingKeyPEM = """
    -----BEGIN PRIVATE KEY-----
    MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgi18DffcV04K/XlDR
    NvKt2VUa/Aoavaa58upaeqDd3PShRANCAATVMpAQnoSGJuTZhy7yBnqH2lHbMeQ+
    SCu4wKrZNvckpC/5rj92xJEeI6VAGDM274WOrDHmRUJJH4GNA1pWIgfh
    -----END PRIVATE KEY-----
    """
  /// Test-only self-signed certificates (openssl req -x509), for certificate-bound tokens.
  static let boundCertificatePEM = """
    -----BEGIN CERTIFICATE-----
    MIIBhDCCASmgAwIBAgIUG6SeS3VdnavRA2fJAaIbmPF7P0AwCgYIKoZIzj0EAwIw
    FzEVMBMGA1UEAwwMYm91bmQtY2xpZW50MB4XDTI2MTIwNjIxNTUzMFoXDTM2MTIw
    MzIxNTUzMFowFzEVMBMGA1UEAwwMYm91bmQtY2xpZW50MFkwEwYHKoZIzj0CAQYI
    KoZIzj0DAQcDQgAEXAMWV4RvREqS0JLJN5wJ2lxrul+wNiC7cww6YkIIsTfTZN+C
    fhDDcckYXlZEvu044G05VbdU8aDbXjm5i55vMKNTMFEwHQYDVR0OBBYEFKnJsDdD
    FiqQROtKEH2jYUOf6hevMB8GA1UdIwQYMBaAFKnJsDdDFiqQROtKEH2jYUOf6hev
    MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIhAIiruijnIi4zDUSl
    kizsqym0w8prYBanHhazhTFB7sXpAiEA464kscJgT0rSltrT1wBtFOqlz+wCB4Cx
    cVEO7Qhj4u4=
    -----END CERTIFICATE-----
    """
  static let otherCertificatePEM = """
    -----BEGIN CERTIFICATE-----
    MIIBgzCCASmgAwIBAgIUMP3ujl1HyLLsB6BsOX77AvHI7VIwCgYIKoZIzj0EAwIw
    FzEVMBMGA1UEAwwMb3RoZXItY2xpZW50MB4XDTI2MTIwNjIxNTUzMFoXDTM2MTIw
    MzIxNTUzMFowFzEVMBMGA1UEAwwMb3RoZXItY2xpZW50MFkwEwYHKoZIzj0CAQYI
    KoZIzj0DAQcDQgAEsKl+SARsQKdzSfstZEouN2VFIlvFmUudA+ZqYqnhPSFWFcmS
    s0o9uNX+1XRI1mpC+G13UvBuIu8RQ2iSecrsfKNTMFEwHQYDVR0OBBYEFG10zthc
    y1EwTcJ/RPqG/scdAYj+MB8GA1UdIwQYMBaAFG10zthcy1EwTcJ/RPqG/scdAYj+
    MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIhAODwK+qGvS9qewdW
    FKo+EkxUr3DTORiljs9Ne83RTGBXAiBCSgaDyiE4FnrZYIjhyYwcrmeaENS9yd+B
    7Jl4HuRHSQ==
    -----END CERTIFICATE-----
    """

  let signingKey: JWK
  let state = Mutex(State())

  struct State {
    var down = false
    var introspection: [String: String] = [:]
    var requests = 0
  }

  init() throws {
    signingKey = try JWK(importingPrivateKeyFromPEM: Self.signingKeyPEM, keyID: "k1")
  }

  var fetcher: Fetcher {
    let jwks = "{\"keys\":[\(signingKey.publicKey.jsonString)]}"
    return Fetcher { [self] request in
      let (down, introspection) = self.state.withLock {
        $0.requests += 1
        return ($0.down, $0.introspection)
      }
      if down { throw FetchError.network("connection refused") }
      func json(_ text: String) -> MonoCloudBackend.HTTPResponse {
        .init(status: 200, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
      }
      switch request.url {
      case Self.issuer + "/.well-known/openid-configuration":
        return json(
          "{\"issuer\":\"\(Self.issuer)\",\"jwks_uri\":\"\(Self.issuer)/jwks\",\"introspection_endpoint\":\"\(Self.issuer)/introspect\"}"
        )
      case Self.issuer + "/jwks":
        return json(jwks)
      case Self.issuer + "/introspect":
        let body = String(decoding: request.body, as: UTF8.self)
        let token = body.split(separator: "&").first { $0.hasPrefix("token=") }.map { String($0.dropFirst(6)) } ?? ""
        return json(introspection[token] ?? "{\"active\":false}")
      default:
        return .init(status: 404)
      }
    }
  }

  func client(clientId: String? = "resource-server", matchAll: Bool = false) throws -> MonoCloudBackendClient {
    var options = MonoCloudBackendOptions(tenantDomain: Self.issuer, audience: Self.audience, clientId: clientId)
    if clientId != nil { options.clientSecret = .string("test-secret") }
    options.policy.groupsMatchAll = matchAll
    options.fetcher = fetcher
    return try MonoCloudBackendClient(options: options, environment: [:])
  }

  static var now: Int64 { MonoCloudClock.system.unixTimeSeconds }

  func jwt(scope: String = "read:orders", groups: [String] = [], boundTo certificatePEM: String? = nil) throws -> String
  {
    var claims: JSONObject = [
      "iss": .string(Self.issuer), "aud": .string(Self.audience), "sub": "user-1", "scope": .string(scope),
      "iat": .number(JSONNumber(Self.now)), "exp": .number(JSONNumber(Self.now + 3600)),
    ]
    if !groups.isEmpty { claims["groups"] = .array(groups.map { .string($0) }) }
    if let certificatePEM {
      claims["cnf"] = .object(["x5t#S256": .string(try CertificateThumbprint.sha256(certificate: certificatePEM))])
    }
    return try JWS.sign(claims: claims, key: signingKey, algorithm: .es256)
  }

  func registerOpaque(_ token: String, scope: String) {
    let exp = Self.now + 3600
    state.withLock {
      $0.introspection[token] =
        "{\"active\":true,\"iss\":\"\(Self.issuer)\",\"aud\":\"\(Self.audience)\",\"sub\":\"user-2\",\"scope\":\"\(scope)\",\"exp\":\(exp)}"
    }
  }
}
