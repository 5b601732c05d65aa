import MonoCloudBackend
import MonoCloudJOSE
import Synchronization
import Testing

/// `spiffe_jwt` (a JWT-SVID as the client assertion) and `spiffe_x509` (mutual TLS with an
/// X.509-SVID): the exact form bodies and the mutual-TLS marking.
@Suite struct SPIFFEClientAuthenticationTests {
  /// A JWT-SVID as the workload would get it (only its shape matters to the client).
  static let svid = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJzcGlmZmU6Ly9leGFtcGxlLm9yZy93b3JrbG9hZCJ9.c2lnbmF0dXJl"
  static let spiffeAssertionType = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-spiffe"

  static func expectedJWTBody(_ svid: String, token: String = "tok") -> String {
    "token=\(token)&token_type_hint=access_token&client_id=client-1&client_assertion_type=\(spiffeAssertionType)"
      + "&client_assertion=\(svid)"
  }

  func introspect(
    _ tokens: [String] = ["tok"], environment: [String: String] = [:],
    _ configure: @escaping (inout MonoCloudBackendOptions) -> Void
  ) async throws -> (requests: [HTTPRequest], harness: Harness) {
    let harness = Harness(configure: configure)
    let client = try harness.client(environment: environment)
    for token in tokens {
      harness.activeIntrospection(token)
      #expect(try await client.validateAccessToken(token).subject == "user-1")
    }
    return (harness.tenant.requests.filter { $0.url.hasSuffix("/introspect") }, harness)
  }

  @Test func spiffeJWTSendsTheSVIDAsAJWTSPIFFEAssertion() async throws {
    let (requests, _) = try await introspect {
      $0.clientAuthMethod = .spiffeJWT
      $0.clientSecret = nil
      $0.spiffeJWTSVID = Self.svid
    }
    let request = try #require(requests.first)
    #expect(requests.count == 1)
    #expect(String(decoding: request.body, as: UTF8.self) == Self.expectedJWTBody(Self.svid))
    #expect(request.url == tenantURL + "/introspect")
    #expect(!request.requiresClientCertificate)
    #expect(request.header("Authorization") == nil)
  }

  @Test func theSVIDCanComeFromTheVariable() async throws {
    let environment = [
      "MONOCLOUD_BACKEND_CLIENT_AUTH_METHOD": "spiffe_jwt", "MONOCLOUD_BACKEND_SPIFFE_JWT_SVID": Self.svid,
    ]
    let (requests, _) = try await introspect(environment: environment) { $0.clientSecret = nil }
    #expect(requests.map { String(decoding: $0.body, as: UTF8.self) } == [Self.expectedJWTBody(Self.svid)])
  }

  @Test func theProviderIsAskedForEachRequestAndWinsOverTheFixedSVID() async throws {
    let calls = Mutex(0)
    let (requests, _) = try await introspect(["tok-a", "tok-b"]) {
      $0.clientAuthMethod = .spiffeJWT
      $0.clientSecret = nil
      $0.spiffeJWTSVID = Self.svid
      $0.spiffeJWTSVIDProvider = {
        let call = calls.withLock {
          $0 += 1
          return $0
        }
        return "eyJhbGciOiJFUzI1NiJ9.eyJuIjo\(call)fQ.c2ln"
      }
    }
    #expect(calls.withLock { $0 } == 2)
    #expect(
      requests.map { String(decoding: $0.body, as: UTF8.self) } == [
        Self.expectedJWTBody("eyJhbGciOiJFUzI1NiJ9.eyJuIjo1fQ.c2ln", token: "tok-a"),
        Self.expectedJWTBody("eyJhbGciOiJFUzI1NiJ9.eyJuIjo2fQ.c2ln", token: "tok-b"),
      ])
  }

  struct WorkloadAPIDown: Error {}

  @Test func aFailingProviderIsAClearErrorAndNothingIsSent() async throws {
    let harness = Harness {
      $0.clientAuthMethod = .spiffeJWT
      $0.clientSecret = nil
      $0.spiffeJWTSVIDProvider = { throw WorkloadAPIDown() }
    }
    let client = try harness.client()
    do throws(MonoCloudError) {
      _ = try await client.validateAccessToken("tok")
      Issue.record("accepted")
    } catch {
      #expect(error.kind == .http(.network))
      #expect(error.reason == "spiffeJWTSVIDProvider failed: no JWT-SVID for spiffe_jwt")
    }
    #expect(harness.tenant.introspectionCount == 0)
    #expect(await client.authorize(authorizationHeader: "Bearer tok").status == 503)
  }

  @Test func aMonoCloudErrorFromTheProviderIsKept() async throws {
    let harness = Harness {
      $0.clientAuthMethod = .spiffeJWT
      $0.clientSecret = nil
      $0.spiffeJWTSVIDProvider = { throw MonoCloudError.configuration(["no SPIFFE socket"]) }
    }
    let client = try harness.client()
    await expectError(.configuration(["no SPIFFE socket"])) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken("tok")
    }
    #expect(harness.tenant.introspectionCount == 0)
  }

  @Test(arguments: ["", "  ", "not-a-jwt", "a.b", "a..c", "a.b.c.d"])
  func anSVIDThatIsNotACompactJWTIsRefusedBeforeSending(svid: String) async throws {
    let harness = Harness {
      $0.clientAuthMethod = .spiffeJWT
      $0.clientSecret = nil
      $0.spiffeJWTSVIDProvider = { svid }
    }
    let client = try harness.client()
    await expectError(.configuration(["the JWT-SVID for spiffe_jwt is not a compact JWT"])) {
      () async throws(MonoCloudError) in _ = try await client.validateAccessToken("tok")
    }
    #expect(harness.tenant.introspectionCount == 0)
  }

  @Test func spiffeJWTWithoutAnSVIDIsAConfigurationError() {
    var options = MonoCloudBackendOptions(tenantDomain: "t.example.com", audience: "a", clientId: "c")
    options.clientAuthMethod = .spiffeJWT
    do {
      _ = try MonoCloudBackendOptions.resolve(overrides: options, environment: [:])
      Issue.record("accepted")
    } catch {
      #expect(
        error.kind
          == .configuration([
            "spiffe_jwt needs spiffeJWTSVID (MONOCLOUD_BACKEND_SPIFFE_JWT_SVID) or spiffeJWTSVIDProvider"
          ]))
    }
  }

  @Test func spiffeX509SendsOnlyTheClientIdAndNeedsTheCertificate() async throws {
    let (requests, _) = try await introspect {
      $0.clientAuthMethod = .spiffeX509
      $0.clientSecret = nil
    }
    let request = try #require(requests.first)
    #expect(requests.count == 1)
    #expect(
      String(decoding: request.body, as: UTF8.self) == "token=tok&token_type_hint=access_token&client_id=client-1")
    #expect(request.url == "https://mtls.tenant.example.com/introspect")
    #expect(request.requiresClientCertificate)
    #expect(request.header("Authorization") == nil)
  }

  @Test func spiffeX509IgnoresAConfiguredSecret() async throws {
    let (requests, _) = try await introspect(environment: ["MONOCLOUD_BACKEND_CLIENT_AUTH_METHOD": "spiffe_x509"]) {
      _ in
    }
    let request = try #require(requests.first)
    #expect(
      String(decoding: request.body, as: UTF8.self) == "token=tok&token_type_hint=access_token&client_id=client-1")
    #expect(request.requiresClientCertificate)
  }

  @Test func theMethodsParseFromText() {
    #expect(ClientAuthMethod(rawValue: "spiffe_jwt") == .spiffeJWT)
    #expect(ClientAuthMethod(rawValue: "spiffe_x509") == .spiffeX509)
    #expect(ClientAuthMethod.spiffeX509.usesMutualTLS && !ClientAuthMethod.spiffeJWT.usesMutualTLS)
    #expect(!ClientAuthMethod.spiffeX509.usesClientSecret && !ClientAuthMethod.spiffeJWT.usesClientSecret)
  }
}
