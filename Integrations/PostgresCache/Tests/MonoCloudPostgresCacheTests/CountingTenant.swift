import MonoCloudBackend
import Synchronization

/// A tenant behind a `Fetcher` closure: discovery and an introspection endpoint that calls
/// every token active, counting the introspection requests it answers.
final class CountingTenant: Sendable {
  static let url = "https://tenant.example.com"
  static let audience = "https://api.example.com"
  private let count = Mutex(0)

  var introspections: Int { count.withLock { $0 } }

  var fetcher: Fetcher {
    Fetcher { [self] request in
      let json = [("Content-Type", "application/json")]
      switch request.url {
      case Self.url + "/.well-known/openid-configuration":
        let body =
          #"{"issuer":"\#(Self.url)","jwks_uri":"\#(Self.url)/jwks","introspection_endpoint":"\#(Self.url)/introspect"}"#
        return HTTPResponse(status: 200, headers: json, body: Array(body.utf8))
      case Self.url + "/introspect":
        count.withLock { $0 += 1 }
        let exp = MonoCloudClock.system.unixTimeSeconds + 3600
        let body =
          #"{"active":true,"iss":"\#(Self.url)","aud":"\#(Self.audience)","sub":"user-1","scope":"read","exp":\#(exp)}"#
        return HTTPResponse(status: 200, headers: json, body: Array(body.utf8))
      default:
        return HTTPResponse(status: 404)
      }
    }
  }

  func options(cache: any IntrospectionCache) -> MonoCloudBackendOptions {
    var options = MonoCloudBackendOptions(tenantDomain: Self.url, audience: Self.audience)
    options.clientId = "client-1"
    options.clientSecret = .string("secret-1")
    options.fetcher = fetcher
    options.cache = cache
    return options
  }
}
