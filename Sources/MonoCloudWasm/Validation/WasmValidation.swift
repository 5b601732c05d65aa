import MonoCloudJOSE

/// The outcome of one `mc_validate` call: the status it returns and the JSON it leaves in the
/// result buffer.
///
/// - 0: the token is valid; `result` is the claims object (the whole payload).
/// - 1: the token was rejected; `result` is `{"error": CODE, "message": TEXT}` with CODE
///   `invalid_token`, `insufficient_scope` or `insufficient_groups`.
/// - 2: the options or the JWKS cannot be used; CODE is `invalid_options` or `invalid_jwks`.
package struct WasmValidationResult: Sendable {
  package var status: Int32
  package var result: [UInt8]

  package static let valid: Int32 = 0
  package static let rejected: Int32 = 1
  package static let badInput: Int32 = 2

  package init(status: Int32, result: [UInt8]) {
    self.status = status
    self.result = result
  }

  package static func failure(_ status: Int32, code: String, message: String) -> WasmValidationResult {
    var object = JSONObject()
    object["error"] = .string(code)
    object["message"] = .string(message)
    return WasmValidationResult(status: status, result: JSONWriter.bytes(object))
  }
}

/// Validates `token` against the key set `jwks` (`{"keys": [...]}`) with `options` (see
/// `WasmOptions`), all three given as UTF-8 bytes. Stateless; this is what `mc_validate` does
/// (minus its cache) and what the native tests call.
package func validateForWasm(
  token: UnsafeRawBufferPointer, jwks: UnsafeRawBufferPointer, options: UnsafeRawBufferPointer
) -> WasmValidationResult {
  var session = WasmValidationSession()
  return session.validate(token: token, jwks: jwks, options: options)
}

/// `validateForWasm` on byte arrays.
package func validateForWasm(token: [UInt8], jwks: [UInt8], options: [UInt8]) -> WasmValidationResult {
  token.withUnsafeBytes { tokenBytes in
    jwks.withUnsafeBytes { jwksBytes in
      options.withUnsafeBytes { optionsBytes in
        validateForWasm(token: tokenBytes, jwks: jwksBytes, options: optionsBytes)
      }
    }
  }
}

/// Validation with one-entry caches: the options are parsed again only when their bytes change,
/// the key set is re-imported only when the JWKS bytes change, and the validator is rebuilt
/// only when the JWKS or the options (other than `now`) change. A JavaScript caller validating many tokens against one JWKS pays for the key import
/// (RSA and EC key checks) once.
package struct WasmValidationSession {
  private var cachedOptionBytes: [UInt8] = []
  private var cachedOptions: WasmOptions?
  private var cachedJWKS: [UInt8] = []
  private var cachedKeySet: JWKSet?
  private var cachedFingerprint: [UInt8] = []
  private var cachedValidator: JWTValidator?

  package init() {}

  /// What a call decided: valid claims, or the whole result of a failure.
  private enum Outcome {
    case valid(JSONObject)
    case finished(WasmValidationResult)
  }

  package mutating func validate(
    token: UnsafeRawBufferPointer, jwks: UnsafeRawBufferPointer, options: UnsafeRawBufferPointer
  ) -> WasmValidationResult {
    switch outcome(token: token, jwks: jwks, options: options) {
    case .finished(let result):
      return result
    case .valid(let claims):
      return WasmValidationResult(
        status: WasmValidationResult.valid, result: claims.sourceDocument ?? payload(of: claims, token))
    }
  }

  /// `validate`, leaving the result's JSON in `output` and returning the status. For a valid
  /// token the claims are copied into `output`'s storage, which is reused: validating token after
  /// token allocates nothing for the result once it is large enough.
  package mutating func validate(
    token: UnsafeRawBufferPointer, jwks: UnsafeRawBufferPointer, options: UnsafeRawBufferPointer,
    into output: inout [UInt8]
  ) -> Int32 {
    switch outcome(token: token, jwks: jwks, options: options) {
    case .finished(let result):
      output = result.result
      return result.status
    case .valid(let claims):
      if !claims.copySourceDocument(into: &output) { output = payload(of: claims, token) }
      return WasmValidationResult.valid
    }
  }

  /// The claims are the payload exactly as signed: the strict reader has just accepted those
  /// bytes as a JSON object, so they are handed back as they are instead of written again
  /// (from the validator's in-place object when it kept them, else decoded again).
  private func payload(of claims: JSONObject, _ token: UnsafeRawBufferPointer) -> [UInt8] {
    signedPayload(of: token) ?? JSONWriter.bytes(claims)
  }

  private mutating func outcome(
    token: UnsafeRawBufferPointer, jwks: UnsafeRawBufferPointer, options optionBytes: UnsafeRawBufferPointer
  ) -> Outcome {
    // Callers pass the same options (and, within a second, the same `now`) again and again.
    let options: WasmOptions
    if let cached = cachedOptions, cachedOptionBytes.withUnsafeBytes({ bytesEqual($0, optionBytes) }) {
      options = cached
    } else {
      cachedOptions = nil
      do throws(WasmOptionsError) {
        options = try WasmOptions(jsonBytes: optionBytes)
      } catch {
        return .finished(.failure(WasmValidationResult.badInput, code: "invalid_options", message: error.message))
      }
      cachedOptions = options
      cachedOptionBytes = Array(optionBytes)
    }

    let keySetChanged = cachedKeySet == nil || !cachedJWKS.withUnsafeBytes { bytesEqual($0, jwks) }
    if keySetChanged {
      cachedKeySet = nil
      cachedValidator = nil
      let keySet: JWKSet
      do throws(JOSEError) {
        keySet = try JWKSet(publicKeysFromJSONBytes: Array(jwks))
      } catch {
        return .finished(.failure(WasmValidationResult.badInput, code: "invalid_jwks", message: error.message))
      }
      guard !keySet.keys.isEmpty else {
        return .finished(.failure(WasmValidationResult.badInput, code: "invalid_jwks", message: "JWKS: no usable key"))
      }
      cachedJWKS = Array(jwks)
      cachedKeySet = keySet
    }
    guard let keySet = cachedKeySet else {
      return .finished(.failure(WasmValidationResult.badInput, code: "invalid_jwks", message: "JWKS: no usable key"))
    }

    let sameOptions = cachedFingerprint.withUnsafeBytes { cached in
      options.fingerprint.withUnsafeBytes { bytesEqual(cached, $0) }
    }
    if cachedValidator == nil || !sameOptions {
      cachedValidator = JWTValidator(keySet: keySet, algorithms: options.algorithms, policy: options.policy)
      cachedFingerprint = options.fingerprint
    }

    do throws(JOSEError) {
      // The cached validator is used in place (not copied out of the optional).
      guard let claims = try cachedValidator?.validate(token, now: options.now) else {
        return .finished(
          .failure(WasmValidationResult.badInput, code: "invalid_options", message: "options: no validator"))
      }
      return .valid(claims)
    } catch {
      return .finished(.failure(WasmValidationResult.rejected, code: wasmErrorCode(error.code), message: error.message))
    }
  }
}

/// The decoded payload (second part) of a compact JWS, or `nil` if it has no two dots or the
/// part is not base64url (not the case for a token that was just validated).
private func signedPayload(of token: UnsafeRawBufferPointer) -> [UInt8]? {
  guard let firstDot = token.firstIndex(of: UInt8(ascii: ".")) else { return nil }
  let rest = UnsafeRawBufferPointer(rebasing: token[(firstDot + 1)...])
  guard let secondDot = rest.firstIndex(of: UInt8(ascii: ".")) else { return nil }
  return try? Base64URL.decode(UnsafeRawBufferPointer(rebasing: rest[..<secondDot]))
}

/// The `error` member for a rejected token: the scope and group codes pass through, every other
/// failure of a token is `invalid_token` (as in the CLI and the HTTP mapping).
package func wasmErrorCode(_ code: JOSEError.Code) -> String {
  switch code {
  case .insufficientScope: return "insufficient_scope"
  case .insufficientGroups: return "insufficient_groups"
  default: return "invalid_token"
  }
}
