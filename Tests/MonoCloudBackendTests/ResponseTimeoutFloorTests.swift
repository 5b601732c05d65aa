import MonoCloudBackend
import MonoCloudJOSE
import Testing

/// `responseTimeout` below 1000 ms is a configuration error (as in the Node SDK), from code
/// and from `MONOCLOUD_BACKEND_RESPONSE_TIMEOUT` (milliseconds) alike.
@Suite struct ResponseTimeoutFloorTests {
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

  @Test(arguments: [0, 1, 200, 999])
  func codeValuesBelowTheFloorAreRefused(milliseconds: Int64) {
    var options = MonoCloudBackendOptions()
    options.responseTimeout = .milliseconds(milliseconds)
    let found = problems(base, options)
    #expect(
      found == ["responseTimeout must be at least 1000 ms (MONOCLOUD_BACKEND_RESPONSE_TIMEOUT is in milliseconds)"])
  }

  @Test(arguments: [1000, 1001, 10_000])
  func codeValuesFromTheFloorUpAreKept(milliseconds: Int64) throws {
    var options = MonoCloudBackendOptions()
    options.responseTimeout = .milliseconds(milliseconds)
    let resolved = try MonoCloudBackendOptions.resolve(overrides: options, environment: base)
    #expect(resolved.responseTimeout == .milliseconds(milliseconds))
  }

  @Test(arguments: ["0", "1", "300", "999", " 999 "])
  func environmentValuesBelowTheFloorNameTheVariable(value: String) {
    var environment = base
    environment["MONOCLOUD_BACKEND_RESPONSE_TIMEOUT"] = value
    #expect(problems(environment) == ["MONOCLOUD_BACKEND_RESPONSE_TIMEOUT must be at least 1000 (milliseconds)"])
  }

  @Test func environmentValueKeepsItsUnit() throws {
    var environment = base
    environment["MONOCLOUD_BACKEND_RESPONSE_TIMEOUT"] = "1000"
    #expect(
      try MonoCloudBackendOptions.resolve(overrides: .init(), environment: environment).responseTimeout == .seconds(1))
  }

  @Test func codeValueWinsOverABadVariableAndIsCheckedItself() {
    var options = MonoCloudBackendOptions()
    options.responseTimeout = .milliseconds(500)
    var environment = base
    environment["MONOCLOUD_BACKEND_RESPONSE_TIMEOUT"] = "5000"
    #expect(problems(environment, options)?.count == 1)
    #expect(problems(environment, options)?.first?.hasPrefix("responseTimeout must be at least 1000 ms") == true)
  }

  @Test func theClientRefusesIt() async {
    let tenant = FakeTenant()
    var options = MonoCloudBackendOptions(tenantDomain: "tenant.example.com", audience: audience)
    options.fetcher = tenant.fetcher
    options.responseTimeout = .milliseconds(250)
    await expectError(
      .configuration([
        "responseTimeout must be at least 1000 ms (MONOCLOUD_BACKEND_RESPONSE_TIMEOUT is in milliseconds)"
      ])
    ) { () async throws(MonoCloudError) in _ = try MonoCloudBackendClient(options: options, environment: [:]) }
    #expect(tenant.requests.isEmpty)
  }
}
