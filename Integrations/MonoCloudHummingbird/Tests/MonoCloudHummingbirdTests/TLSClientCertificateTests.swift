import HTTPTypes
import Hummingbird
import HummingbirdTLS
import HummingbirdTesting
import MonoCloudBackend
import MonoCloudHummingbird
import NIOCore
import NIOSSL
import Testing

/// The app terminates TLS itself (HummingbirdTLS over NIOSSL) and asks every client for a
/// certificate without requiring one; the middleware takes the certificate for
/// certificate-bound tokens (`cnf.x5t#S256`) from the TLS connection. The `.live` framework
/// runs the server; requests go through HummingbirdTesting's client over TLS, presenting the
/// bound certificate, another one, or none.
@Suite struct TLSClientCertificateTests {
  /// An app with the orders route behind the middleware, served over TLS; `reached` counts
  /// handler runs.
  struct App {
    let pki: TLSTestPKI
    let tenant: InMemoryTenant
    let reached = Counter()

    init() throws {
      pki = try TLSTestPKI.shared.get()
      tenant = try InMemoryTenant()
    }

    func application() throws -> some ApplicationProtocol {
      let router = Router(context: MonoCloudBasicRequestContext.self)
      let reached = self.reached
      router.group("orders")
        .add(middleware: MonoCloudAuthMiddleware(client: try tenant.client(), scopes: ["read:orders"]))
        .get { _, context in
          reached.increment()
          return try context.requireMonoCloudClaims().subject ?? "-"
        }
      var tls = TLSConfiguration.makeServerConfiguration(
        certificateChain: try Self.certificates(pki.server.certificatePEM).map { .certificate($0) },
        privateKey: .privateKey(try Self.privateKey(pki.server.privateKeyPEM)))
      // Ask for a certificate, check it against the CA when one comes, let connections
      // without one through: whether a token needs it is the middleware's decision.
      tls.certificateVerification = .optionalVerification
      tls.trustRoots = .certificates(try Self.certificates(pki.caPEM))
      return Application(router: router, server: try .tls(.http1(), tlsConfiguration: tls))
    }

    /// GET /orders with `token` on a new TLS connection to `port` that presents `identity`.
    func getOrders(port: Int, token: String, presenting identity: TLSTestPKI.Identity?) async throws
      -> TestClient.Response
    {
      var tls = TLSConfiguration.makeClientConfiguration()
      tls.trustRoots = .certificates(try Self.certificates(pki.caPEM))
      if let identity {
        tls.certificateChain = try Self.certificates(identity.certificatePEM).map { .certificate($0) }
        tls.privateKey = .privateKey(try Self.privateKey(identity.privateKeyPEM))
      }
      let client = TestClient(
        host: "localhost", port: port, configuration: .init(tlsConfiguration: tls, serverName: "localhost"))
      client.connect()
      do {
        let response = try await client.execute(
          .init("/orders", method: .get, authority: "localhost", headers: [.authorization: "Bearer \(token)"]))
        try await client.shutdown()
        return response
      } catch {
        try? await client.shutdown()
        throw error
      }
    }

    static func certificates(_ pem: String) throws -> [NIOSSLCertificate] {
      try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
    }

    static func privateKey(_ pem: String) throws -> NIOSSLPrivateKey {
      try NIOSSLPrivateKey(bytes: Array(pem.utf8), format: .pem)
    }
  }

  static func isInvalidToken(_ response: TestClient.Response) -> Bool {
    response.headers[.wwwAuthenticate]?.hasPrefix("Bearer error=\"invalid_token\"") == true
  }

  @Test func boundTokenPassesOnlyWithTheMatchingConnectionCertificate() async throws {
    let app = try App()
    let token = try app.tenant.jwt(boundTo: app.pki.boundClient.certificatePEM)
    try await app.application().test(.live) { client in
      let port = try #require(client.port)

      let matching = try await app.getOrders(port: port, token: token, presenting: app.pki.boundClient)
      #expect(matching.status == .ok)
      #expect(matching.body.map { String(buffer: $0) } == "user-1")

      let other = try await app.getOrders(port: port, token: token, presenting: app.pki.otherClient)
      #expect(other.status == .unauthorized)
      #expect(Self.isInvalidToken(other))

      let none = try await app.getOrders(port: port, token: token, presenting: nil)
      #expect(none.status == .unauthorized)
      #expect(Self.isInvalidToken(none))
      for refusal in [other, none] {
        #expect(refusal.body.map { String(buffer: $0).contains(token) } != true)
      }
    }
    #expect(app.reached.value == 1)
  }

  /// The refusals above come from the middleware, not from TLS: the same connections serve an
  /// unbound token whatever certificate they present.
  @Test func unboundTokenPassesWithAnyOrNoCertificate() async throws {
    let app = try App()
    let token = try app.tenant.jwt()
    try await app.application().test(.live) { client in
      let port = try #require(client.port)
      for identity in [app.pki.boundClient, app.pki.otherClient, nil] {
        let response = try await app.getOrders(port: port, token: token, presenting: identity)
        #expect(response.status == .ok)
      }
    }
    #expect(app.reached.value == 3)
  }
}
