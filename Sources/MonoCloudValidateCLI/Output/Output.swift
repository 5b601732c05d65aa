import CMonoCloudShim
import MonoCloudJOSE

/// Writing to the standard streams with `write(2)`, unbuffered: each line is complete on the
/// stream when the call returns, so a batch consumer sees every answer as soon as its token
/// is done.
package enum Output {
  package static func standardOutput(_ text: String) {
    writeAll(text, to: 1)
  }

  package static func standardError(_ text: String) {
    writeAll(text, to: 2)
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

/// Writes all of `text` (the shim retries after signals); gives up silently when the stream
/// is gone (a closed pipe), as there is nobody left to tell.
private func writeAll(_ text: String, to descriptor: Int32) {
  var text = text
  text.withUTF8 { buffer in
    guard let base = buffer.baseAddress else { return }
    var offset = 0
    while offset < buffer.count {
      let count = monocloud_write(descriptor, base + offset, UInt(buffer.count - offset))
      guard count > 0 else { return }
      offset += count
    }
  }
}
