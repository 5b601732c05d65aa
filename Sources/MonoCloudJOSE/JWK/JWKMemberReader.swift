/// Typed access to a JWK's members, with the library's error messages (names, never values).
struct JWKMemberReader {
  let object: JSONObject

  func contains(_ name: String) -> Bool { object.contains(name) }

  func optionalString(_ name: String) throws(JOSEError) -> String? {
    try object.stringMember(name, notAString: Self.isNotAString)
  }

  func requiredString(_ name: String) throws(JOSEError) -> String {
    try object.stringMember(name, notAString: Self.isNotAString) { JOSEError(.invalidKey, "JWK: \($0) is missing") }
  }

  static func isNotAString(_ name: String) -> JOSEError { JOSEError(.invalidKey, "JWK: \(name) is not a string") }

  /// A base64url member's bytes (strict: unpadded URL alphabet, no whitespace, zero trailing bits).
  func optionalBytes(_ name: String) throws(JOSEError) -> [UInt8]? {
    guard let string = try optionalString(name) else { return nil }
    do throws(JOSEError) {
      return try Base64URL.decode(string)
    } catch {
      throw error.wrapped(as: .invalidKey, "JWK: \(name) is not valid base64url")
    }
  }

  func requiredBytes(_ name: String) throws(JOSEError) -> [UInt8] {
    guard let bytes = try optionalBytes(name) else { throw JOSEError(.invalidKey, "JWK: \(name) is missing") }
    return bytes
  }

  /// `key_ops`: an array of distinct strings (RFC 7517 §4.3).
  func optionalKeyOperations() throws(JOSEError) -> [String]? {
    guard let value = object["key_ops"] else { return nil }
    guard let elements = value.arrayValue else { throw JOSEError(.invalidKey, "JWK: key_ops is not an array") }
    var operations: [String] = []
    operations.reserveCapacity(elements.count)
    for element in elements {
      guard let operation = element.stringValue else {
        throw JOSEError(.invalidKey, "JWK: key_ops has a non-string element")
      }
      if operations.contains(where: { $0.utf8Equals(operation) }) {
        throw JOSEError(.invalidKey, "JWK: key_ops has a duplicate element")
      }
      operations.append(operation)
    }
    return operations
  }
}
