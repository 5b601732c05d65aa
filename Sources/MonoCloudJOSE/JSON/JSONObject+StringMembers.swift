// String members read with the caller's errors: JWKs and DPoP proofs report a missing member and
// one of another type in their own error types and words (names only, never values).
extension JSONObject {
  /// The string member `name`, nil when absent; `notAString(name)` when of another type.
  @inline(__always)
  func stringMember<Failure: Error>(
    _ name: String, notAString: (String) -> Failure
  ) throws(Failure) -> String? {
    guard let value = self[name] else { return nil }
    guard let string = value.stringValue else { throw notAString(name) }
    return string
  }

  /// The string member `name`; `missing(name)` when absent, `notAString(name)` when of another type.
  @inline(__always)
  func stringMember<Failure: Error>(
    _ name: String, notAString: (String) -> Failure, missing: (String) -> Failure
  ) throws(Failure) -> String {
    guard let string = try stringMember(name, notAString: notAString) else { throw missing(name) }
    return string
  }
}
