/// Every failure of the MonoCloud backend client, as one typed error.
///
/// `kind` is for programs (HTTP mapping, retries); `message` is for people. Messages never
/// contain tokens, client secrets or key material.
public struct MonoCloudError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The machine-readable class of a failure.
  public enum Kind: Sendable, Equatable {
    /// The options are unusable; every problem found is listed, each naming the option or
    /// environment variable at fault.
    case configuration([String])
    /// The access token was rejected.
    case token(TokenErrorCode)
    /// The authorization server answered with an OAuth error (`error`, `error_description`).
    case authorizationServer(error: String, description: String?)
    /// The authorization server could not be reached or answered with something unusable.
    case http(HTTPFailure)
  }

  /// Why a token was rejected; `name` is the wire code.
  public enum TokenErrorCode: Sendable, Equatable {
    case invalidToken
    case inactiveToken
    case insufficientScope
    case insufficientGroups

    /// `invalid_token`, `inactive_token`, `insufficient_scope` or `insufficient_groups`.
    public var name: String {
      switch self {
      case .invalidToken: return "invalid_token"
      case .inactiveToken: return "inactive_token"
      case .insufficientScope: return "insufficient_scope"
      case .insufficientGroups: return "insufficient_groups"
      }
    }
  }

  /// What went wrong talking to the authorization server.
  public enum HTTPFailure: Sendable, Equatable {
    /// A response status the endpoint does not allow.
    case status(Int)
    /// The connection failed (DNS, TCP, TLS, reset) or the fetcher threw.
    case network
    /// No complete response within `responseTimeout`.
    case timeout
    /// The body was larger than the client accepts.
    case responseTooLarge(limit: Int)
    /// A JSON endpoint answered with another content type.
    case unexpectedContentType
    /// The server redirected to another host or scheme, which is refused.
    case redirectRefused
    /// The body is not the JSON document the endpoint must return.
    case malformedResponse

    /// The HTTP status, when a response with an unusable status arrived.
    public var status: Int? {
      if case .status(let status) = self { return status }
      return nil
    }
  }

  public var kind: Kind
  public var message: String
  /// The tenant's `Retry-After` (delta-seconds), when it sent one with a 429 or 5xx.
  public var retryAfterSeconds: Int?

  public init(_ kind: Kind, _ message: String, retryAfterSeconds: Int? = nil) {
    self.kind = kind
    self.message = message
    self.retryAfterSeconds = retryAfterSeconds
  }

  /// The HTTP error for an unusable response status, with the tenant's `Retry-After` if any.
  static func status(_ response: HTTPResponse, _ message: String) -> MonoCloudError {
    var retryAfter: Int?
    if let header = response.header("Retry-After") {
      let value = EnvironmentReader.trim(header)
      if !value.isEmpty, value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
        retryAfter = Int(value).map { min($0, 3600) }
      }
    }
    return MonoCloudError(.http(.status(response.status)), message, retryAfterSeconds: retryAfter)
  }

  /// A configuration error listing every problem.
  public static func configuration(_ problems: [String]) -> MonoCloudError {
    MonoCloudError(.configuration(problems), "invalid configuration: " + problems.joined(separator: "; "))
  }

  /// A token error.
  public static func token(_ code: TokenErrorCode, _ message: String) -> MonoCloudError {
    MonoCloudError(.token(code), message)
  }

  /// An HTTP-level failure.
  public static func http(_ failure: HTTPFailure, _ message: String) -> MonoCloudError {
    MonoCloudError(.http(failure), message)
  }

  /// The wire code of the error: the token code, the server's `error`, `configuration_error` or `http_error`.
  public var code: String {
    switch kind {
    case .configuration: return "configuration_error"
    case .token(let code): return code.name
    case .authorizationServer(let error, _): return error
    case .http: return "http_error"
    }
  }

  public var description: String { "\(code): \(message)" }
}
