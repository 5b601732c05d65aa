import HTTPTypes
import Hummingbird
import MonoCloudBackend
import NIOCore

// The only place this package reads `AuthorizationOutcome.status` and `.headers`: if their
// types change (a typed status, a header-field value type), this is the one function to adapt.
extension MonoCloudAuthMiddleware {
  /// The refusal for `outcome`: its status and headers, the RFC 6750 `WWW-Authenticate`
  /// completed with `error_description` and (for a missing scope) `scope`, and a small JSON
  /// body. Nothing in it comes from the token itself.
  static func refusal(for outcome: AuthorizationOutcome, requiredScopes: [String]) -> Response {
    var fields = HTTPFields()
    for header in outcome.headers {
      guard let name = HTTPField.Name(header.name) else { continue }
      if name == .wwwAuthenticate {
        fields.append(
          HTTPField(
            name: name, value: Self.challenge(header.value, error: outcome.error, requiredScopes: requiredScopes)))
      } else {
        fields.append(HTTPField(name: name, value: header.value))
      }
    }
    return RefusalBody.response(
      status: HTTPTypes.HTTPResponse.Status(code: outcome.status.code), fields: fields, error: outcome.error)
  }

  /// The core's challenge (`Bearer` or `Bearer error="…"`) with the description and scope added.
  static func challenge(_ base: String, error: MonoCloudError?, requiredScopes: [String]) -> String {
    guard let error, base.contains("error=") else { return base }
    var challenge = base
    challenge += ", error_description=\"\(RefusalBody.quotedStringSafe(error.reason))\""
    if case .token(.insufficientScope) = error.kind, !requiredScopes.isEmpty {
      challenge += ", scope=\"\(RefusalBody.quotedStringSafe(requiredScopes.joined(separator: " ")))\""
    }
    return challenge
  }
}

/// Refusal bodies: `{"error": "...", "error_description": "..."}` in the RFC 6750 vocabulary.
/// Server-side failures (5xx) say only what the client can act on, never the internal reason.
enum RefusalBody {
  static func response(status: HTTPTypes.HTTPResponse.Status, fields: HTTPFields, error: MonoCloudError?) -> Response {
    let (code, description) = describe(status: status.code, error: error)
    return response(status: status, fields: fields, code: code, description: description)
  }

  static func response(
    status: HTTPTypes.HTTPResponse.Status, fields: HTTPFields, code: String, description: String?
  ) -> Response {
    var fields = fields
    var json = "{\"error\":\"\(code)\""
    if let description { json += ",\"error_description\":\"\(quotedStringSafe(description))\"" }
    json += "}"
    fields[.contentType] = "application/json"
    fields[.cacheControl] = "no-store"
    return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: json)))
  }

  static func describe(status: Int, error: MonoCloudError?) -> (code: String, description: String?) {
    switch status {
    case 503: return ("temporarily_unavailable", "the authorization server cannot be reached; retry later")
    case 500...: return ("server_error", "the token could not be checked")
    case 403: return ("insufficient_scope", error?.reason)
    default:
      if let error, case .token = error.kind { return ("invalid_token", error.reason) }
      return ("invalid_request", "a bearer token is required")
    }
  }

  /// 401 for a request whose `Authorization` header cannot be taken apart safely.
  static func malformedRequest(_ reason: String) -> Response {
    var fields = HTTPFields()
    fields[.wwwAuthenticate] = "Bearer error=\"invalid_request\", error_description=\"\(quotedStringSafe(reason))\""
    return response(status: .unauthorized, fields: fields, code: "invalid_request", description: reason)
  }

  /// Printable ASCII without `"` and `\\` (RFC 6750 §3 limits `error_description` to these), at
  /// most 200 characters.
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
