import Foundation
import MonoCloudJOSE

/// Writing to the standard streams, unbuffered: each line is complete when written, so a
/// batch consumer sees every answer as soon as its token is done.
enum Output {
  static func standardOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// The claims of a valid token: one compact JSON line.
  static func claimsLine(_ claims: JSONObject) -> String {
    JSONWriter.string(claims) + "\n"
  }

  /// The stderr line of a rejected token.
  static func rejectionLine(code: String, message: String) -> String {
    "error: \(code): \(message)\n"
  }

  /// One `--batch` answer: `{"valid":true,"claims":{…}}` or
  /// `{"valid":false,"error":"<code>","message":"…"}`, compact, with a newline.
  static func batchLine(_ verdict: Verdict) -> String {
    var object = JSONObject()
    switch verdict {
    case .valid(let claims):
      object["valid"] = .bool(true)
      object["claims"] = .object(claims)
    case .rejected(let code, let message):
      object["valid"] = .bool(false)
      object["error"] = .string(code)
      object["message"] = .string(message)
    }
    return JSONWriter.string(object) + "\n"
  }
}
