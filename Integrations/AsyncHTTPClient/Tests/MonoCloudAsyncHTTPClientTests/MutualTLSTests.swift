import MonoCloudAsyncHTTPClient
import MonoCloudBackend
import Testing

/// Mutual TLS end to end: the fetcher presents the client certificate to a loopback TLS
/// server that requires one, and the backend client checks the binding it reports. (The
/// URLSession fetcher cannot present a certificate on Linux, so these fail with it.)
@Suite struct MutualTLSTests {
  /// A backend client on an `AsyncHTTPClientFetcher` trusting the test CA, with `identity`.
  func withClient(
    _ tenant: MockTenant, identity: ClientIdentity?, trust: TrustRoots? = nil, mutualTLS: Bool = true,
    _ body: (MonoCloudBackendClient) async throws -> Void
  ) async throws {
    let pki = try TestPKI.shared.get()
    let configuration = AsyncHTTPClientFetcher.Configuration(
      trustRoots: trust ?? .pemBundle(pki.caPEM), clientIdentity: identity)
    try await withAsyncHTTPClientFetcher(configuration: configuration) { fetcher in
      var options = tenant.options(mutualTLS: mutualTLS)
      options.fetcher = fetcher.fetcher
      try await body(try MonoCloudBackendClient(options: options, environment: [:]))
    }
  }

  static let keyKinds = ["RSA PKCS#8", "RSA PKCS#1", "P-256 PKCS#8", "P-256 SEC1", "P-384 SEC1", "Ed25519 PKCS#8"]

  static func identity(_ kind: String, _ pki: TestPKI) -> (ClientIdentity, certificatePEM: String) {
    let (source, traditional): (TestPKI.Identity, Bool) =
      switch kind {
      case "RSA PKCS#8": (pki.clientRSA, false)
      case "RSA PKCS#1": (pki.clientRSA, true)
      case "P-256 PKCS#8": (pki.clientP256, false)
      case "P-256 SEC1": (pki.clientP256, true)
      case "P-384 SEC1": (pki.clientP384, true)
      default: (pki.clientEd25519, false)
      }
    let key = traditional ? source.traditionalPrivateKeyPEM : source.privateKeyPEM
    return (ClientIdentity(certificateChainPEM: source.certificatePEM, privateKeyPEM: key), source.certificatePEM)
  }

  @Test(arguments: MutualTLSTests.keyKinds)
  func tlsClientAuthIntrospectionSucceedsAtTheAliasEndpoint(kind: String) async throws {
    let pki = try TestPKI.shared.get()
    let tenant = try await MockTenant.start(pki: pki)
    let (identity, certificatePEM) = Self.identity(kind, pki)
    try await withClient(tenant, identity: identity) { client in
      let claims = try await client.introspectAccessToken("opaque-good", clientCertificate: certificatePEM)
      #expect(claims.subject == "user-1")
      let bound = claims["cnf"]?.objectValue?["x5t#S256"]?.stringValue
      #expect(bound == (try CertificateThumbprint.sha256(certificate: certificatePEM)))
    }
    #expect(tenant.hitCount("mtls/introspect") == 1)
    #expect(tenant.hitCount("tenant/introspect") == 0)
    try await tenant.stop()
  }

  @Test func theCertificateTravelsOnlyOnMutualTLSRequests() async throws {
    let pki = try TestPKI.shared.get()
    let presented = NIOLockedCertificates()
    let server = try await TestHTTPServer.start(tls: try MutualTLSFixtures.optionalClientCertificateServer(pki)) {
      request in
      presented.append(request.path, request.clientCertificateDER != nil)
      return .json("{}")
    }
    let (identity, _) = Self.identity("P-256 SEC1", pki)
    try await withAsyncHTTPClientFetcher(
      configuration: .init(trustRoots: .pemBundle(pki.caPEM), clientIdentity: identity)
    ) { fetcher in
      _ = try await fetcher.fetch(HTTPRequest(method: "GET", url: server.baseURL + "/plain"))
      _ = try await fetcher.fetch(
        HTTPRequest(method: "POST", url: server.baseURL + "/mutual", requiresClientCertificate: true))
      _ = try await fetcher.fetch(HTTPRequest(method: "GET", url: server.baseURL + "/plain-again"))
    }
    #expect(presented.all == [("/plain", false), ("/mutual", true), ("/plain-again", false)].map { "\($0.0)=\($0.1)" })
    try await server.stop()
  }

  @Test func theServerRefusesAConnectionWithoutCertificate() async throws {
    let pki = try TestPKI.shared.get()
    let tenant = try await MockTenant.start(pki: pki)
    try await withAsyncHTTPClientFetcher(configuration: .init(trustRoots: .pemBundle(pki.caPEM))) { fetcher in
      let error = await #expect(throws: FetchError.self) {
        try await fetcher.fetch(
          HTTPRequest(
            method: "POST", url: tenant.mutualTLS.baseURL + "/introspect",
            body: Array("token=opaque-good&client_id=\(testClientID)".utf8)))
      }
      if case .network = error {} else { Issue.record("expected a network error, got \(String(describing: error))") }
    }
    #expect(tenant.hitCount("mtls/introspect") == 0)
    try await tenant.stop()
  }

  @Test func noCertificateFailsClearly() async throws {
    let pki = try TestPKI.shared.get()
    let tenant = try await MockTenant.start(pki: pki)
    try await withClient(tenant, identity: nil) { client in
      let error = await #expect(throws: MonoCloudError.self) {
        _ = try await client.introspectAccessToken("opaque-good")
      }
      #expect(error?.kind == .http(.network))
      #expect(error?.reason.contains("client certificate") == true)
    }
    #expect(tenant.hitCount("mtls/introspect") == 0)
    try await tenant.stop()
  }

  @Test func certificateTheServerRejectsFailsAsNetworkError() async throws {
    let pki = try TestPKI.shared.get()
    let tenant = try await MockTenant.start(pki: pki)
    let stranger = ClientIdentity(
      certificateChainPEM: pki.stranger.certificatePEM, privateKeyPEM: pki.stranger.privateKeyPEM)
    try await withClient(tenant, identity: stranger) { client in
      let error = await #expect(throws: MonoCloudError.self) {
        _ = try await client.introspectAccessToken("opaque-good")
      }
      #expect(error?.kind == .http(.network))
      #expect(error?.reason.contains("opaque-good") == false)
      // 503 with Retry-After for a middleware: the OP cannot be used right now.
      if let error { #expect(AuthorizationOutcome.failure(error).status == 503) }
    }
    #expect(tenant.hitCount("mtls/introspect") == 0)
    try await tenant.stop()
  }

  @Test func boundIntrospectedTokenNeedsTheMatchingCertificate() async throws {
    let pki = try TestPKI.shared.get()
    let tenant = try await MockTenant.start(pki: pki)
    let (identity, certificatePEM) = Self.identity("P-384 SEC1", pki)
    try await withClient(tenant, identity: identity) { client in
      let claims = try await client.validateAccessToken("opaque-good", clientCertificate: certificatePEM)
      #expect(claims.subject == "user-1")
      // The cached introspection answer is checked again for each presented certificate.
      await expectInvalidToken { try await client.validateAccessToken("opaque-good", clientCertificate: nil) }
      await expectInvalidToken {
        try await client.validateAccessToken("opaque-good", clientCertificate: pki.clientRSA.certificatePEM)
      }
      let outcome = await client.authorize(
        authorizationHeader: "Bearer opaque-good", clientCertificate: pki.stranger.certificatePEM)
      #expect(outcome.status == 401)
    }
    #expect(tenant.hitCount("mtls/introspect") == 1)
    try await tenant.stop()
  }

  @Test func boundJWTOverHTTPSNeedsTheMatchingCertificate() async throws {
    let pki = try TestPKI.shared.get()
    let tenant = try await MockTenant.start(pki: pki)
    let token = try tenant.jwt(boundTo: pki.clientEd25519.certificatePEM)
    try await withClient(tenant, identity: nil, mutualTLS: false) { client in
      let claims = try await client.validateAccessToken(token, clientCertificate: pki.clientEd25519.certificatePEM)
      #expect(claims.subject == "user-1")
      await expectInvalidToken {
        try await client.validateAccessToken(token, clientCertificate: pki.clientP256.certificatePEM)
      }
    }
    #expect(tenant.hitCount("tenant/jwks") == 1)
    try await tenant.stop()
  }

  @Test func customTrustBundleIsTheOnlyTrust() async throws {
    let pki = try TestPKI.shared.get()
    let tenant = try await MockTenant.start(pki: pki)
    let token = try tenant.jwt()
    try await withClient(tenant, identity: nil, mutualTLS: false) { client in
      let claims = try await client.validateAccessToken(token)
      #expect(claims.subject == "user-1")
    }
    for untrusted in [TrustRoots.pemBundle(pki.otherCAPEM), .system] {
      try await withClient(tenant, identity: nil, trust: untrusted, mutualTLS: false) { client in
        let error = await #expect(throws: MonoCloudError.self) { _ = try await client.validateAccessToken(token) }
        #expect(error?.kind == .http(.network))
      }
    }
    #expect(tenant.hitCount("tenant/jwks") == 1)
    try await tenant.stop()
  }

  @Test func discoveryRedirectToAnotherHostIsRefused() async throws {
    let pki = try TestPKI.shared.get()
    let elsewhere = try await MockTenant.start(pki: pki)
    let tenant = try await MockTenant.start(
      pki: pki, discoveryRedirect: elsewhere.tenant.baseURL + "/.well-known/openid-configuration")
    let token = try tenant.jwt()
    try await withClient(tenant, identity: nil, mutualTLS: false) { client in
      let error = await #expect(throws: MonoCloudError.self) { _ = try await client.validateAccessToken(token) }
      #expect(error?.kind == .http(.redirectRefused))
    }
    #expect(elsewhere.hitCount("tenant/.well-known/openid-configuration") == 0)
    try await elsewhere.stop()
    try await tenant.stop()
  }
}

func expectInvalidToken(
  sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> TokenClaims
) async {
  do {
    _ = try await body()
    Issue.record("validated; expected invalid_token", sourceLocation: sourceLocation)
  } catch let error as MonoCloudError {
    #expect(error.kind == .token(.invalidToken), sourceLocation: sourceLocation)
  } catch {
    Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
  }
}
