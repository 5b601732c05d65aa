import AsyncHTTPClient
import MonoCloudBackend
import NIOCore
import NIOHTTP1
import NIOSSL

/// A `Fetcher` on AsyncHTTPClient (SwiftNIO): pooled keep-alive connections, no Foundation
/// networking in the request path, and real mutual TLS on Linux.
///
/// - Redirects are never followed by AsyncHTTPClient: a redirect to the same scheme, host and
///   port is followed here (at most `maxRedirects`), any other is refused with
///   `FetchError.redirectRefused`.
/// - Bodies are read chunk by chunk and reading stops as soon as `maxResponseBytes` would be
///   exceeded (`FetchError.responseTooLarge`); a larger `Content-Length` is refused unread.
/// - Every request has a deadline of `timeout`; the owned client also uses it as the idle
///   read timeout, so a stalled body fails too.
/// - Requests marked `requiresClientCertificate` go through a second `HTTPClient` whose TLS
///   configuration holds the `ClientIdentity` (its own connection pool); other requests never
///   present the certificate. (A client-level configuration, rather than a per-request one,
///   also keeps Ed25519 keys usable: AsyncHTTPClient hashes per-request TLS configurations,
///   which NIOSSL cannot do for Ed25519 keys.)
///
/// A fetcher owns the clients it creates: call `shutdown()` once done (or use
/// `withAsyncHTTPClientFetcher`). A client passed in stays the caller's to shut down.
public final class AsyncHTTPClientFetcher: Sendable {
  /// How the fetcher talks to the tenant.
  public struct Configuration: Sendable {
    /// Certificate authorities trusted for HTTPS (`.system` by default).
    public var trustRoots: TrustRoots
    /// Certificate and key presented on requests that need mutual TLS.
    public var clientIdentity: ClientIdentity?
    /// The hard cap on a response body (the backend client's `maxResponseBytes`).
    public var maxResponseBytes: Int
    /// The deadline of one request, redirects included (the backend client's `responseTimeout`).
    public var timeout: TimeAmount
    /// Same-origin redirects followed before giving up.
    public var maxRedirects: Int
    /// Pooled keep-alive connections per host (AsyncHTTPClient's soft limit).
    public var maxConnectionsPerHost: Int
    /// How long an unused pooled connection is kept.
    public var idleConnectionTimeout: TimeAmount

    public init(
      trustRoots: TrustRoots = .system, clientIdentity: ClientIdentity? = nil, maxResponseBytes: Int = 1 << 20,
      timeout: TimeAmount = .seconds(10), maxRedirects: Int = 3, maxConnectionsPerHost: Int = 8,
      idleConnectionTimeout: TimeAmount = .seconds(60)
    ) {
      self.trustRoots = trustRoots
      self.clientIdentity = clientIdentity
      self.maxResponseBytes = maxResponseBytes
      self.timeout = timeout
      self.maxRedirects = maxRedirects
      self.maxConnectionsPerHost = maxConnectionsPerHost
      self.idleConnectionTimeout = idleConnectionTimeout
    }
  }

  public let configuration: Configuration
  /// The client requests go through.
  public let httpClient: HTTPClient
  private let ownsClient: Bool
  /// The client presenting the identity, for mutual-TLS requests; always owned.
  private let mutualTLSClient: HTTPClient?

  /// A fetcher with its own `HTTPClient` on `eventLoopGroup`. Throws when a trust bundle,
  /// certificate or key cannot be read.
  public init(
    configuration: Configuration = Configuration(),
    eventLoopGroup: any EventLoopGroup = HTTPClient.defaultEventLoopGroup
  ) throws(FetcherConfigurationError) {
    let tls = try FetcherTLS.configuration(trustRoots: configuration.trustRoots, identity: nil)
    let mutualTLS = try Self.mutualTLSConfiguration(configuration)
    self.configuration = configuration
    self.httpClient = HTTPClient(
      eventLoopGroup: eventLoopGroup, configuration: Self.clientConfiguration(tls, configuration))
    self.ownsClient = true
    self.mutualTLSClient = mutualTLS.map {
      HTTPClient(eventLoopGroup: eventLoopGroup, configuration: Self.clientConfiguration($0, configuration))
    }
  }

  /// A fetcher on a client the caller owns (and shuts down). Configure it with redirects
  /// disallowed; the fetcher refuses any redirect it is handed regardless. Only the client
  /// identity and trust roots of `configuration` are used for mutual-TLS requests; other
  /// requests use the client's own TLS configuration.
  public init(httpClient: HTTPClient, configuration: Configuration = Configuration()) throws(FetcherConfigurationError)
  {
    let mutualTLS = try Self.mutualTLSConfiguration(configuration)
    self.configuration = configuration
    self.httpClient = httpClient
    self.ownsClient = false
    self.mutualTLSClient = mutualTLS.map {
      HTTPClient(eventLoopGroup: httpClient.eventLoopGroup, configuration: Self.clientConfiguration($0, configuration))
    }
  }

  private static func mutualTLSConfiguration(_ configuration: Configuration) throws(FetcherConfigurationError)
    -> TLSConfiguration?
  {
    guard let identity = configuration.clientIdentity else { return nil }
    return try FetcherTLS.configuration(trustRoots: configuration.trustRoots, identity: identity)
  }

  private static func clientConfiguration(_ tls: TLSConfiguration, _ configuration: Configuration)
    -> HTTPClient.Configuration
  {
    var pool = HTTPClient.Configuration.ConnectionPool(
      idleTimeout: configuration.idleConnectionTimeout,
      concurrentHTTP1ConnectionsPerHostSoftLimit: configuration.maxConnectionsPerHost)
    // A refused handshake or connection is reported at once, not retried until the deadline:
    // the backend client has its own stale-if-error and retry rules.
    pool.retryConnectionEstablishment = false
    return HTTPClient.Configuration(
      tlsConfiguration: tls, redirectConfiguration: .disallow,
      timeout: .init(connect: configuration.timeout, read: configuration.timeout), connectionPool: pool,
      decompression: .disabled)
  }

  /// This fetcher as the backend client's `Fetcher`.
  public var fetcher: Fetcher {
    Fetcher { request in try await self.fetch(request) }
  }

  /// Shuts the clients the fetcher created down (pooled connections closed); a client passed
  /// in is left running. Call it once, after the last request.
  public func shutdown() async throws {
    try await mutualTLSClient?.shutdown()
    if ownsClient { try await httpClient.shutdown() }
  }

  /// Performs one request.
  public func fetch(_ request: HTTPRequest) async throws -> HTTPResponse {
    if request.requiresClientCertificate && mutualTLSClient == nil {
      throw FetchError.network("mutual TLS needs a client certificate and none is configured")
    }
    let deadline = NIODeadline.now() + configuration.timeout
    var current = request
    var redirects = 0
    while true {
      let response = try await send(current, deadline: deadline)
      guard let location = RedirectRule.location(of: response) else {
        return try await collect(response)
      }
      guard redirects < configuration.maxRedirects,
        let next = RedirectRule.follow(current, to: location, status: Int(response.status.code))
      else {
        throw FetchError.redirectRefused
      }
      redirects += 1
      current = next
    }
  }

  private func send(_ request: HTTPRequest, deadline: NIODeadline) async throws -> HTTPClientResponse {
    var outgoing = HTTPClientRequest(url: request.url)
    outgoing.method = HTTPMethod(rawValue: request.method)
    for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
    if !request.body.isEmpty || request.method == "POST" {
      outgoing.body = .bytes(ByteBuffer(bytes: request.body))
    }
    let client = request.requiresClientCertificate ? (mutualTLSClient ?? httpClient) : httpClient
    do {
      return try await client.execute(outgoing, deadline: deadline)
    } catch {
      throw FetchError.network(Self.reason(error))
    }
  }

  /// The body, read with the hard cap: a declared length over the cap is refused before
  /// reading, and reading stops at the first chunk that would pass it.
  private func collect(_ response: HTTPClientResponse) async throws -> HTTPResponse {
    let limit = configuration.maxResponseBytes
    if let declared = response.headers.first(name: "content-length").flatMap({ Int($0) }), declared > limit {
      throw FetchError.responseTooLarge(limit: limit)
    }
    var body: [UInt8] = []
    do {
      for try await chunk in response.body {
        guard body.count + chunk.readableBytes <= limit else { throw FetchError.responseTooLarge(limit: limit) }
        body.append(contentsOf: chunk.readableBytesView)
      }
    } catch let error as FetchError {
      throw error
    } catch {
      throw FetchError.network(Self.reason(error))
    }
    var headers: [(name: String, value: String)] = []
    headers.reserveCapacity(response.headers.count)
    for (name, value) in response.headers { headers.append((name, value)) }
    return HTTPResponse(status: Int(response.status.code), headers: headers, body: body)
  }

  /// A short, secret-free description of a transport failure.
  static func reason(_ error: any Error) -> String {
    switch error {
    case let error as HTTPClientError: return "HTTP client: \(error)"
    case let error as NIOSSLError: return "TLS: \(error)"
    case let error as BoringSSLError: return "TLS: \(error)"
    default: return "transport: \(type(of: error))"
    }
  }
}

/// Runs `body` with a fetcher it owns, then shuts the fetcher down, on success or failure.
@discardableResult
public func withAsyncHTTPClientFetcher<Value>(
  configuration: AsyncHTTPClientFetcher.Configuration = .init(),
  _ body: (AsyncHTTPClientFetcher) async throws -> Value
) async throws -> Value {
  let fetcher = try AsyncHTTPClientFetcher(configuration: configuration)
  let result: Value
  do {
    result = try await body(fetcher)
  } catch {
    try? await fetcher.shutdown()
    throw error
  }
  try await fetcher.shutdown()
  return result
}
