import MonoCloudBackend
import Vapor

/// A refused request, as Vapor's `AbortError`: the status and headers the core's
/// `AuthorizationOutcome` gives (401 with RFC 6750 `WWW-Authenticate`, 403, 503 with
/// `Retry-After`, 500) and a reason in the RFC 6750 vocabulary. The reason never contains the
/// token; for server-side failures (5xx) it says only what the client can act on.
public struct MonoCloudAbort: AbortError, Sendable {
  public let status: HTTPResponseStatus
  public let headers: HTTPHeaders
  public let reason: String
  /// The RFC 6750 error code: `invalid_request`, `invalid_token`, `insufficient_scope`,
  /// `temporarily_unavailable` or `server_error`.
  public let code: String
  /// The core's error behind the refusal, for logging (its message holds no token or secret).
  public let error: MonoCloudError?

  init(status: HTTPResponseStatus, headers: HTTPHeaders, error: MonoCloudError?) {
    let (code, description) = Self.describe(status: status.code, error: error)
    self.status = status
    self.headers = headers
    self.code = code
    self.reason = description
    self.error = error
  }

  init(status: HTTPResponseStatus, headers: HTTPHeaders, code: String, reason: String) {
    self.status = status
    self.headers = headers
    self.code = code
    self.reason = reason
    self.error = nil
  }

  /// 401 for a request whose `Authorization` header cannot be taken apart safely.
  static func malformedRequest(_ reason: String) -> MonoCloudAbort {
    var headers = HTTPHeaders()
    headers.add(
      name: .wwwAuthenticate,
      value: "Bearer error=\"invalid_request\", error_description=\"\(quotedStringSafe(reason))\"")
    return MonoCloudAbort(status: .unauthorized, headers: headers, code: "invalid_request", reason: reason)
  }

  /// 401 `Bearer`: no token was presented.
  static var missingToken: MonoCloudAbort {
    MonoCloudAbort(outcome: .missingToken, requiredScopes: [])
  }

  /// 500: the route is protected but `app.monocloud.configure(...)` was never called.
  static var notConfigured: MonoCloudAbort {
    MonoCloudAbort(
      status: .internalServerError, headers: [:], code: "server_error", reason: "the token could not be checked")
  }

  static func describe(status: UInt, error: MonoCloudError?) -> (code: String, description: String) {
    switch status {
    case 503: return ("temporarily_unavailable", "the authorization server cannot be reached; retry later")
    case 500...: return ("server_error", "the token could not be checked")
    case 403: return ("insufficient_scope", error?.message ?? "the token lacks a required scope or group")
    default:
      if let error, case .token = error.kind { return ("invalid_token", error.message) }
      return ("invalid_request", "a bearer token is required")
    }
  }

  /// The core's challenge (`Bearer` or `Bearer error="…"`) with the description and scope added.
  static func challenge(_ base: String, error: MonoCloudError?, requiredScopes: [String]) -> String {
    guard let error, base.contains("error=") else { return base }
    var challenge = base + ", error_description=\"\(quotedStringSafe(error.message))\""
    if case .token(.insufficientScope) = error.kind, !requiredScopes.isEmpty {
      challenge += ", scope=\"\(quotedStringSafe(requiredScopes.joined(separator: " ")))\""
    }
    return challenge
  }

  /// Printable ASCII without `"` and `\` (RFC 6750 §3 limits `error_description` to these),
  /// at most 200 characters.
  static func quotedStringSafe(_ text: String) -> String {
    var kept = String.UnicodeScalarView()
    var count = 0
    for scalar in text.unicodeScalars
    where scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\" {
      kept.append(scalar)
      count += 1
      if count == 200 { break }
    }
    return String(kept)
  }
}
