import MonoCloudJOSE

/// When the resource server asks for DPoP proofs.
public enum DPoPEnforcement: Sendable, Equatable {
  /// No DPoP: the `DPoP` scheme is not accepted and `cnf.jkt` is ignored (the behaviour
  /// before DPoP support; only for servers behind a gateway that checks proofs itself).
  case disabled
  /// The default: a proof is required, and checked completely, when the token is DPoP-bound
  /// (`cnf.jkt`) or sent with the `DPoP` scheme; a bound token sent as `Bearer` is refused.
  case whenBound
  /// Every token must be DPoP-bound and come with a valid proof.
  case required
}

/// The DPoP (RFC 9449) options of `MonoCloudBackendClient`.
public struct DPoPResourceOptions: Sendable {
  /// When proofs are required (default `.whenBound`).
  public var enforcement: DPoPEnforcement
  /// Accepted algorithms, `iat` window (`maximumProofAge`, `futureTolerance`), size bounds.
  public var validation: DPoPValidationOptions
  /// Where used proofs are remembered (default: a bounded in-memory store per client). Use a
  /// shared store when several server instances answer the same clients.
  public var replayStore: (any DPoPReplayStore)?
  /// Server nonces (RFC 9449 §9): the nonces a proof may carry, the current one first (it is
  /// sent in `DPoP-Nonce` with a `use_dpop_nonce` answer). `nil` or empty: no nonce required.
  public var nonces: (@Sendable () async -> [String])?

  public init(
    enforcement: DPoPEnforcement = .whenBound, validation: DPoPValidationOptions = DPoPValidationOptions(),
    replayStore: (any DPoPReplayStore)? = nil, nonces: (@Sendable () async -> [String])? = nil
  ) {
    self.enforcement = enforcement
    self.validation = validation
    self.replayStore = replayStore
    self.nonces = nonces
  }
}
