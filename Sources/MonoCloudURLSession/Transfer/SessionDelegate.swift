import Foundation
import MonoCloudBackend

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

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
