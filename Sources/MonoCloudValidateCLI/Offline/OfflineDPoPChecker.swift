import MonoCloudJOSE

/// The offline DPoP check (RFC 9449) of the command-line tool, on the JOSE layer: a token with
/// `cnf.jkt`, or one given a proof (the `DPoP` scheme), needs a valid proof for `--htm`/`--htu`;
/// `jti`s are remembered for the run in a bounded in-memory replay cache.
struct OfflineDPoPChecker {
  let request: DPoPRequestSettings
  let validator = DPoPProofValidator()
  let replayCache = DPoPReplayMemoryCache()
  let keyCache = DPoPKeyMemoryCache()

  func check(token: String, claims: JSONObject, proof: String?, now: Int64) throws(DPoPError) {
    let thumbprint = try DPoPBinding.confirmationThumbprint(in: claims)
    let scheme: AccessTokenScheme = proof == nil ? .bearer : .dpop
    guard try DPoPBinding.requiresProof(scheme: scheme, confirmationThumbprint: thumbprint), let proof else { return }
    _ = try validator.validate(
      DPoPRequest(proof: proof, method: request.method, url: request.url), accessToken: token,
      confirmationThumbprint: thumbprint, now: now, replayCache: replayCache, keyCache: keyCache)
  }
}
