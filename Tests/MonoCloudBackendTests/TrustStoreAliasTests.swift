import MonoCloudBackend
import MonoCloudJOSE
import Synchronization
import Testing

/// `trustStoreId` picks `mtls_additional_endpoint_aliases[trustStoreId]` for the mutual-TLS
/// methods; without a matching entry the RFC 8705 aliases, then the plain endpoint, apply.
@Suite struct TrustStoreAliasTests {
  static let storeA = "https://store-a.tenant.example.com/introspect"
  static let storeB = "https://store-b.tenant.example.com/introspect"
  static let mtls = "https://mtls.tenant.example.com/introspect"
  static let plain = tenantURL + "/introspect"

  /// Discovery with both alias maps (and optionally without `mtls_endpoint_aliases`).
  static func metadataJSON(withMTLSAliases: Bool = true) -> String {
    let mtlsAliases = withMTLSAliases ? #""mtls_endpoint_aliases":{"introspection_endpoint":"\#(mtls)"},"# : ""
    return #"{"issuer":"\#(tenantURL)","jwks_uri":"\#(tenantURL)/jwks","introspection_endpoint":"\#(plain)","#
      + mtlsAliases
      + #""mtls_additional_endpoint_aliases":{"store-a":{"introspection_endpoint":"\#(storeA)"},"#
      + #""store-b":{"introspection_endpoint":"\#(storeB)","token_endpoint":"\#(tenantURL)/t"}}}"#
  }

  @Test func bothAliasMapsAreRead() throws {
    let metadata = try AuthorizationServerMetadata(json: Self.metadataJSON())
    #expect(metadata.mtlsIntrospectionEndpoint == Self.mtls)
    #expect(metadata.mtlsAdditionalIntrospectionEndpoints == ["store-a": Self.storeA, "store-b": Self.storeB])
  }

  @Test func endpointChoicePerMethodAndTrustStore() throws {
    let metadata = try AuthorizationServerMetadata(json: Self.metadataJSON())
    let withoutMTLS = try AuthorizationServerMetadata(json: Self.metadataJSON(withMTLSAliases: false))
    for method in [ClientAuthMethod.tlsClientAuth, .selfSignedTLSClientAuth, .spiffeX509] {
      #expect(metadata.introspectionEndpoint(for: method, trustStoreId: "store-b") == Self.storeB)
      #expect(metadata.introspectionEndpoint(for: method, trustStoreId: "store-a") == Self.storeA)
      #expect(metadata.introspectionEndpoint(for: method, trustStoreId: "unknown") == Self.mtls)
      #expect(metadata.introspectionEndpoint(for: method, trustStoreId: nil) == Self.mtls)
      #expect(withoutMTLS.introspectionEndpoint(for: method, trustStoreId: "unknown") == Self.plain)
      #expect(withoutMTLS.introspectionEndpoint(for: method, trustStoreId: "store-a") == Self.storeA)
    }
    for method in [ClientAuthMethod.clientSecretBasic, .clientSecretPost, .clientSecretJWT, .privateKeyJWT, .spiffeJWT]
    {
      #expect(metadata.introspectionEndpoint(for: method, trustStoreId: "store-a") == Self.plain)
    }
  }

  @Test(arguments: [
    #"{"issuer":"https://t.example.com","mtls_additional_endpoint_aliases":["x"]}"#,
    #"{"issuer":"https://t.example.com","mtls_additional_endpoint_aliases":{"a":"https://x.example.com"}}"#,
    #"{"issuer":"https://t.example.com","mtls_additional_endpoint_aliases":{"a":{"introspection_endpoint":"http://x.example.com"}}}"#,
  ])
  func malformedAdditionalAliasesAreRefused(json: String) {
    #expect(throws: MonoCloudError.http(.malformedResponse, "")) { try AuthorizationServerMetadata(json: json) }
  }

  /// Introspects one token with `method` against the two-map discovery document; the
  /// request the client sent.
  func introspectionRequest(
    method: ClientAuthMethod, trustStoreId: String?, environment: [String: String] = [:],
    withMTLSAliases: Bool = true
  ) async throws -> HTTPRequest {
    let sent = Mutex<[HTTPRequest]>([])
    var harness = Harness {
      $0.clientAuthMethod = method
      $0.clientSecret = nil
      $0.trustStoreId = trustStoreId
    }
    harness.options.staticMetadata = Self.metadataJSON(withMTLSAliases: withMTLSAliases)
    let active = JSONWriter.bytes(
      [
        "active": true, "sub": "user-1", "aud": .string(audience),
        "exp": .number(JSONNumber(harness.clock.nowSeconds + 60)),
      ]
        as JSONObject)
    harness.options.fetcher = Fetcher { request in
      sent.withLock { $0.append(request) }
      return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: active)
    }
    let client = try harness.client(environment: environment)
    #expect(try await client.validateAccessToken("opaque").subject == "user-1")
    let requests = sent.withLock { $0 }
    #expect(requests.count == 1)
    return try #require(requests.first)
  }

  @Test(arguments: [ClientAuthMethod.tlsClientAuth, .selfSignedTLSClientAuth, .spiffeX509])
  func theClientUsesTheTrustStoreAlias(method: ClientAuthMethod) async throws {
    let request = try await introspectionRequest(method: method, trustStoreId: "store-b")
    #expect(request.url == Self.storeB)
    #expect(request.requiresClientCertificate)
    #expect(
      String(decoding: request.body, as: UTF8.self) == "token=opaque&token_type_hint=access_token&client_id=client-1")
  }

  @Test func theVariableSetsTheTrustStoreAndCodeWins() async throws {
    let fromEnvironment = try await introspectionRequest(
      method: .tlsClientAuth, trustStoreId: nil, environment: ["MONOCLOUD_BACKEND_TRUST_STORE_ID": " store-a "])
    #expect(fromEnvironment.url == Self.storeA)
    let fromCode = try await introspectionRequest(
      method: .tlsClientAuth, trustStoreId: "store-b", environment: ["MONOCLOUD_BACKEND_TRUST_STORE_ID": "store-a"])
    #expect(fromCode.url == Self.storeB)
  }

  @Test func anUnknownTrustStoreFallsBackToTheRFC8705AliasThenThePlainEndpoint() async throws {
    #expect(try await introspectionRequest(method: .tlsClientAuth, trustStoreId: "store-z").url == Self.mtls)
    let plain = try await introspectionRequest(method: .tlsClientAuth, trustStoreId: "store-z", withMTLSAliases: false)
    #expect(plain.url == Self.plain)
    #expect(plain.requiresClientCertificate)
  }

  @Test func secretMethodsIgnoreTheTrustStore() async throws {
    let sent = Mutex<[HTTPRequest]>([])
    var harness = Harness { $0.trustStoreId = "store-a" }
    harness.options.staticMetadata = Self.metadataJSON()
    harness.options.fetcher = Fetcher { request in
      sent.withLock { $0.append(request) }
      return HTTPResponse(
        status: 200, headers: [("Content-Type", "application/json")], body: Array(#"{"active":false}"#.utf8))
    }
    let client = try harness.client()
    await expectError(.token(.inactiveToken)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken("opaque")
    }
    #expect(sent.withLock { $0.map(\.url) } == [Self.plain])
    #expect(sent.withLock { $0.first?.requiresClientCertificate } == false)
  }

  @Test func anEmptyTrustStoreIdIsAConfigurationError() {
    var options = MonoCloudBackendOptions(tenantDomain: "t.example.com", audience: "a")
    options.trustStoreId = ""
    #expect(throws: MonoCloudError.configuration([])) {
      try MonoCloudBackendOptions.resolve(overrides: options, environment: [:])
    }
  }
}
