import MonoCloudJOSE

/// Every failure of the MonoCloud backend client, as one typed error (in the style of
/// swift-asn1's `ASN1Error`): a small `code` callers switch on, the detail in `kind`, and a
/// human `reason` that is kept as it travels up (a wrapped `JOSEError` keeps its message).
/// `==` and `~=` compare the code only, never the text. Reasons never contain tokens,
/// client secrets or key material.
public struct MonoCloudError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The class of a failure, for `switch` and `catch` patterns.
  public enum Code: Sendable, Hashable {
    /// The options are unusable.
    case configuration
    /// The access token was rejected; the token error codes are JOSE's (`invalid_token`,
    /// `inactive_token`, `insufficient_scope`, `insufficient_groups`).
    case token(JOSEError.Code)
    /// The authorization server answered with an OAuth error.
    case authorizationServer
    /// The authorization server could not be reached or answered with something unusable.
    case http
  }

  /// The detail of a failure.
  public enum Kind: Sendable, Equatable {
    /// Every problem found, each naming the option or environment variable at fault.
    case configuration([String])
    /// The access token was rejected.
    case token(JOSEError.Code)
    /// The authorization server answered with an OAuth error (`error`, `error_description`).
    case authorizationServer(error: String, description: String?)
    /// The authorization server could not be reached or answered with something unusable.
    case http(HTTPFailure)
  }

  @available(*, deprecated, renamed: "JOSEError.Code")
  public typealias TokenErrorCode = JOSEError.Code

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
  /// Why, for people: kept unchanged as the error travels up.
  public var reason: String
  /// The tenant's `Retry-After` (delta-seconds), when it sent one with a 429 or 5xx.
  public var retryAfterSeconds: Int?
  /// The DPoP failure (RFC 9449) behind an `invalid_token` error, when the proof or the
  /// token's binding failed; its `code` is the error of the `WWW-Authenticate: DPoP` answer.
  public var dpop: DPoPError?

  public init(_ kind: Kind, _ reason: String, retryAfterSeconds: Int? = nil) {
    self.kind = kind
    self.reason = reason
    self.retryAfterSeconds = retryAfterSeconds
  }

  /// The class of the failure.
  public var code: Code {
    switch kind {
    case .configuration: return .configuration
    case .token(let code): return .token(code)
    case .authorizationServer: return .authorizationServer
    case .http: return .http
    }
  }

  @available(*, deprecated, renamed: "reason")
  public var message: String {
    get { reason }
    set { reason = newValue }
  }

  /// Equal codes; the reasons and details are not compared.
  public static func == (lhs: MonoCloudError, rhs: MonoCloudError) -> Bool {
    lhs.code == rhs.code
  }

  /// Matches any `MonoCloudError` with the same code, for `catch MonoCloudError.token(...)`-style patterns.
  public static func ~= (pattern: MonoCloudError, value: any Error) -> Bool {
    guard let error = value as? MonoCloudError else { return false }
    return error.code == pattern.code
  }

  /// The HTTP error for an unusable response status, with the tenant's `Retry-After` if any.
  static func status(_ response: HTTPResponse, _ reason: String) -> MonoCloudError {
    var retryAfter: Int?
    if let header = response.header("Retry-After") {
      let value = ConfigurationText.trimmed(header)
      if let seconds = ConfigurationText.nonNegativeInteger(value) { retryAfter = Int(min(seconds, 3600)) }
    }
    return MonoCloudError(.http(.status(response.status)), reason, retryAfterSeconds: retryAfter)
  }

  /// A configuration error listing every problem.
  public static func configuration(_ problems: [String]) -> MonoCloudError {
    MonoCloudError(.configuration(problems), "invalid configuration: " + problems.joined(separator: "; "))
  }

  /// A token error.
  public static func token(_ code: JOSEError.Code, _ reason: String) -> MonoCloudError {
    MonoCloudError(.token(code), reason)
  }

  /// A token error from JOSE's checks: scope and group codes are kept, every other failure
  /// of the token is `invalid_token`; the reason is JOSE's, unchanged.
  public static func token(_ error: JOSEError) -> MonoCloudError {
    switch error.code {
    case .insufficientScope, .insufficientGroups, .inactiveToken: return .token(error.code, error.message)
    case .invalidToken, .invalidKey, .invalidInput: return .token(.invalidToken, error.message)
    }
  }

  /// A DPoP failure: an `invalid_token` error carrying `failure` (its message as the reason).
  public static func dpop(_ failure: DPoPError) -> MonoCloudError {
    var error = MonoCloudError(.token(.invalidToken), failure.message)
    error.dpop = failure
    return error
  }

  /// An HTTP-level failure.
  public static func http(_ failure: HTTPFailure, _ reason: String) -> MonoCloudError {
    MonoCloudError(.http(failure), reason)
  }

  /// The wire code: the token code, the server's `error`, `configuration_error` or `http_error`.
  public var name: String {
    if let dpop { return dpop.code.name }
    switch kind {
    case .configuration: return "configuration_error"
    case .token(let code): return code.name
    case .authorizationServer(let error, _): return error
    case .http: return "http_error"
    }
  }

  public var description: String { "\(name): \(reason)" }
}
