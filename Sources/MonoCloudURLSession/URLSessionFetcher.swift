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

/// The state of one transfer; touched only on the session's delegate queue (serial) and
/// before `resume()`.
final class Exchange: @unchecked Sendable {
  let original: URL
  var continuation: CheckedContinuation<HTTPResponse, any Error>?
  var body = Data()
  var failure: FetchError?

  init(original: URL) {
    self.original = original
  }
}

final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  private let maxResponseBytes: Int
  private let clientCredential: URLCredential?
  private let lock = NSLock()
  private var exchanges: [Int: Exchange] = [:]

  init(maxResponseBytes: Int, clientCredential: URLCredential?) {
    self.maxResponseBytes = maxResponseBytes
    self.clientCredential = clientCredential
  }

  func register(_ task: URLSessionTask, _ exchange: Exchange) {
    lock.lock()
    exchanges[task.taskIdentifier] = exchange
    lock.unlock()
  }

  private func exchange(_ task: URLSessionTask, remove: Bool = false) -> Exchange? {
    lock.lock()
    defer { lock.unlock() }
    return remove ? exchanges.removeValue(forKey: task.taskIdentifier) : exchanges[task.taskIdentifier]
  }

  func urlSession(
    _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
  ) {
    if response.expectedContentLength > Int64(maxResponseBytes) {
      exchange(dataTask)?.failure = .responseTooLarge(limit: maxResponseBytes)
      completionHandler(.cancel)
      return
    }
    completionHandler(.allow)
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    guard let exchange = exchange(dataTask) else { return }
    if exchange.body.count + data.count > maxResponseBytes {
      exchange.failure = .responseTooLarge(limit: maxResponseBytes)
      dataTask.cancel()
      return
    }
    exchange.body.append(data)
  }

  func urlSession(
    _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
  ) {
    guard let exchange = exchange(task), let target = request.url else {
      completionHandler(nil)
      return
    }
    let original = exchange.original
    let sameOrigin =
      target.scheme?.lowercased() == original.scheme?.lowercased()
      && target.host?.lowercased() == original.host?.lowercased() && target.port == original.port
    if sameOrigin {
      completionHandler(request)
    } else {
      exchange.failure = .redirectRefused
      completionHandler(nil)
      task.cancel()
    }
  }

  #if !canImport(FoundationNetworking)
    func urlSession(
      _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
      completionHandler: @escaping (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
      if challenge.protectionSpace.authenticationMethod == NSURLAuthenticationMethodClientCertificate,
        let clientCredential
      {
        completionHandler(.useCredential, clientCredential)
      } else {
        completionHandler(.performDefaultHandling, nil)
      }
    }
  #endif

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
    guard let exchange = exchange(task, remove: true), let continuation = exchange.continuation else { return }
    exchange.continuation = nil
    if let failure = exchange.failure {
      continuation.resume(throwing: failure)
    } else if let error {
      continuation.resume(
        throwing: FetchError.network((error as? URLError).map { "URLError \($0.code.rawValue)" } ?? "transport error"))
    } else if let http = task.response as? HTTPURLResponse {
      var headers: [(name: String, value: String)] = []
      for (name, value) in http.allHeaderFields {
        if let name = name as? String, let value = value as? String { headers.append((name, value)) }
      }
      continuation.resume(
        returning: HTTPResponse(status: http.statusCode, headers: headers, body: [UInt8](exchange.body)))
    } else {
      continuation.resume(throwing: FetchError.network("no HTTP response"))
    }
  }
}

extension MonoCloudBackendOptions {
  /// These options with the URLSession fetcher filled in when none is set.
  public func withDefaultFetcher() -> MonoCloudBackendOptions {
    var options = self
    if options.fetcher == nil { options.fetcher = URLSessionFetcher().fetcher }
    return options
  }
}
