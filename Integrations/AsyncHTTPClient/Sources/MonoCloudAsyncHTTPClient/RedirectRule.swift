import AsyncHTTPClient
import Foundation
import MonoCloudBackend

/// Which redirects the fetcher follows: same scheme, host and port only (a tenant must not
/// send its credentials or tokens elsewhere).
enum RedirectRule {
  /// The `Location` of a 3xx redirect answer, else nil.
  static func location(of response: HTTPClientResponse) -> String? {
    switch response.status.code {
    case 301, 302, 303, 307, 308: return response.headers.first(name: "location")
    default: return nil
    }
  }

  /// The request to send after a redirect to `location`, or nil when it leaves the origin.
  /// 307/308 keep method and body; 301/302/303 become a bodiless GET (as browsers do).
  static func follow(_ request: HTTPRequest, to location: String, status: Int) -> HTTPRequest? {
    guard let base = URL(string: request.url), let target = URL(string: location, relativeTo: base)?.absoluteURL,
      let baseScheme = base.scheme?.lowercased(), target.scheme?.lowercased() == baseScheme,
      let baseHost = base.host?.lowercased(), target.host?.lowercased() == baseHost,
      effectivePort(base) == effectivePort(target)
    else { return nil }
    var next = request
    next.url = target.absoluteString
    if status != 307 && status != 308 {
      next.method = "GET"
      next.body = []
      next.headers.removeAll { $0.name.lowercased() == "content-type" || $0.name.lowercased() == "content-length" }
    }
    return next
  }

  private static func effectivePort(_ url: URL) -> Int? {
    url.port ?? (url.scheme?.lowercased() == "https" ? 443 : url.scheme?.lowercased() == "http" ? 80 : nil)
  }
}
