import Foundation
import MonoCloudBackend
import Testing

@Suite struct OptionsTests {
  let base = ["MONOCLOUD_BACKEND_TENANT_DOMAIN": "tenant.example.com", "MONOCLOUD_BACKEND_AUDIENCE": "https://api"]

  func problems(_ environment: [String: String], _ options: MonoCloudBackendOptions = .init()) -> [String]? {
    do {
      _ = try MonoCloudBackendOptions.resolve(overrides: options, environment: environment)
      return nil
    } catch {
      guard case .configuration(let problems) = error.kind else { return ["unexpected \(error)"] }
      return problems
    }
  }

  @Test func defaults() throws {
    let resolved = try MonoCloudBackendOptions.resolve(overrides: .init(), environment: base)
    #expect(resolved.tenantDomain == "https://tenant.example.com")
    #expect(resolved.audience == "https://api")
    #expect(resolved.clientId == nil)
    #expect(resolved.clientAuthMethod == .clientSecretBasic)
    #expect(resolved.policy.clockSkew == .seconds(0))
    #expect(resolved.policy.clockTolerance == .seconds(300))
    #expect(resolved.introspectJWTTokens == false)
    #expect(resolved.policy.groupsClaim == "groups")
    #expect(resolved.policy.groupsMatchAll == false)
    #expect(resolved.jwksCacheDuration == .seconds(300))
    #expect(resolved.metadataCacheDuration == .seconds(300))
    #expect(resolved.responseTimeout == .milliseconds(10_000))
    #expect(resolved.introspectionCacheDuration == .seconds(300))
    #expect(resolved.policy.certificateBinding == .whenPresent)
    #expect(resolved.jwksRefreshCooldown == .seconds(30))
    #expect(resolved.maxResponseBytes == 1 << 20)
  }

  @Test func everyEnvironmentVariableIsRead() throws {
    var environment = base
    for (name, value) in [
      ("CLIENT_ID", " client "), ("CLIENT_SECRET", "s3cret"), ("CLIENT_AUTH_METHOD", "client_secret_post"),
      ("CLOCK_SKEW", "5"), ("CLOCK_TOLERANCE", " 60 "), ("INTROSPECT_JWT_TOKENS", "TRUE"), ("GROUPS_CLAIM", "roles"),
      ("GROUPS_MATCH_ALL", "True"), ("JWKS_CACHE_DURATION", "10"), ("METADATA_CACHE_DURATION", "20"),
      ("RESPONSE_TIMEOUT", "1500"), ("INTROSPECTION_CACHE_DURATION", "30"),
      ("VALIDATE_CERTIFICATE_BINDING", "required"),
    ] {
      environment["MONOCLOUD_BACKEND_" + name] = value
    }
    let resolved = try MonoCloudBackendOptions.resolve(overrides: .init(), environment: environment)
    #expect(resolved.clientId == "client")
    #expect(resolved.clientSecret == .string("s3cret"))
    #expect(resolved.clientAuthMethod == .clientSecretPost)
    #expect(resolved.policy.clockSkew == .seconds(5))
    #expect(resolved.policy.clockTolerance == .seconds(60))
    #expect(resolved.introspectJWTTokens)
    #expect(resolved.policy.groupsClaim == "roles")
    #expect(resolved.policy.groupsMatchAll)
    #expect(resolved.jwksCacheDuration == .seconds(10))
    #expect(resolved.metadataCacheDuration == .seconds(20))
    #expect(resolved.responseTimeout == .milliseconds(1500))
    #expect(resolved.introspectionCacheDuration == .seconds(30))
    #expect(resolved.policy.certificateBinding == .required)
    #expect(MonoCloudBackendOptions.environmentVariableNames.count == 19)
  }

  @Test func constructorOverridesEnvironment() throws {
    var environment = base
    environment["MONOCLOUD_BACKEND_CLOCK_SKEW"] = "7"
    environment["MONOCLOUD_BACKEND_GROUPS_CLAIM"] = "roles"
    var options = MonoCloudBackendOptions(tenantDomain: "https://other.example.com/", audience: "aud2")
    options.policy.clockSkew = .seconds(1)
    options.policy.groupsMatchAll = true
    let resolved = try MonoCloudBackendOptions.resolve(overrides: options, environment: environment)
    #expect(resolved.tenantDomain == "https://other.example.com")
    #expect(resolved.audience == "aud2")
    #expect(resolved.policy.clockSkew == .seconds(1))
    #expect(resolved.policy.groupsClaim == "roles")
    #expect(resolved.policy.groupsMatchAll)
  }

  @Test func jsonClientSecretWithKtyIsAJWK() throws {
    var environment = base
    environment["MONOCLOUD_BACKEND_CLIENT_SECRET"] = #"{"kty":"oct","k":"c2VjcmV0","alg":"HS384"}"#
    environment["MONOCLOUD_BACKEND_CLIENT_AUTH_METHOD"] = "client_secret_jwt"
    let resolved = try MonoCloudBackendOptions.resolve(overrides: .init(), environment: environment)
    #expect(resolved.clientSecret == .jwk(#"{"kty":"oct","k":"c2VjcmV0","alg":"HS384"}"#))
  }

  @Test(arguments: [
    ("CLOCK_SKEW", "-1"), ("CLOCK_SKEW", "1.5"), ("CLOCK_SKEW", "ten"), ("CLOCK_TOLERANCE", "+3"),
    ("JWKS_CACHE_DURATION", "0x10"), ("METADATA_CACHE_DURATION", "1e3"), ("RESPONSE_TIMEOUT", "99999999999999999999"),
    ("INTROSPECTION_CACHE_DURATION", "1 0"), ("INTROSPECT_JWT_TOKENS", "yes"), ("INTROSPECT_JWT_TOKENS", "1"),
    ("GROUPS_MATCH_ALL", "on"), ("CLIENT_AUTH_METHOD", "basic"), ("VALIDATE_CERTIFICATE_BINDING", "always"),
  ])
  func badValueNamesTheVariable(name: String, value: String) {
    var environment = base
    environment["MONOCLOUD_BACKEND_" + name] = value
    let found = problems(environment)
    #expect(found?.count == 1)
    #expect(found?.first?.contains("MONOCLOUD_BACKEND_" + name) == true)
  }

  @Test func allProblemsAreReportedAtOnce() {
    let environment = [
      "MONOCLOUD_BACKEND_CLOCK_SKEW": "x", "MONOCLOUD_BACKEND_GROUPS_MATCH_ALL": "maybe",
      "MONOCLOUD_BACKEND_RESPONSE_TIMEOUT": "-5", "MONOCLOUD_BACKEND_CLIENT_AUTH_METHOD": "magic",
    ]
    let found = problems(environment) ?? []
    #expect(found.count == 6)  // 4 bad values + tenantDomain and audience missing
    for name in ["CLOCK_SKEW", "GROUPS_MATCH_ALL", "RESPONSE_TIMEOUT", "CLIENT_AUTH_METHOD"] {
      #expect(found.contains { $0.contains("MONOCLOUD_BACKEND_" + name) })
    }
    #expect(found.contains { $0.contains("tenantDomain") })
    #expect(found.contains { $0.contains("audience") })
  }

  @Test func negativeConstructorNumbersAreRefused() {
    var options = MonoCloudBackendOptions(tenantDomain: "t.example.com", audience: "a")
    options.policy.clockTolerance = .seconds(-1)
    options.jwksCacheDuration = .seconds(-2)
    #expect(problems([:], options)?.count == 2)
  }

  @Test func emptyValuesCountAsUnset() throws {
    var environment = base
    environment["MONOCLOUD_BACKEND_CLOCK_SKEW"] = "   "
    let resolved = try MonoCloudBackendOptions.resolve(overrides: .init(), environment: environment)
    #expect(resolved.policy.clockSkew == .seconds(0))
  }

  @Test func processEnvironmentIsReadWithGetenv() {
    setenv("MONOCLOUD_BACKEND_GROUPS_CLAIM", "roles-from-process", 1)
    defer { unsetenv("MONOCLOUD_BACKEND_GROUPS_CLAIM") }
    let variables = ProcessEnvironment.monoCloudVariables()
    #expect(variables["MONOCLOUD_BACKEND_GROUPS_CLAIM"] == "roles-from-process")
    #expect(variables.keys.allSatisfy { MonoCloudBackendOptions.environmentVariableNames.contains($0) })
  }

  @Test func messagesDoNotContainTheSecret() {
    var environment = base
    environment["MONOCLOUD_BACKEND_CLIENT_SECRET"] = #"{"kty":"oct","k":"VERYSECRET"}"#
    let found = problems(environment) ?? []
    #expect(found.count == 1)
    #expect(!found.joined().contains("VERYSECRET"))
  }
}

@Suite struct TenantDomainTests {
  @Test(arguments: [
    ("tenant.example.com", "https://tenant.example.com"),
    ("https://tenant.example.com/", "https://tenant.example.com"),
    ("https://tenant.example.com///", "https://tenant.example.com"),
    ("  tenant.example.com:8443/ ", "https://tenant.example.com:8443"),
    ("http://localhost:3000", "http://localhost:3000"),
    ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
    ("http://127.255.0.9", "http://127.255.0.9"),
    ("http://[::1]:9000", "http://[::1]:9000"),
    ("HTTPS://Tenant.Example.com", "HTTPS://Tenant.Example.com"),
  ])
  func normalizes(raw: String, expected: String) {
    #expect(TenantDomain.normalize(raw) == .success(expected))
  }

  @Test(arguments: [
    "", "http://tenant.example.com", "http://128.0.0.1", "http://127.0.0.256", "http://localhost.evil.com",
    "ftp://tenant.example.com", "https://", "https://user@tenant.example.com", "https://t.example.com?x=1",
    "https://t.example.com:port",
  ])
  func refuses(raw: String) {
    guard case .failure = TenantDomain.normalize(raw) else {
      Issue.record("accepted \(raw)")
      return
    }
  }
}
