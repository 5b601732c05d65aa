import MonoCloudBackend
import MonoCloudJOSE
import Testing

/// Behaviours of the Node SDK 0.3.x that this client matches.
@Suite struct NodeParityTests {
  @Test func scopeStringsSplitOnAnyASCIIWhitespace() async throws {
    let harness = Harness()
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims(["scope": "read\twrite\nadmin\r\n audit"]))
    let claims = try await client.validateAccessToken(token, scopes: ["admin", "audit", "write"])
    #expect(claims.scopes == ["read", "write", "admin", "audit"])
    await expectError(.token(.insufficientScope)) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(token, scopes: ["read\twrite"])
    }
  }

  @Test func discoveryWithoutJWKSURIIsAConfigurationError() async throws {
    var harness = Harness()
    harness.options.staticMetadata = #"{"issuer":"\#(tenantURL)","introspection_endpoint":"\#(tenantURL)/introspect"}"#
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims())
    await expectError(
      .configuration(["the discovery document has no jwks_uri, so JWTs cannot be verified locally"])
    ) { () async throws(MonoCloudError) in
      _ = try await client.validateAccessToken(token)
    }
    let outcome = await client.authorize(authorizationHeader: "Bearer " + token)
    #expect(outcome.status == .internalServerError)
    #expect(outcome.error?.reason.contains("jwks_uri") == true)
  }

  @Test func discoveryWithoutIntrospectionEndpointIsAConfigurationError() async throws {
    var harness = Harness()
    harness.options.staticMetadata = #"{"issuer":"\#(tenantURL)","jwks_uri":"\#(tenantURL)/jwks"}"#
    let client = try harness.client()
    let outcome = await client.authorize(authorizationHeader: "Bearer opaque-token")
    #expect(outcome.status == .internalServerError)
    #expect(outcome.error?.code == .configuration)
    #expect(outcome.error?.reason.contains("introspection_endpoint") == true)
  }
}
