import MonoCloudJOSE

/// Sends requests to the tenant through the fetcher and enforces what every response must
/// satisfy whatever the fetcher: the response timeout, the body size limit, and (for JSON
/// endpoints) the content type. Reports fetch events.
struct TenantTransport: Sendable {
  let fetcher: Fetcher?
  let timeout: Duration
  let maxResponseBytes: Int
  let clock: MonoCloudClock
  let onEvent: (@Sendable (MonoCloudEvent) -> Void)?

  func send(_ request: HTTPRequest, for resource: MonoCloudEvent.Resource) async -> Result<HTTPResponse, MonoCloudError>
  {
    guard let fetcher else {
      return .failure(
        .configuration(["no fetcher: set options.fetcher (MonoCloudURLSession provides URLSessionFetcher)"]))
    }
    onEvent?(.fetchStarted(resource, url: request.url))
    let start = clock.unixTimeMilliseconds()
    let outcome = await ResponseTimeout.run(timeout: timeout) { try await fetcher.fetch(request) }
    let result: Result<HTTPResponse, MonoCloudError>
    switch outcome {
    case .value(let response):
      if response.body.count > maxResponseBytes {
        result = .failure(tooLarge)
      } else {
        result = .success(response)
      }
    case .timedOut:
      result = .failure(.http(.timeout, "no response from the tenant within \(timeout.wholeMilliseconds) ms"))
    case .cancelled:
      result = .failure(.http(.network, "the request was cancelled"))
    case .failed(let error):
      switch error as? FetchError {
      case .responseTooLarge: result = .failure(tooLarge)
      case .redirectRefused:
        result = .failure(.http(.redirectRefused, "the tenant redirected to another host; refused"))
      case .network(let reason): result = .failure(.http(.network, "the tenant could not be reached: \(reason)"))
      case nil: result = .failure(.http(.network, "the tenant could not be reached"))
      }
    }
    switch result {
    case .success(let response):
      onEvent?(
        .fetchFinished(
          resource, url: request.url, status: response.status, milliseconds: clock.unixTimeMilliseconds() - start))
    case .failure(let error):
      onEvent?(.fetchFailed(resource, url: request.url, error: error))
    }
    return result
  }

  private var tooLarge: MonoCloudError {
    .http(.responseTooLarge(limit: maxResponseBytes), "the response is larger than \(maxResponseBytes) bytes")
  }

  /// `GET url` that must answer 200 with a JSON object.
  func getJSONObject(_ url: String, for resource: MonoCloudEvent.Resource) async -> Result<JSONObject, MonoCloudError> {
    let request = HTTPRequest(method: "GET", url: url, headers: [("Accept", "application/json")])
    let response: HTTPResponse
    switch await send(request, for: resource) {
    case .success(let value): response = value
    case .failure(let error): return .failure(error)
    }
    guard response.status == 200 else {
      let error = MonoCloudError.status(response, "\(resource.rawValue) request answered HTTP \(response.status)")
      onEvent?(.fetchFailed(resource, url: url, error: error))
      return .failure(error)
    }
    return Self.jsonObject(response, resource)
  }

  /// The body as a JSON object, when the content type says JSON.
  static func jsonObject(_ response: HTTPResponse, _ resource: MonoCloudEvent.Resource) -> Result<
    JSONObject, MonoCloudError
  > {
    guard isJSON(response.header("Content-Type")) else {
      return .failure(.http(.unexpectedContentType, "\(resource.rawValue) response is not application/json"))
    }
    do {
      return .success(try JSONReader.parseObject(response.body))
    } catch {
      return .failure(.http(.malformedResponse, "\(resource.rawValue) response is not a JSON object: \(error.message)"))
    }
  }

  /// `application/json` or `application/…+json`, parameters allowed, any case.
  static func isJSON(_ contentType: String?) -> Bool {
    guard let contentType else { return false }
    let mediaType = ConfigurationText.trimmed(String(contentType.prefix { $0 != ";" })).lowercased()
    return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
  }
}
