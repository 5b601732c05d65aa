/// Full offline validation of a JWT access token in one call: split, decode and parse the
/// header, select the key from the (pre-parsed) key set, verify the signature, decode and parse
/// the payload (a JSON object), check the claims against a `TokenValidationPolicy`. Returns the whole payload.
///
/// Build once per key set and options; immutable, `Sendable`, safe to share between threads.
/// The token is never copied; the payload is decoded only after the signature verified.
public struct JWTValidator: Sendable {
  /// Signature verification and key selection.
  public let verifier: JWSVerifier
  /// The claim checks.
  public let claimsValidator: ClaimsValidator

  /// `algorithms` is the allow-list; HMAC (`HS*`) is used only if listed here and every key of
  /// `keySet` is an `oct` key.
  public init(
    keySet: JWKSet, algorithms: [JWSAlgorithm] = JWSAlgorithm.defaultAllowList, policy: TokenValidationPolicy,
    maximumTokenByteCount: Int = JWSVerifier.defaultMaximumTokenByteCount
  ) {
    verifier = JWSVerifier(keySet: keySet, algorithms: algorithms, maximumTokenByteCount: maximumTokenByteCount)
    claimsValidator = ClaimsValidator(policy)
  }

  @available(*, deprecated, renamed: "init(keySet:algorithms:policy:maximumTokenByteCount:)")
  public init(
    keySet: JWKSet, algorithms: [JWSAlgorithm] = JWSAlgorithm.defaultAllowList, claims: ClaimsValidationOptions,
    maximumTokenByteCount: Int = JWSVerifier.defaultMaximumTokenByteCount
  ) {
    self.init(
      keySet: keySet, algorithms: algorithms, policy: claims.policy, maximumTokenByteCount: maximumTokenByteCount)
  }

  /// The policy checked.
  public var policy: TokenValidationPolicy { claimsValidator.policy }

  /// The key set.
  public var keySet: JWKSet { verifier.keySet }

  /// Validates `token` at Unix time `now` (certificate thumbprint from the options).
  public func validate(_ token: String, now: Int64) throws(JOSEError) -> JSONObject {
    try token.withUTF8Bytes { (raw) throws(JOSEError) -> JSONObject in
      try validate(raw, now: now, certificateThumbprint: claimsValidator.sharedPolicy.certificateThumbprint)
    }
  }

  /// Validates the token in `token` (ASCII bytes) at Unix time `now`.
  public func validate(_ token: UnsafeRawBufferPointer, now: Int64) throws(JOSEError) -> JSONObject {
    try validate(token, now: now, certificateThumbprint: claimsValidator.sharedPolicy.certificateThumbprint)
  }

  /// Validates `token` at Unix time `now`; `certificateThumbprint` is the base64url SHA-256
  /// thumbprint of the client certificate of this request, if any (RFC 8705).
  public func validate(_ token: String, now: Int64, certificateThumbprint: String?) throws(JOSEError) -> JSONObject {
    try token.withUTF8Bytes { (raw) throws(JOSEError) -> JSONObject in
      try validate(raw, now: now, certificateThumbprint: certificateThumbprint)
    }
  }

  /// Validates the token in `token` (ASCII bytes); see `validate(_:now:certificateThumbprint:)`.
  public func validate(
    _ token: UnsafeRawBufferPointer, now: Int64, certificateThumbprint: String?
  ) throws(JOSEError) -> JSONObject {
    let claims = try verifiedClaims(token)
    try claimsValidator.validate(claims, now: now, certificateThumbprint: certificateThumbprint)
    return claims
  }

  /// Checks the signature (and key selection) only, no claims; returns the payload object.
  public func verifySignature(_ token: String) throws(JOSEError) -> JSONObject {
    try token.withUTF8Bytes { (raw) throws(JOSEError) -> JSONObject in try verifiedClaims(raw) }
  }

  func verifiedClaims(_ token: UnsafeRawBufferPointer) throws(JOSEError) -> JSONObject {
    // One path through `verifySignature` with or without a `typ` rule: a second path (through
    // `verifyJWT`) would put a second copy of the whole verification into the wasm module.
    let checksType = claimsValidator.checksType
    let verified = try verifier.verifySignature(token, typeRule: checksType ? claimsValidator : nil)
    if let typeFailure = verified.typeFailure { throw typeFailure }
    do throws(JOSEError) {
      // Read in place: the claims are checked over the payload's bytes, one allocation in all.
      return try JSONReader.parseObjectInPlace(
        base64URLEncoded: token.slice(verified.parts.payload), limits: verifier.payloadLimits)
    } catch {
      // The same errors as before: `verifyJWT`'s without a `typ` rule.
      if checksType { throw JOSEError(.invalidToken, "the token payload is invalid: \(error.message)") }
      throw error.wrapped(as: .invalidToken, "the token payload is invalid")
    }
  }
}
