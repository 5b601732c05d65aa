import MonoCloudBackend
import MonoCloudJOSE
import MonoCloudURLSession
import MonoCloudValidateCLI

/// Online validation through the tenant: one `MonoCloudBackendClient` (discovery, JWKS and
/// introspection caches, key refresh) serves the whole run, batch included.
struct OnlineChecker: OnlineChecking {
  let client: MonoCloudBackendClient
  let scopes: [String]
  let groups: [String]
  let clientCertificate: String?

  init(settings: Settings, environment: [String: String]) throws(CLIFailure) {
    guard settings.tenantDomain != nil else {
      throw .usage(
        "the tenant domain is required: pass --tenant-domain or set \(Settings.environmentPrefix)TENANT_DOMAIN "
          + "(or validate offline with --jwks FILE)")
    }
    var options = MonoCloudBackendOptions(
      tenantDomain: settings.tenantDomain, audience: settings.audience, clientId: settings.clientId)
    if let secret = settings.clientSecret {
      // As for MONOCLOUD_BACKEND_CLIENT_SECRET: JSON with `kty` is a JWK, anything else a plain secret.
      let isJWK = (try? JSONReader.parseObject(secret))?.contains("kty") ?? false
      options.clientSecret = isJWK ? .jwk(secret) : .string(secret)
    }
    if let method = settings.clientAuthMethod {
      guard let parsed = ClientAuthMethod(rawValue: method.trimmingWhitespace()) else {
        throw .usage(
          "--client-auth-method (or \(Settings.environmentPrefix)CLIENT_AUTH_METHOD) must be one of "
            + ClientAuthMethod.allCases.map(\.rawValue).joined(separator: ", "))
      }
      options.clientAuthMethod = parsed
    }
    options.clockSkew = Int(clamping: settings.clockSkew)
    options.clockTolerance = Int(clamping: settings.clockTolerance)
    options.introspectJwtTokens = settings.introspect
    options.groupOptions = GroupOptions(groupsClaim: settings.groupsClaim, matchAll: settings.groupsMatchAll)
    options.validateCertificateBinding = settings.certificateBinding
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
    do throws(MonoCloudError) {
      client = try MonoCloudBackendClient(options: options, environment: environment)
    } catch {
      throw OnlineChecker.failure(error)
    }
    scopes = settings.scopes
    groups = settings.groups
    clientCertificate = try settings.certificateFile.map { (path) throws(CLIFailure) -> String in
      try CertificateFile.text(path: path)
    }
  }

  func check(_ token: String) async throws(CLIFailure) -> Verdict {
    guard !token.isEmpty else { return .rejected(code: "invalid_token", message: "the token is empty") }
    do throws(MonoCloudError) {
      let claims = try await client.validateAccessToken(
        token, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
      return .valid(claims.object)
    } catch {
      if case .token(let code) = error.kind { return .rejected(code: code.name, message: error.message) }
      throw OnlineChecker.failure(error)
    }
  }

  /// Configuration problems end the run with exit 2; an unreachable or failing authorization
  /// server with exit 3.
  static func failure(_ error: MonoCloudError) -> CLIFailure {
    switch error.kind {
    case .configuration(let problems):
      return .configuration(problems.isEmpty ? error.message : problems.joined(separator: "; "))
    case .token(let code):
      return .unavailable("\(code.name): \(error.message)")
    case .authorizationServer, .http:
      return .unavailable("the authorization server failed: \(error.message)")
    }
  }
}
