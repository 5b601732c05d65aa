import MonoCloudCrypto

/// Checks a DPoP proof (RFC 9449 §4.3) for a request to a resource server, completely: one
/// compact JWS; header `typ` exactly `dpop+jwt`, an allowed asymmetric `alg` (never `none` or
/// `HS*`), no `crit`, a public `jwk` (any private member refused) that fits `alg`; the
/// signature by that key; `jti` (bounded), `htm` equal to the method, `htu` equal to the
/// request URL (both normalised, see `DPoPTargetURI`), `iat` within the window; the server
/// nonce when one is required; `ath` equal to the base64url SHA-256 of the access token; the
/// key's RFC 7638 thumbprint equal to the token's `cnf.jkt`; and, in `validate`, a `jti` not
/// seen before through a replay cache.
///
/// The payload is decoded only after the signature verified. Build once per options and share:
/// immutable and `Sendable`.
///
/// ```swift
/// let validator = DPoPProofValidator()
/// let cache = DPoPSharedReplayCache()
/// let request = DPoPRequest(proof: dpopHeader, method: "GET", url: "https://api.example.com/orders")
/// let proof = try validator.validate(
///   request, accessToken: token, confirmationThumbprint: jkt, now: now, replayCache: cache)
/// ```
public struct DPoPProofValidator: Sendable {
  /// The options, with `algorithms` reduced to the asymmetric ones.
  public let options: DPoPValidationOptions
  private let headerLimits: JSONReader.Limits
  private let payloadLimits: JSONReader.Limits

  public init(_ options: DPoPValidationOptions = DPoPValidationOptions()) {
    var options = options
    var algorithms: [JWSAlgorithm] = []
    for algorithm in options.algorithms where algorithm.family != .hmac && !algorithms.contains(algorithm) {
      algorithms.append(algorithm)
    }
    options.algorithms = algorithms
    self.options = options
    headerLimits = JSONReader.Limits(maxDepth: 8, maxInputBytes: options.maximumProofByteCount)
    payloadLimits = JSONReader.Limits(maxDepth: 16, maxInputBytes: options.maximumProofByteCount)
  }

  /// The accepted algorithms, space-separated: the `algs` of a `WWW-Authenticate: DPoP` challenge.
  public var algorithmNames: String { DPoPChallenge.algorithmList(options.algorithms) }

  /// Every check, then records the proof in `replayCache` (only a proof that passed everything
  /// else is recorded). `accessToken`: the token of the request (its SHA-256 must be `ath`);
  /// `nil` only where no token is presented. `confirmationThumbprint`: the token's `cnf.jkt`
  /// (see `DPoPBinding`); `nil` skips the key binding check. `now`: Unix seconds. `keyCache`
  /// keeps the imported keys of recent proof headers (see `DPoPKeyCache`).
  public func validate<Replay: DPoPReplayCache, Keys: DPoPKeyCache>(
    _ request: DPoPRequest, accessToken: String?, confirmationThumbprint: String?, now: Int64,
    replayCache: Replay, keyCache: Keys
  ) throws(DPoPError) -> DPoPProof {
    let proof = try verify(
      request, accessToken: accessToken, confirmationThumbprint: confirmationThumbprint, now: now, keyCache: keyCache)
    switch replayCache.insertIfAbsent(proof.replayKey, expiresAt: proof.replayExpiresAt, now: currentTime(now)) {
    case .inserted: return proof
    case .replayed: throw DPoPError(.replayed, "the DPoP proof was already used (jti)")
    case .full: throw DPoPError(.replayCacheFull, "the DPoP replay cache is full; the proof cannot be recorded")
    }
  }

  /// `validate` without a key cache: each proof's key is imported anew.
  public func validate<Replay: DPoPReplayCache>(
    _ request: DPoPRequest, accessToken: String?, confirmationThumbprint: String?, now: Int64,
    replayCache: Replay
  ) throws(DPoPError) -> DPoPProof {
    try validate(
      request, accessToken: accessToken, confirmationThumbprint: confirmationThumbprint, now: now,
      replayCache: replayCache, keyCache: DPoPNoKeyCache())
  }

  /// Every check except replay, without a key cache.
  public func verify(
    _ request: DPoPRequest, accessToken: String?, confirmationThumbprint: String?, now: Int64
  ) throws(DPoPError) -> DPoPProof {
    try verify(
      request, accessToken: accessToken, confirmationThumbprint: confirmationThumbprint, now: now,
      keyCache: DPoPNoKeyCache())
  }

  /// Every check except replay: for a caller that records `proof.replayKey` until
  /// `proof.replayExpiresAt` in a store of its own (an asynchronous shared one, say).
  public func verify<Keys: DPoPKeyCache>(
    _ request: DPoPRequest, accessToken: String?, confirmationThumbprint: String?, now: Int64, keyCache: Keys
  ) throws(DPoPError) -> DPoPProof {
    try verify(
      request, accessToken: accessToken, accessTokenHashPrefix: nil, confirmationThumbprint: confirmationThumbprint,
      now: now, keyCache: keyCache)
  }

  /// `verify`, with the SHA-256 state of the start of `accessToken` when verifying the token
  /// already hashed it (`JWSVerifier.verify(_:tokenHashPrefix:)`): `ath` then costs only the
  /// rest of the token. The prefix must come from this very token.
  package func verify<Keys: DPoPKeyCache>(
    _ request: DPoPRequest, accessToken: String?, accessTokenHashPrefix: SHA256Prefix?,
    confirmationThumbprint: String?, now: Int64, keyCache: Keys
  ) throws(DPoPError) -> DPoPProof {
    let checked = try check(
      request, accessToken: accessToken, accessTokenHashPrefix: accessTokenHashPrefix,
      confirmationThumbprint: confirmationThumbprint, now: now, keyCache: keyCache)
    let key = checked.proof.key
    return DPoPProof(
      identifier: checked.identifier, method: checked.method, targetURI: checked.targetURI,
      issuedAt: checked.issuedAt, nonce: checked.nonce, algorithm: key.algorithm, key: key.key,
      thumbprint: key.thumbprint, replayKey: checked.replay.key, replayExpiresAt: checked.replay.expiresAt,
      claims: checked.proof.claims)
  }

  /// What recording a verified proof needs: its replay key and until when to keep it.
  package struct ReplayEntry: Sendable {
    package let key: DPoPReplayKey
    package let expiresAt: Int64
  }

  /// `verify` for a caller that only records the proof (a resource server): the same checks,
  /// without building a `DPoPProof`.
  package func verifyForReplay<Keys: DPoPKeyCache>(
    _ request: DPoPRequest, accessToken: String?, accessTokenHashPrefix: SHA256Prefix?,
    confirmationThumbprint: String?, now: Int64, keyCache: Keys
  ) throws(DPoPError) -> ReplayEntry {
    try check(
      request, accessToken: accessToken, accessTokenHashPrefix: accessTokenHashPrefix,
      confirmationThumbprint: confirmationThumbprint, now: now, keyCache: keyCache
    ).replay
  }

  /// A proof that passed every check but replay, with the claims read on the way.
  private struct CheckedProof {
    let proof: VerifiedProof
    let identifier: String
    let method: String
    let targetURI: String
    let issuedAt: Int64
    let nonce: String?
    let replay: ReplayEntry
  }

  /// Every check except replay (see the type's documentation).
  private func check<Keys: DPoPKeyCache>(
    _ request: DPoPRequest, accessToken: String?, accessTokenHashPrefix: SHA256Prefix?,
    confirmationThumbprint: String?, now: Int64, keyCache: Keys
  ) throws(DPoPError) -> CheckedProof {
    let proof = try request.proof.withDPoPBytes { (raw) throws(DPoPError) -> VerifiedProof in
      try verifySignature(raw, keyCache: keyCache)
    }
    let claims = proof.claims
    let current = currentTime(now)

    // jti
    let identifier = try claims.requiredDPoPString("jti")
    let identifierLength = identifier.utf8.count
    guard identifierLength > 0, identifierLength <= options.maximumIdentifierByteCount else {
      throw DPoPError(.invalidIdentifier, "the jti claim is empty or too long")
    }
    // htm
    let method = try claims.requiredDPoPString("htm")
    guard method.utf8Equals(request.method) else {
      throw DPoPError(.methodMismatch, "the htm claim does not match the request method")
    }
    // htu
    let targetURI = try claims.requiredDPoPString("htu")
    guard let requestURI = request.url.withUTF8Raw({ DPoPTargetURI.normalizedBytes($0) }) else {
      throw DPoPError(.invalidRequestURL, "the request URL is not an absolute http or https URL")
    }
    // The same text normalises the same way: only a different one needs its own normalisation.
    if !targetURI.utf8Equals(request.url) {
      guard let proofURI = targetURI.withUTF8Raw({ DPoPTargetURI.normalizedBytes($0) }), proofURI == requestURI else {
        throw DPoPError(.urlMismatch, "the htu claim does not match the request URL")
      }
    }
    // iat
    let issuedAt = try DPoPProofValidator.issuedAt(claims)
    let earliest = ClaimsValidator.saturatingAdd(
      current, ClaimsValidator.saturatingNegate(options.maximumProofAge))
    let latest = ClaimsValidator.saturatingAdd(current, options.futureTolerance)
    guard issuedAt >= earliest else { throw DPoPError(.iatOutOfWindow, "the DPoP proof is too old (iat)") }
    guard issuedAt <= latest else { throw DPoPError(.iatOutOfWindow, "the DPoP proof is issued in the future (iat)") }
    // nonce
    let nonce = try claims.optionalDPoPString("nonce")
    if !request.acceptedNonces.isEmpty {
      guard let nonce else { throw DPoPError(.nonceRequired, "the resource server requires a DPoP nonce") }
      guard request.acceptedNonces.contains(where: { $0.utf8Equals(nonce) }) else {
        throw DPoPError(.nonceMismatch, "the DPoP nonce is not the current one")
      }
    }
    // ath
    if let accessToken {
      guard let ath = try claims.optionalDPoPString("ath") else {
        throw DPoPError(.athMissing, "the ath claim is missing")
      }
      guard DPoPProofValidator.isAccessTokenHash(ath, of: accessToken, prefix: accessTokenHashPrefix) else {
        throw DPoPError(.athMismatch, "the ath claim does not match the access token")
      }
    }
    // cnf.jkt
    let thumbprint = proof.key.thumbprint
    if let confirmationThumbprint {
      let same = thumbprint.withUTF8Raw { a in confirmationThumbprint.withUTF8Raw { b in ConstantTime.equals(a, b) } }
      guard same else {
        throw DPoPError(.thumbprintMismatch, "the DPoP proof key does not match the token's cnf.jkt")
      }
    }
    let replayKey = thumbprint.withUTF8Raw { jkt in
      requestURI.withUnsafeBytes { uri in
        identifier.withUTF8Raw { jti in DPoPReplayKey(thumbprint: jkt, normalizedTargetURI: uri, identifier: jti) }
      }
    }
    let replay = ReplayEntry(
      key: replayKey, expiresAt: ClaimsValidator.saturatingAdd(issuedAt, options.maximumProofAge))
    return CheckedProof(
      proof: proof, identifier: identifier, method: method, targetURI: targetURI, issuedAt: issuedAt, nonce: nonce,
      replay: replay)
  }

  /// `ath` for `accessToken`: the base64url SHA-256 of its ASCII bytes (RFC 9449 §4.2).
  public static func accessTokenHash(_ accessToken: String) -> String {
    var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    return withUnsafeMutableBytes(of: &digest) { raw in
      accessToken.withUTF8Raw { SHA256.hash($0, into: raw) }
      return Base64URL.encode(UnsafeRawBufferPointer(raw))
    }
  }

  /// Whether `ath` is the base64url SHA-256 of `accessToken` (on the stack, no allocation),
  /// continuing from `prefix` when given.
  private static func isAccessTokenHash(_ ath: String, of accessToken: String, prefix: SHA256Prefix?) -> Bool {
    var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    return withUnsafeMutableBytes(of: &digest) { raw in
      let hashed = accessToken.withUTF8Raw { token in
        guard let prefix else {
          SHA256.hash(token, into: raw)
          return true
        }
        return prefix.finalize(message: token, into: raw)
      }
      guard hashed else { return false }
      let count = Base64URL.encodedCount(byteCount: 32)
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { text in
        guard let base = text.baseAddress else { return false }
        Base64URL.encodeUnchecked(UnsafeRawBufferPointer(raw), base)
        return ath.utf8Equals(UnsafeRawBufferPointer(text))
      }
    }
  }

  // MARK: - The JWS

  private struct VerifiedProof {
    let key: DPoPPreparedKey
    let claims: JSONObject
  }

  /// Structure, header (or its remembered key), signature; the payload is parsed only after the
  /// signature verified.
  private func verifySignature<Keys: DPoPKeyCache>(
    _ proof: UnsafeRawBufferPointer, keyCache: Keys
  ) throws(DPoPError) -> VerifiedProof {
    guard !proof.isEmpty else { throw DPoPError(.missingProof, "the DPoP header is empty") }
    guard !DPoPProofValidator.containsComma(proof) else {
      throw DPoPError(.multipleProofs, "the DPoP header holds more than one proof")
    }
    guard proof.count <= options.maximumProofByteCount else {
      throw DPoPError(.malformed, "the DPoP proof is longer than \(options.maximumProofByteCount) bytes")
    }
    let parts: CompactJWSParts
    do throws(JOSEError) {
      parts = try CompactJWSParts(proof)
    } catch {
      throw DPoPError(.malformed, "the DPoP proof is not a compact JWS")
    }
    let encodedHeader = proof.slice(parts.header)
    let prepared: DPoPPreparedKey
    if let remembered = keyCache.preparedKey(forHeader: encodedHeader) {
      prepared = remembered
    } else {
      prepared = try prepareKey(encodedHeader)
      keyCache.remember(prepared, forHeader: encodedHeader)
    }
    // Checked on every proof, so that a cache shared with a validator of other options cannot widen them.
    guard options.algorithms.contains(prepared.algorithm) else {
      throw DPoPError(.algorithmNotAllowed, "the DPoP proof's alg \(prepared.algorithm.name) is not allowed")
    }
    let count = prepared.verificationKey.signatureByteCount
    let encodedSignature = proof.slice(parts.signature)
    guard encodedSignature.count == Base64URL.encodedCount(byteCount: count) else {
      throw DPoPError(.badSignature, "the DPoP proof's signature has the wrong length")
    }
    let signingInput = proof.slice(parts.signingInput)
    let valid: Bool = withUnsafeTemporaryAllocation(byteCount: max(count, 1), alignment: 8) { buffer in
      // The length was checked above, so only the characters and trailing bits can be wrong.
      guard let source = encodedSignature.baseAddress, let destination = buffer.baseAddress,
        Base64URL.decodeUnchecked(source.assumingMemoryBound(to: UInt8.self), encodedSignature.count, destination)
      else { return false }
      let signature = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
      // The header was hashed when its key was prepared: only the payload is hashed here.
      if let prefix = prepared.signingInputPrefix, prefix.byteCount == parts.payload.lowerBound {
        return prepared.verificationKey.verifier.isValid(
          signature, prefix: prefix.state, rest: proof.slice(parts.payload))
      }
      return prepared.verificationKey.verifier.isValid(signature, for: signingInput)
    }
    guard valid else { throw DPoPError(.badSignature, "the DPoP proof's signature is invalid") }
    let claims: JSONObject
    do throws(JOSEError) {
      claims = try JSONReader.parseObject(base64URLEncoded: proof.slice(parts.payload), limits: payloadLimits)
    } catch {
      throw DPoPError(.malformed, "the DPoP proof's payload is not a JSON object")
    }
    return VerifiedProof(key: prepared, claims: claims)
  }

  /// Whether `bytes` holds a `,`: eight bytes at a time, since every proof is scanned whole.
  /// (`(x - 0x01…) & ~x & 0x80…` is non-zero exactly when a byte of `x` is zero.)
  private static func containsComma(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let commas = ones &* UInt64(UInt8(ascii: ","))
    var found: UInt64 = 0
    var index = 0
    let count = bytes.count
    while index &+ 8 <= count {
      let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ commas
      found |= (word &- ones) & ~word & 0x8080_8080_8080_8080
      index &+= 8
    }
    while index < count {
      if base.load(fromByteOffset: index, as: UInt8.self) == UInt8(ascii: ",") { return true }
      index &+= 1
    }
    return found != 0
  }

  /// The header checks: `typ`, `alg` (allowed, asymmetric), `jwk` (public, usable, fitting `alg`).
  private func prepareKey(_ encodedHeader: UnsafeRawBufferPointer) throws(DPoPError) -> DPoPPreparedKey {
    let header: JSONObject
    do throws(JOSEError) {
      header = try JSONReader.parseObject(base64URLEncoded: encodedHeader, limits: headerLimits)
    } catch {
      throw DPoPError(.malformed, "the DPoP proof's header is not a JSON object")
    }
    guard let type = header["typ"]?.stringValue, type.utf8Equals("dpop+jwt") else {
      throw DPoPError(.wrongType, "the DPoP proof's typ header is not dpop+jwt")
    }
    let algorithm: JWSAlgorithm
    do throws(JOSEError) {
      algorithm = try JWSHeaderFields(header).algorithm
    } catch {
      if error.reason == .algorithmNotAllowed {
        throw DPoPError(.algorithmNotAllowed, "the DPoP proof's alg is missing, none or unknown")
      }
      throw DPoPError(.malformed, "the DPoP proof header is invalid (crit or kid)")
    }
    guard options.algorithms.contains(algorithm) else {
      throw DPoPError(.algorithmNotAllowed, "the DPoP proof's alg \(algorithm.name) is not allowed")
    }
    let key = try DPoPProofValidator.publicKey(header, algorithm: algorithm)
    guard let prepared = KeySelector.prepare(key, for: algorithm, index: 0) else {
      throw DPoPError(.invalidKey, "the DPoP proof's jwk does not fit \(algorithm.name)")
    }
    var signingInputPrefix: SHA256Prefix?
    if prepared.verifier.isECDSAWithSHA256 {
      var hash = SHA256()
      hash.update(encodedHeader)
      var dot = UInt8(ascii: ".")
      withUnsafeBytes(of: &dot) { hash.update($0) }
      signingInputPrefix = SHA256Prefix(state: hash, byteCount: encodedHeader.count + 1)
    }
    return DPoPPreparedKey(
      algorithm: algorithm, key: key, thumbprint: key.thumbprint(), verificationKey: prepared,
      signingInputPrefix: signingInputPrefix)
  }

  /// The header `jwk`: an object without private members, a usable public key fitting `algorithm`.
  private static func publicKey(_ header: JSONObject, algorithm: JWSAlgorithm) throws(DPoPError) -> JWK {
    guard let value = header["jwk"] else { throw DPoPError(.invalidKey, "the DPoP proof has no jwk header") }
    guard let object = value.objectValue else { throw DPoPError(.invalidKey, "the jwk header is not an object") }
    for name in ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] where object.contains(name) {
      throw DPoPError(.privateKeyMember, "the jwk header has the private member \(name)")
    }
    let key: JWK
    do throws(JOSEError) {
      key = try JWK(publicKeyFrom: object)
    } catch {
      throw DPoPError(.invalidKey, "the jwk header is not a usable public key: \(error.message)")
    }
    if let problem = key.mismatch(with: algorithm) { throw DPoPError(.invalidKey, "the jwk header: \(problem)") }
    guard key.allowsVerification else {
      throw DPoPError(.invalidKey, "the jwk header's use or key_ops forbid verification")
    }
    return key
  }

  // MARK: - Time

  private func currentTime(_ now: Int64) -> Int64 { ClaimsValidator.saturatingAdd(now, options.clockSkew) }
}
