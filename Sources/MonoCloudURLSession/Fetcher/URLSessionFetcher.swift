import Foundation
import MonoCloudBackend

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The default `Fetcher`: `URLSession` (FoundationNetworking on Linux).
///
/// - Redirects are followed only to the same scheme, host and port; any other redirect
///   fails with `FetchError.redirectRefused`.
/// - Bodies larger than `maxResponseBytes` are cut off: the transfer is cancelled and
///   `FetchError.responseTooLarge` thrown.
/// - Client certificates (`tls_client_auth`): on Apple platforms pass `clientCredential`
///   (a `URLCredential(identity:certificates:persistence:)`), answered to the server's
///   client-certificate challenge. swift-corelibs-foundation on Linux cannot present client
///   certificates at all (`NSURLAuthenticationMethodClientCertificate` is unavailable
///   there); the credential is ignored and the request is sent without one, so on Linux
///   terminate mutual TLS in a sidecar/proxy or supply a fetcher built on another HTTP stack.
public final class URLSessionFetcher: Sendable {
  public let maxResponseBytes: Int
  private let session: URLSession
  private let delegate: SessionDelegate

  public init(
    configuration: URLSessionConfiguration = .ephemeral, maxResponseBytes: Int = 1 << 20,
    clientCredential: URLCredential? = nil
  ) {
    self.maxResponseBytes = maxResponseBytes
    configuration.httpCookieStorage = nil
    configuration.urlCache = nil
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    delegate = SessionDelegate(maxResponseBytes: maxResponseBytes, clientCredential: clientCredential)
    session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
  }

  deinit {
    session.finishTasksAndInvalidate()
  }

  /// This fetcher as the client's `Fetcher` closure.
  public var fetcher: Fetcher {
    Fetcher { request in try await self.fetch(request) }
  }

  /// Performs one request.
  public func fetch(_ request: HTTPRequest) async throws -> HTTPResponse {
    guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(),
      scheme == "https" || scheme == "http"
    else { throw FetchError.network("invalid URL") }
    var urlRequest = URLRequest(url: url)
    urlRequest.httpMethod = request.method
    for header in request.headers { urlRequest.addValue(header.value, forHTTPHeaderField: header.name) }
    if !request.body.isEmpty || request.method == "POST" { urlRequest.httpBody = Data(request.body) }

    let task = session.dataTask(with: urlRequest)
    let exchange = Exchange(original: url)
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
        exchange.continuation = continuation
        delegate.register(task, exchange)
        task.resume()
      }
    } onCancel: {
      task.cancel()
    }
  }
}
