import MonoCloudCrypto

/// A compact JWS whose signature has been verified.
public struct VerifiedJWS: Sendable {
  /// The protected header.
  public let header: JSONObject
  /// The payload bytes (any bytes at this level; `JWTValidator` requires a JSON object).
  public let payload: [UInt8]
  /// The algorithm that verified it.
  public let algorithm: JWSAlgorithm
  /// The key that verified it.
  public let key: JWK
}

/// Verifies compact JWS (RFC 7515) against a key set, with these rules: exactly three
/// segments; a JSON-object header (strict reader, duplicate names rejected); no `crit`; `alg`
/// in the allow-list (never `none`); header `jwk`/`jku`/`x5u`/`x5c` ignored; the one key the
/// selection rules leave (see `KeySelector`); the signature length checked for the algorithm
/// and key before any crypto; ECDSA signatures in raw `r‖s` form only. The JWS JSON
/// serialization is not supported.
///
/// Build once per key set (keys are prepared here) and share: it is immutable and `Sendable`.
public struct JWSVerifier: Sendable {
  /// The key set.
  public let keySet: JWKSet
  /// The algorithms that can be accepted: the requested ones, minus HMAC unless every key of
  /// the set is an `oct` key.
  public var algorithms: [JWSAlgorithm] { selector.algorithms }
  /// Tokens longer than this are rejected before any parsing.
  public let maximumTokenByteCount: Int
  let selector: KeySelector
  let headerLimits: JSONReader.Limits
  let payloadLimits: JSONReader.Limits

  /// The default token size limit (64 KiB; access tokens are a few KiB at most).
  public static let defaultMaximumTokenByteCount = 65_536

  /// Prepares `keySet` for `algorithms`. HMAC algorithms must be listed explicitly and are
  /// then used only if every key of the set is an `oct` key.
  public init(
    keySet: JWKSet, algorithms: [JWSAlgorithm] = JWSAlgorithm.defaultAllowList,
    maximumTokenByteCount: Int = JWSVerifier.defaultMaximumTokenByteCount
  ) {
    self.keySet = keySet
    self.maximumTokenByteCount = maximumTokenByteCount
    selector = KeySelector(keySet: keySet, algorithms: algorithms)
    headerLimits = JSONReader.Limits(maxDepth: 16, maxInputBytes: maximumTokenByteCount)
    payloadLimits = JSONReader.Limits(maxDepth: 64, maxInputBytes: maximumTokenByteCount)
  }

  /// Verifies `token` and returns its header and payload.
  public func verify(_ token: String) throws(JOSEError) -> VerifiedJWS {
    try token.withUTF8Bytes { (raw) throws(JOSEError) -> VerifiedJWS in try verify(raw) }
  }

  /// Verifies the compact JWS in `token` (ASCII bytes) and returns its header and payload.
  public func verify(_ token: UnsafeRawBufferPointer) throws(JOSEError) -> VerifiedJWS {
    var unused: SHA256?
    let verified = try verifySignature(
      token, signingInputHash: &unused, capturingHash: false, keepingHeader: true, typeRule: nil)
    return try verifiedJWS(token, verified)
  }

  /// The header and decoded payload of a token whose signature verified.
  private func verifiedJWS(_ token: UnsafeRawBufferPointer, _ verified: VerifiedParts) throws(JOSEError) -> VerifiedJWS
  {
    let payload: [UInt8]
    do throws(JOSEError) {
      payload = try Base64URL.decode(token.slice(verified.parts.payload))
    } catch {
      throw error.wrapped(as: .invalidToken, "the token payload is not valid base64url")
    }
    let header: JSONObject
    if let fields = verified.header {
      header = fields.object
    } else {
      // Not reached: these callers ask for the header object.
      header = try JWSHeaderFields(encoded: token.slice(verified.parts.header), limits: headerLimits).object
    }
    return VerifiedJWS(
      header: header, payload: payload, algorithm: verified.algorithm, key: keySet.keys[verified.keyIndex])
  }

  /// `verify`, also keeping the SHA-256 state of the token's signing input when the algorithm
  /// hashed it with SHA-256 (ES256; `nil` otherwise), for the DPoP `ath` check of this token.
  package func verify(
    _ token: String, tokenHashPrefix: inout SHA256Prefix?
  ) throws(JOSEError) -> VerifiedJWS {
    var prefix: SHA256Prefix?
    let result = try token.withUTF8Bytes { (raw) throws(JOSEError) -> VerifiedJWS in
      var signingInputHash: SHA256?
      let verified = try verifySignature(
        raw, signingInputHash: &signingInputHash, capturingHash: true, keepingHeader: true, typeRule: nil)
      if let signingInputHash {
        prefix = SHA256Prefix(state: signingInputHash, byteCount: verified.parts.signingInput.count)
      }
      return try verifiedJWS(raw, verified)
    }
    tokenHashPrefix = prefix
    return result
  }

  /// Verifies the JWT `token` and returns its payload, which must be a JSON object, decoded and
  /// parsed straight from the token (no claim checks: see `JWTValidator`).
  public func verifyJWT(_ token: String) throws(JOSEError) -> JSONObject {
    try token.withUTF8Bytes { (raw) throws(JOSEError) -> JSONObject in try verifyJWT(raw) }
  }

  /// Verifies the JWT in `token` (ASCII bytes) and returns its payload object.
  public func verifyJWT(_ token: UnsafeRawBufferPointer) throws(JOSEError) -> JSONObject {
    let verified = try verifySignature(token, typeRule: nil)
    do throws(JOSEError) {
      return try JSONReader.parseObjectInPlace(
        base64URLEncoded: token.slice(verified.parts.payload), limits: payloadLimits)
    } catch {
      throw error.wrapped(as: .invalidToken, "the token payload is invalid")
    }
  }

  /// The verified structure of a token: where its parts are, its header, and the key used.
  struct VerifiedParts {
    let parts: CompactJWSParts
    /// The parsed header; nil when it was read in place (not asked for, see `verifySignature`).
    let header: JWSHeaderFields?
    let algorithm: JWSAlgorithm
    let keyIndex: Int
    /// The failure of the `typ` rule passed to `verifySignature`, if it failed.
    let typeFailure: JOSEError?
  }

  /// Everything but the payload: split, header, key selection, signature. The payload segment
  /// is covered by the signature but not decoded. The header is read in place (no header
  /// object); `typeRule`'s `typ` check is made on it and its failure returned, not thrown.
  func verifySignature(_ token: UnsafeRawBufferPointer, typeRule: ClaimsValidator?) throws(JOSEError) -> VerifiedParts {
    var unused: SHA256?
    return try verifySignature(
      token, signingInputHash: &unused, capturingHash: false, keepingHeader: false, typeRule: typeRule)
  }

  /// `verifySignature`; with `capturingHash`, `signingInputHash` receives the SHA-256 state of
  /// the signing input when the algorithm hashes it with SHA-256 (see `SignatureVerifier`);
  /// with `keepingHeader`, the header is parsed into `VerifiedParts.header`.
  func verifySignature(
    _ token: UnsafeRawBufferPointer, signingInputHash: inout SHA256?, capturingHash: Bool, keepingHeader: Bool,
    typeRule: ClaimsValidator?
  ) throws(JOSEError) -> VerifiedParts {
    guard token.count <= maximumTokenByteCount else {
      throw JOSEError(.invalidToken, "the token is longer than \(maximumTokenByteCount) bytes")
    }
    let parts = try CompactJWSParts(token)
    var header: JWSHeaderFields?
    let algorithm: JWSAlgorithm
    let selected: Int
    var typeFailure: JOSEError?
    if !keepingHeader, let scanned = try scanHeader(token.slice(parts.header), typeRule: typeRule) {
      algorithm = scanned.algorithm
      selected = scanned.candidate
      typeFailure = scanned.typeFailure
    } else {
      let fields = try JWSHeaderFields(encoded: token.slice(parts.header), limits: headerLimits)
      header = fields
      algorithm = fields.algorithm
      selected = try selector.select(algorithm: fields.algorithm, keyID: fields.keyID)
      if let typeRule {
        do throws(JOSEError) { try typeRule.checkType(header: fields.object) } catch { typeFailure = error }
      }
    }
    let count = selector.candidates[selected].signatureByteCount
    let encodedSignature = token.slice(parts.signature)
    // The length is fixed by the algorithm and key: check it before decoding or any crypto.
    // (This is also what rejects DER-encoded ECDSA signatures and truncated ones.)
    guard encodedSignature.count == Base64URL.encodedCount(byteCount: count) else {
      throw JOSEError(
        .invalidToken, "the signature has the wrong length for \(algorithm.name)", reason: .invalidSignature)
    }
    let signingInput = token.slice(parts.signingInput)
    // 0: valid, 1: bad base64url, 2: bad signature.
    let outcome: Int = withUnsafeTemporaryAllocation(byteCount: max(count, 1), alignment: 8) { buffer in
      // The length was checked above, so only the characters and trailing bits can be wrong.
      guard let source = encodedSignature.baseAddress, let destination = buffer.baseAddress,
        Base64URL.decodeUnchecked(
          source.assumingMemoryBound(to: UInt8.self), encodedSignature.count, destination)
      else { return 1 }
      let signature = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
      // Through the buffer: the prepared key is used in place, not copied (retained) out of the array.
      return selector.candidates.withUnsafeBufferPointer { candidates in
        let valid =
          capturingHash
          ? candidates[selected].verifier.isValid(signature, for: signingInput, messageHash: &signingInputHash)
          : candidates[selected].verifier.isValid(signature, for: signingInput)
        return valid ? 0 : 2
      }
    }
    switch outcome {
    case 0:
      return VerifiedParts(
        parts: parts, header: header, algorithm: algorithm, keyIndex: selector.candidates[selected].keyIndex,
        typeFailure: typeFailure)
    case 1: throw JOSEError(.invalidToken, "the signature is not valid base64url", reason: .invalidSignature)
    default: throw JOSEError(.invalidToken, "the signature is invalid", reason: .invalidSignature)
    }
  }
}
