/// An HTTP response status code, typed, with the ones a middleware answers with named.
public struct HTTPStatus: RawRepresentable, ExpressibleByIntegerLiteral, Sendable, Hashable, CustomStringConvertible {
  /// The numeric code, e.g. 401.
  public var code: Int

  public init(code: Int) { self.code = code }
  public init(rawValue: Int) { self.code = rawValue }
  public init(integerLiteral value: Int) { self.code = value }

  public var rawValue: Int { code }
  public var description: String { "\(code)" }

  /// 200: the request may proceed.
  public static let ok: HTTPStatus = 200
  /// 401: no token, or the token was rejected.
  public static let unauthorized: HTTPStatus = 401
  /// 403: a required scope or group is missing.
  public static let forbidden: HTTPStatus = 403
  /// 500: the options or the authorization server's answer are unusable.
  public static let internalServerError: HTTPStatus = 500
  /// 503: the authorization server is unreachable or overloaded; retry later.
  public static let serviceUnavailable: HTTPStatus = 503
}
