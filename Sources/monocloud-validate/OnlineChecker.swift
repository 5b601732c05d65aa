import MonoCloudBackend
import MonoCloudJOSE
import MonoCloudURLSession
import MonoCloudValidateCLI

/// Online validation through the tenant: one `MonoCloudBackendClient` (discovery, JWKS and
/// introspection caches, key refresh) serves the whole run, batch included. The flags are
/// mapped to `MonoCloudBackendOptions`; the library reads and checks them and the variables.
struct OnlineChecker: OnlineChecking {
  let client: MonoCloudBackendClient
  let scopes: [String]
  let groups: [String]
  let clientCertificate: String?
  let dpop: DPoPRequestSettings?

  init(settings: Settings, environment: [String: String]) throws(CLIFailure) {
    guard settings.tenantDomain != nil else {
      throw .usage(
        "the tenant domain is required: pass --tenant-domain or set \(Settings.environmentPrefix)TENANT_DOMAIN "
          + "(or validate offline with --jwks FILE)")
    }
    var options = MonoCloudBackendOptions(policy: settings.policy)
    // The scopes and groups are passed per call, as a server would.
    options.policy.requiredScopes = []
    options.policy.requiredGroups = []
    var problems: [String] = []
    let flags: [(BackendSetting, String, String?)] = [
      (.clientId, "--client-id", settings.clientId), (.clientSecret, "--client-secret", settings.clientSecret),
      (.clientAuthMethod, "--client-auth-method", settings.clientAuthMethod),
      (.introspectJWTTokens, "--introspect", settings.introspect),
    ]
    for (setting, flag, text) in flags {
      if let text { options.set(setting, text: text, source: flag, problems: &problems) }
    }
    if !problems.isEmpty { throw .usage(problems.joined(separator: "; ")) }
    if let metadataFile = settings.metadataFile {
      options.staticMetadata = String(
        decoding: try FileInput.read(path: metadataFile, what: "metadata file"), as: UTF8.self)
    }
    if let now = settings.now {
      let milliseconds = now.multipliedReportingOverflow(by: 1000)
      let fixed = milliseconds.overflow ? Int64.max : milliseconds.partialValue
      options.clock = MonoCloudClock { fixed }
    }
    options.fetcher = URLSessionFetcher().fetcher
    // Without --htm/--htu there is no request to check a proof against: no DPoP rule, as before.
    options.dpop.enforcement = settings.dpop == nil ? .disabled : .whenBound
    dpop = settings.dpop
    do throws(MonoCloudError) {
      client = try MonoCloudBackendClient(options: options, environment: environment)
    } catch {
      throw OnlineChecker.failure(error)
    }
    scopes = settings.policy.requiredScopes
    groups = settings.policy.requiredGroups
    clientCertificate = try settings.certificateFile.map { (path) throws(CLIFailure) -> String in
      let certificate = try CertificateFile.load(path: path)
      // The client takes certificates as text: PEM as it is, raw DER as standard base64.
      return certificate.isDER
        ? CertificateFile.base64(certificate.bytes)
        : String(decoding: certificate.bytes, as: UTF8.self).trimmingWhitespace()
    }
  }

  func check(_ token: String) async throws(CLIFailure) -> Verdict {
    try await check(token, dpopProof: nil)
  }

  func check(_ token: String, dpopProof: String?) async throws(CLIFailure) -> Verdict {
    guard !token.isEmpty else { return .rejected(code: "invalid_token", message: "the token is empty") }
    let context = dpop.map {
      DPoPContext(proof: dpopProof, method: $0.method, url: $0.url, scheme: dpopProof == nil ? .bearer : .dpop)
    }
    do throws(MonoCloudError) {
      let claims = try await client.validateAccessToken(
        token, dpop: context, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
      return .valid(claims.object)
    } catch {
      if case .token = error.kind { return .rejected(code: error.name, message: error.reason) }
      throw OnlineChecker.failure(error)
    }
  }

  /// Configuration problems end the run with exit 2; an unreachable or failing authorization
  /// server with exit 3.
  static func failure(_ error: MonoCloudError) -> CLIFailure {
    switch error.kind {
    case .configuration(let problems):
      return .configuration(problems.isEmpty ? error.reason : problems.joined(separator: "; "))
    case .token(let code):
      return .unavailable("\(code.name): \(error.reason)")
    case .authorizationServer, .http:
      return .unavailable("the authorization server failed: \(error.reason)")
    }
  }
}
