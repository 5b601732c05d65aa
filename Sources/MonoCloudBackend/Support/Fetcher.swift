/// One HTTP request the client needs made.
public struct HTTPRequest: Sendable, Equatable {
  public var method: String
  public var url: String
  /// Header names as the client writes them (`Accept`, `Content-Type`, `Authorization`).
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]
  /// Set for `tls_client_auth` / `self_signed_tls_client_auth`: the fetcher must present
  /// the client certificate it was configured with.
  public var requiresClientCertificate: Bool

  public init(
    method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
    requiresClientCertificate: Bool = false
  ) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.requiresClientCertificate = requiresClientCertificate
  }

  /// The first header of that name (case-insensitive).
  public func header(_ name: String) -> String? { HTTPHeaderFields(headers)[name] }

  public static func == (a: HTTPRequest, b: HTTPRequest) -> Bool {
    a.method == b.method && a.url == b.url && a.body == b.body
      && a.requiresClientCertificate == b.requiresClientCertificate && a.headers.count == b.headers.count
      && zip(a.headers, b.headers).allSatisfy { $0.name == $1.name && $0.value == $1.value }
  }
}

/// The response a fetcher returns. Redirects must already have been followed (same host
/// only) or refused.
public struct HTTPResponse: Sendable {
  public var status: Int
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]

  public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// The first header of that name (case-insensitive).
  public func header(_ name: String) -> String? { HTTPHeaderFields(headers)[name] }
}

/// Failures a fetcher reports with a meaning the client keeps; anything else it throws is a
/// network error.
public enum FetchError: Error, Sendable, Equatable {
  /// The body exceeded the limit; the fetcher stopped reading.
  case responseTooLarge(limit: Int)
  /// A redirect to another host or scheme was refused.
  case redirectRefused
  /// The transport failed.
  case network(String)
}

/// How the client reaches the tenant: a closure from request to response. Wrap any HTTP
/// stack; `MonoCloudURLSession.URLSessionFetcher` is the default. The client enforces the
/// response timeout, the body size limit and content types itself, so a fetcher need not.
public struct Fetcher: Sendable {
  public let fetch: @Sendable (HTTPRequest) async throws -> HTTPResponse

  public init(_ fetch: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
    self.fetch = fetch
  }
}
