import Foundation
import MonoCloudBackend
import NIOConcurrencyHelpers
import NIOSSL

let testAudience = "https://api.example.com"
let testClientID = "resource-server"

/// An OpenID provider made of two TLS servers on loopback, as MonoCloud runs them: the
/// tenant (discovery, JWKS, and a plain introspection endpoint that refuses mutual-TLS
/// clients), and the mutual-TLS alias host that requires a client certificate from the test
/// CA and reports the presented certificate's thumbprint in `cnf.x5t#S256`.
final class MockTenant: Sendable {
  let tenant: TestHTTPServer
  let mutualTLS: TestHTTPServer
  let signingKey: JWK
  /// Requests per "host path" (`tenant/introspect`, `mtls/introspect`, …).
  let hits: NIOLockedValueBox<[String: Int]>

  var issuer: String { tenant.baseURL }

  private init(
    tenant: TestHTTPServer, mutualTLS: TestHTTPServer, signingKey: JWK, hits: NIOLockedValueBox<[String: Int]>
  ) {
    self.tenant = tenant
    self.mutualTLS = mutualTLS
    self.signingKey = signingKey
    self.hits = hits
  }

  /// `discoveryRedirect`: the discovery endpoint answers 302 to that URL instead.
  static func start(pki: TestPKI, discoveryRedirect: String? = nil) async throws -> MockTenant {
    let signingKey = try JWK(importingPrivateKeyFromPEM: pki.clientRSA.privateKeyPEM, keyID: "rsa-1")
    let jwks = "{\"keys\":[\(signingKey.publicKey.jsonString)]}"
    let hits = NIOLockedValueBox([String: Int]())
    let urls = NIOLockedValueBox((tenant: "", mutualTLS: ""))
    let serverKey = try NIOSSLPrivateKey(bytes: Array(pki.server.privateKeyPEM.utf8), format: .pem)
    let serverChain = try NIOSSLCertificate.fromPEMBytes(Array(pki.server.certificatePEM.utf8)).map {
      NIOSSLCertificateSource.certificate($0)
    }
    let tenantTLS = TLSConfiguration.makeServerConfiguration(
      certificateChain: serverChain, privateKey: .privateKey(serverKey))
    var mutualTLSConfiguration = TLSConfiguration.makeServerConfigurationWithMTLS(
      certificateChain: serverChain, privateKey: .privateKey(serverKey),
      trustRoots: .certificates(try NIOSSLCertificate.fromPEMBytes(Array(pki.caPEM.utf8))))

    // BoringSSL servers do not accept Ed25519 client signatures unless asked to.
    mutualTLSConfiguration.verifySignatureAlgorithms = [
      .ecdsaSecp256R1Sha256, .ecdsaSecp384R1Sha384, .rsaPssRsaeSha256, .rsaPssRsaeSha384, .rsaPssRsaeSha512,
      .rsaPkcs1Sha256, .rsaPkcs1Sha384, .rsaPkcs1Sha512, .ed25519,
    ]
    let tenant = try await TestHTTPServer.start(tls: tenantTLS) { request in
      hits.withLockedValue { $0["tenant" + request.path, default: 0] += 1 }
      let (tenantURL, mutualURL) = urls.withLockedValue { ($0.tenant, $0.mutualTLS) }
      switch request.path {
      case "/.well-known/openid-configuration":
        if let discoveryRedirect { return .init(status: 302, headers: [("Location", discoveryRedirect)]) }
        return .json(
          """
          {"issuer":"\(tenantURL)","jwks_uri":"\(tenantURL)/jwks","introspection_endpoint":"\(tenantURL)/introspect",\
          "mtls_endpoint_aliases":{"introspection_endpoint":"\(mutualURL)/introspect"}}
          """)
      case "/jwks":
        return .json(jwks)
      case "/introspect":
        return .json("{\"error\":\"invalid_client\",\"error_description\":\"use the mTLS endpoint\"}", status: 401)
      default:
        return .init(status: 404)
      }
    }
    let mutualTLS = try await TestHTTPServer.start(tls: mutualTLSConfiguration) { request in
      hits.withLockedValue { $0["mtls" + request.path, default: 0] += 1 }
      let tenantURL = urls.withLockedValue { $0.tenant }
      guard request.path == "/introspect" else { return .init(status: 404) }
      guard let der = request.clientCertificateDER, let thumbprint = try? CertificateThumbprint.sha256(derEncoded: der)
      else {
        return .json("{\"error\":\"invalid_client\"}", status: 401)
      }
      guard request.bodyText.contains("client_id=\(testClientID)"), request.bodyText.contains("token=opaque-good")
      else {
        return .json("{\"active\":false}")
      }
      let now = Int64(Date().timeIntervalSince1970)
      return .json(
        """
        {"active":true,"iss":"\(tenantURL)","aud":"\(testAudience)","sub":"user-1","client_id":"\(testClientID)",\
        "scope":"read:orders","iat":\(now),"exp":\(now + 3600),"cnf":{"x5t#S256":"\(thumbprint)"}}
        """)
    }
    urls.withLockedValue { $0 = (tenant.baseURL, mutualTLS.baseURL) }
    return MockTenant(tenant: tenant, mutualTLS: mutualTLS, signingKey: signingKey, hits: hits)
  }

  func stop() async throws {
    try await tenant.stop()
    try await mutualTLS.stop()
  }

  func hitCount(_ key: String) -> Int { hits.withLockedValue { $0[key] ?? 0 } }

  /// An RS256 access token for the API, bound to `certificatePEM` when given.
  func jwt(boundTo certificatePEM: String? = nil) throws -> String {
    let now = Int64(Date().timeIntervalSince1970)
    var claims: JSONObject = [
      "iss": .string(issuer), "aud": .string(testAudience), "sub": "user-1", "scope": "read:orders",
      "iat": .number(JSONNumber(now)), "exp": .number(JSONNumber(now + 3600)),
    ]
    if let certificatePEM {
      claims["cnf"] = .object(["x5t#S256": .string(try CertificateThumbprint.sha256(certificate: certificatePEM))])
    }
    return try JWS.sign(claims: claims, key: signingKey, algorithm: .rs256)
  }

  /// Backend options for this tenant with `tls_client_auth`.
  func options(mutualTLS: Bool = true) -> MonoCloudBackendOptions {
    MonoCloudBackendOptions(
      tenantDomain: issuer, audience: testAudience, clientId: testClientID,
      clientSecret: mutualTLS ? nil : .string("test-secret"),
      clientAuthMethod: mutualTLS ? .tlsClientAuth : .clientSecretBasic)
  }
}
