/// A proof that passed every check: what it said and the key that signed it.
public struct DPoPProof: Sendable {
  /// `jti`.
  public let identifier: String
  /// `htm`.
  public let method: String
  /// `htu` as the proof states it.
  public let targetURI: String
  /// `iat` (rounded down to whole seconds).
  public let issuedAt: Int64
  /// `nonce`, if the proof has one.
  public let nonce: String?
  /// The algorithm that verified the signature.
  public let algorithm: JWSAlgorithm
  /// The public key from the header `jwk`.
  public let key: JWK
  /// The key's RFC 7638 SHA-256 thumbprint (what `cnf.jkt` of a bound token holds).
  public let thumbprint: String
  /// The replay-cache key of this proof (its key thumbprint, normalised `htu` and `jti`).
  public let replayKey: DPoPReplayKey
  /// Until when the replay record must be kept: after that, `iat` is too old anyway.
  public let replayExpiresAt: Int64
  /// The whole payload.
  public let claims: JSONObject
}
