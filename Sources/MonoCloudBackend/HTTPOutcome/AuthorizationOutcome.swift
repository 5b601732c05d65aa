/// The HTTP answer a middleware should give for a request, whatever web framework it uses.
public struct AuthorizationOutcome: Sendable {
  /// `.ok` when authorized; otherwise 401, 403, 500 or 503.
  public var status: HTTPStatus
  /// Headers to add to the response (`WWW-Authenticate`, `Retry-After`).
  public var headers: HTTPHeaderFields
  /// The validated claims when `status == .ok`.
  public var claims: TokenClaims?
  /// The error behind a refusal.
  public var error: MonoCloudError?

  public var isAuthorized: Bool { status == .ok }

  public init(
    status: HTTPStatus, headers: HTTPHeaderFields = [], claims: TokenClaims? = nil, error: MonoCloudError? = nil
  ) {
    self.status = status
    self.headers = headers
    self.claims = claims
    self.error = error
  }

  /// Seconds a client is told to wait after a 503 when the tenant did not say (its own
  /// `Retry-After`, capped at an hour, is passed on).
  public static let retryAfterSeconds = 30

  /// No token in the request.
  public static let missingToken = AuthorizationOutcome(
    status: .unauthorized, headers: [("WWW-Authenticate", "Bearer")])

  /// The outcome for a validation error:
  /// missing scopes or groups → 403 `Bearer error="insufficient_scope"`; other token errors
  /// → 401 `Bearer error="invalid_token"`; network, timeout, 5xx or 429 from the tenant →
  /// 503 with `Retry-After`; configuration and other server errors → 500.
  public static func failure(_ error: MonoCloudError) -> AuthorizationOutcome {
    switch error.kind {
    case .token(.insufficientScope), .token(.insufficientGroups):
      return AuthorizationOutcome(
        status: .forbidden, headers: [("WWW-Authenticate", "Bearer error=\"insufficient_scope\"")], error: error)
    case .token:
      return AuthorizationOutcome(
        status: .unauthorized, headers: [("WWW-Authenticate", "Bearer error=\"invalid_token\"")], error: error)
    case .http(let failure) where isTransient(failure):
      let seconds = error.retryAfterSeconds ?? retryAfterSeconds
      return AuthorizationOutcome(status: .serviceUnavailable, headers: [("Retry-After", "\(seconds)")], error: error)
    case .http, .configuration, .authorizationServer:
      return AuthorizationOutcome(status: .internalServerError, error: error)
    }
  }

  /// Failures worth retrying later: the tenant was unreachable, slow, overloaded or broken.
  static func isTransient(_ failure: MonoCloudError.HTTPFailure) -> Bool {
    switch failure {
    case .network, .timeout: return true
    case .status(let status): return status == 429 || (500...599).contains(status)
    case .responseTooLarge, .unexpectedContentType, .redirectRefused, .malformedResponse: return false
    }
  }
}
