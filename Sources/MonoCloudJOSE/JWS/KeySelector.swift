import MonoCloudCrypto

/// A key prepared for one algorithm: the verification object and the exact signature length,
/// built once so that verification looks nothing up.
struct VerificationKey: Sendable {
  /// The position of the key in the key set's `keys`.
  let keyIndex: Int
  /// The key's `kid` bytes, if it has one.
  let keyID: [UInt8]?
  let verifier: SignatureVerifier
  /// The signature length the algorithm and key require (RSA: the modulus length).
  let signatureByteCount: Int
}

/// Which keys may verify which algorithm (the key selection rules), computed once per key set.
///
/// For each allowed algorithm the candidates are the keys that fit it: `kty` of the algorithm's
/// family, the algorithm's curve, the key's `alg` (if any) equal to it, `use` (if any) `sig`,
/// `key_ops` (if any) containing `verify`, RSA ≥ 2048 bits, HMAC keys at least as long as the
/// hash. At verification, a token `kid` narrows the candidates to that `kid`; exactly one must
/// remain.
///
/// HMAC algorithms are used only when the caller lists them *and* every key of the set (the
/// skipped ones included) is an `oct` key: a set that mixes secrets with public keys (as a JWKS
/// fetched from an issuer would, should it ever contain an `oct` key) never enables HMAC.
///
/// A token `kid` that a skipped key also has is ambiguous: the set names two keys with it and
/// one of them could not be read, so it is not known which one the issuer meant.
struct KeySelector: Sendable {
  /// The algorithms that can be accepted, in the caller's order.
  let algorithms: [JWSAlgorithm]
  /// All candidates, grouped by algorithm (one flat array: selection returns an index into it,
  /// so that verification uses the prepared key in place, without copying it).
  let candidates: [VerificationKey]
  /// The range of `candidates` for each algorithm, parallel to `algorithms`.
  let candidateRanges: [Range<Int>]
  /// The `kid` of every imported key.
  let importedKeyIDs: [[UInt8]]
  /// The `kid` of every key the set skipped.
  let skippedKeyIDs: [[UInt8]]

  init(keySet: JWKSet, algorithms requested: [JWSAlgorithm]) {
    let onlySecretKeys =
      !keySet.keys.isEmpty && keySet.keys.allSatisfy { $0.keyType == .oct }
      && keySet.skipped.allSatisfy { $0.keyType.map { $0.utf8Equals("oct") } ?? false }
    var algorithms: [JWSAlgorithm] = []
    var candidates: [VerificationKey] = []
    var candidateRanges: [Range<Int>] = []
    for algorithm in requested where !algorithms.contains(algorithm) {
      if algorithm.family == .hmac && !onlySecretKeys { continue }
      let start = candidates.count
      for (index, key) in keySet.keys.enumerated() {
        guard key.allowsVerification, key.mismatch(with: algorithm) == nil,
          let prepared = KeySelector.prepare(key, for: algorithm, index: index)
        else { continue }
        candidates.append(prepared)
      }
      algorithms.append(algorithm)
      candidateRanges.append(start..<candidates.count)
    }
    self.algorithms = algorithms
    self.candidates = candidates
    self.candidateRanges = candidateRanges
    importedKeyIDs = keySet.keys.compactMap { $0.keyID.map { Array($0.utf8) } }
    skippedKeyIDs = keySet.skipped.compactMap { $0.keyID.map { Array($0.utf8) } }
  }

  /// The verification object for `key` under `algorithm` (the fit was checked by the caller).
  static func prepare(_ key: JWK, for algorithm: JWSAlgorithm, index: Int) -> VerificationKey? {
    let keyID = key.keyID.map { Array($0.utf8) }
    let verifier: SignatureVerifier
    let length: Int
    switch (key.material, algorithm.family) {
    case (.rsa(let rsa), .rsaPKCS1):
      guard let hash = algorithm.hash else { return nil }
      verifier = .rsaPKCS1(rsa.publicKey, hash)
      length = rsa.publicKey.modulusByteCount
    case (.rsa(let rsa), .rsaPSS):
      guard let hash = algorithm.hash else { return nil }
      verifier = .rsaPSS(rsa.publicKey, hash)
      length = rsa.publicKey.modulusByteCount
    case (.ec(let ec), .ecdsa):
      guard let hash = algorithm.hash else { return nil }
      verifier = .ecdsa(ec.publicKey, hash)
      length = 2 &* ec.curve.coordinateByteCount
    case (.okp(let okp), .edDSA):
      verifier = .ed25519(okp.publicKey)
      length = 64
    case (.oct(let oct), .hmac):
      switch algorithm {
      case .hs256: verifier = .hmacSHA256(HMAC<SHA256>(key: oct.k))
      case .hs384: verifier = .hmacSHA384(HMAC<SHA384>(key: oct.k))
      case .hs512: verifier = .hmacSHA512(HMAC<SHA512>(key: oct.k))
      default: return nil
      }
      length = algorithm.fixedSignatureByteCount ?? 0
    default:
      return nil
    }
    return VerificationKey(keyIndex: index, keyID: keyID, verifier: verifier, signatureByteCount: length)
  }

  /// The position in `candidates` of the one key that must verify a token with `algorithm` and `keyID`.
  func select(algorithm: JWSAlgorithm, keyID: String?) throws(JOSEError) -> Int {
    guard let keyID else { return try select(algorithm: algorithm, keyIDBytes: nil) }
    return try keyID.withUTF8Bytes { (kid) throws(JOSEError) -> Int in
      try select(algorithm: algorithm, keyIDBytes: kid)
    }
  }

  /// `select(algorithm:keyID:)` for a `kid` given as its UTF-8 bytes.
  func select(algorithm: JWSAlgorithm, keyIDBytes keyID: UnsafeRawBufferPointer?) throws(JOSEError) -> Int {
    var slot = -1
    var i = 0
    while i < algorithms.count {
      if algorithms[i] == algorithm {
        slot = i
        break
      }
      i &+= 1
    }
    guard slot >= 0 else {
      throw JOSEError(.invalidToken, "the algorithm \(algorithm.name) is not allowed", reason: .algorithmNotAllowed)
    }
    let range = candidateRanges[slot]
    guard let keyID else {
      if range.count == 1 { return range.lowerBound }
      if range.isEmpty {
        throw JOSEError(.invalidToken, "no key fits \(algorithm.name)", reason: .noMatchingKey)
      }
      throw JOSEError(.invalidToken, "several keys fit and the token has no kid", reason: .ambiguousKey)
    }
    var found = -1
    var matches = 0
    var k = range.lowerBound
    while k < range.upperBound {
      if let candidate = candidates[k].keyID, candidate.elementsEqual(keyID) {
        found = k
        matches &+= 1
      }
      k &+= 1
    }
    let skippedHasKeyID = !skippedKeyIDs.isEmpty && skippedKeyIDs.contains { $0.elementsEqual(keyID) }
    if matches == 1 && !skippedHasKeyID { return found }
    if matches >= 1 {
      throw JOSEError(.invalidToken, "several keys have the token's kid", reason: .ambiguousKey)
    }
    let known = skippedHasKeyID || importedKeyIDs.contains { $0.elementsEqual(keyID) }
    if known {
      throw JOSEError(
        .invalidToken, "the key with the token's kid does not fit \(algorithm.name)", reason: .noMatchingKey)
    }
    throw JOSEError(.invalidToken, "no key has the token's kid", reason: .unknownKeyID)
  }
}
