import MonoCloudAsyncHTTPClient
import MonoCloudBackend
import Vapor

// The only place this package reads `AuthorizationOutcome.status` and `.headers` and the
// core's option durations: if their types change (a typed status, a header-field value type,
// `Duration`), this file is the one to adapt.

extension MonoCloudAbort {
  /// The refusal for `outcome`: its status and headers, the RFC 6750 `WWW-Authenticate`
  /// completed with `error_description` and (for a missing scope) `scope`. Nothing in it comes
  /// from the token itself.
  init(outcome: AuthorizationOutcome, requiredScopes: [String]) {
    var headers = HTTPHeaders()
    for header in outcome.headers {
      if header.name.lowercased() == "www-authenticate" {
        headers.add(
          name: .wwwAuthenticate,
          value: Self.challenge(header.value, error: outcome.error, requiredScopes: requiredScopes))
      } else {
        headers.add(name: header.name, value: header.value)
      }
    }
    self.init(status: HTTPResponseStatus(statusCode: outcome.status.code), headers: headers, error: outcome.error)
  }
}

extension AsyncHTTPClientFetcher.Configuration {
  /// The fetcher configuration for a client with `options`: the client's response cap and
  /// timeout (the fetcher package's own adapter reads the durations).
  static func adopting(_ options: ResolvedBackendOptions, base: Self) -> Self {
    var configuration = base
    configuration.adoptLimits(of: options)
    return configuration
  }
}
