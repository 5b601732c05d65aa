import MonoCloudCrypto

// Small helpers of the proof checks: claim reading and byte access (time arithmetic saturates
// through `ClaimsValidator`'s helpers).
extension DPoPProofValidator {
  /// `iat` in whole seconds (a fraction is rounded down).
  static func issuedAt(_ claims: JSONObject) throws(DPoPError) -> Int64 {
    guard let value = claims["iat"] else { throw DPoPError(.malformed, "the iat claim is missing") }
    guard let number = value.numberValue else { throw DPoPError(.malformed, "the iat claim is not a number") }
    if let integer = number.int64Value { return integer }
    guard let double = number.doubleValue, double > -9.0e18, double < 9.0e18 else {
      throw DPoPError(.malformed, "the iat claim is out of range")
    }
    return Int64(double.rounded(.down))
  }
}

extension JSONObject {
  /// The string member `name`, `nil` when absent; malformed when not a string.
  func optionalDPoPString(_ name: String) throws(DPoPError) -> String? {
    try stringMember(name, notAString: Self.claimIsNotAString)
  }

  /// The string member `name`; malformed when absent or not a string.
  func requiredDPoPString(_ name: String) throws(DPoPError) -> String {
    try stringMember(name, notAString: Self.claimIsNotAString) { DPoPError(.malformed, "the \($0) claim is missing") }
  }

  static func claimIsNotAString(_ name: String) -> DPoPError {
    DPoPError(.malformed, "the \(name) claim is not a string")
  }
}

extension String {
  /// `withUTF8Bytes` with the DPoP error type.
  func withDPoPBytes<R>(_ body: (UnsafeRawBufferPointer) throws(DPoPError) -> R) throws(DPoPError) -> R {
    var copy = self
    // An optional and a captured error rather than a `Result`: the `Result` copy instantiated
    // its type metadata on every proof.
    var failure: DPoPError?
    let result: R? = copy.withUTF8 { utf8 in
      do throws(DPoPError) { return try body(UnsafeRawBufferPointer(utf8)) } catch {
        failure = error
        return nil
      }
    }
    guard let result else { throw failure ?? DPoPError(.malformed, "the DPoP proof could not be read") }
    return result
  }
}
