import MonoCloudJOSE

/// The `cnf` claim (RFC 7800) as an object: some introspection responses send it as a JSON
/// string (`"cnf": "{\"jkt\":\"…\"}"`); it is parsed so that `x5t#S256` and `jkt` are checked
/// as usual. A string that is not a JSON object is left as it is (and refused as `cnf`).
enum ConfirmationClaim {
  static func normalized(_ claims: JSONObject) -> JSONObject {
    guard case .string(let text)? = claims["cnf"],
      let object = try? JSONReader.parseObject(Array(text.utf8))
    else { return claims }
    var copy = claims
    copy["cnf"] = .object(object)
    return copy
  }
}
