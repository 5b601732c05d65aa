import MonoCloudBackend
import MonoCloudJOSE

/// `validateAccessToken` on a warm client (static six-key JWKS, ES256 token), without and with
/// DPoP: `client-jwt-es256` is a plain token sent as `Bearer`; `client-jwt-es256-dpop` is the
/// same claims plus `cnf.jkt`, sent with an ES256 proof (full check through the client: proof
/// signature with a remembered key, `htm`/`htu`, `iat`, `ath`, thumbprint, replay store). Both
/// time the synchronous cache-hit path (`validateAccessTokenFromCache`, with and without a
/// `DPoPContext`); their ratio is the cost of DPoP at the resource server. It reuses one proof,
/// so its replay store records a fresh key per call (the table in steady state, as
/// `dpop-es256` does) instead of the proof's own key, which would be a replay.
func clientDPoPBenchmarks() -> [Benchmark] {
  [
    Benchmark(name: "client-jwt-es256", openssl: nil) { ClientDPoPBenchmarkFixture.operation(dpop: false) },
    Benchmark(name: "client-jwt-es256-dpop", openssl: nil) { ClientDPoPBenchmarkFixture.operation(dpop: true) },
    // The same token presented again with the verified-token cache on (the client's default):
    // the signature check and payload parse are skipped, every claim check still runs.
    Benchmark(name: "client-jwt-es256-remembered", openssl: nil) {
      ClientDPoPBenchmarkFixture.operation(dpop: false, remembered: true)
    },
  ]
}

enum ClientDPoPBenchmarkFixture {
  /// Records a fresh key per call in a bounded table on a clock of 100 calls per second.
  final class SteadyStateReplayStore: DPoPSynchronousReplayStore, @unchecked Sendable {
    private var table = DPoPReplayTable(capacity: DPoPReplayTable.defaultCapacity, seed: 0x5EED)
    private var counter: UInt64 = 0

    // Called from the one benchmark thread.
    func insertIfAbsent(_ key: DPoPReplayKey, expiresAt: Int64, now: Int64) -> DPoPReplayInsertion {
      counter &+= 1
      let clock = Int64(counter / 100)
      let fresh = DPoPReplayKey(high: counter, low: counter &* 0x9E37_79B9_7F4A_7C15 ^ key.low)
      return table.insertIfAbsent(fresh, expiresAt: clock + 300, now: clock)
    }

    func insertIfAbsentSynchronously(_ key: DPoPReplayKey, expiresAt: Int64, now: Int64) -> DPoPReplayInsertion {
      insertIfAbsent(key, expiresAt: expiresAt, now: now)
    }
  }

  /// `remembered`: keep the verified-token cache on; off, every call verifies the signature.
  static func operation(dpop: Bool, remembered: Bool = false) -> () -> Bool {
    let fixture = JOSEBenchmarkFixture.self
    let url = DPoPBenchmarkFixture.url
    let clientKey = DPoPBenchmarkFixture.clientKey
    guard let keySet = try? JWKSet(jsonBytes: Array(BenchmarkKeys.privateJWKS.utf8)),
      let issuerKey = keySet.keys.first(where: { $0.algorithm == "ES256" })
    else { return { false } }
    var claims = fixture.claims
    if dpop { claims["cnf"] = ["jkt": .string(clientKey.thumbprint())] }
    guard let token = try? JWS.sign(claims: claims, key: issuerKey, algorithm: .es256, extraHeader: ["typ": "at+jwt"])
    else { return { false } }
    let proofClaims: JSONObject = [
      "jti": "4f0c6c2e-8a51-4d0b-9b7e-2f1d3c5a7e90", "htm": "GET", "htu": .string(url),
      "iat": .number(JSONNumber(fixture.now)), "ath": .string(DPoPProofValidator.accessTokenHash(token)),
    ]
    let header: JSONObject = ["typ": "dpop+jwt", "jwk": .object(clientKey.publicKey.jsonObject())]
    guard let proof = try? JWS.sign(claims: proofClaims, key: clientKey, algorithm: .es256, extraHeader: header)
    else { return { false } }

    let issuer = fixture.options.issuer ?? "https://tenant.us.monocloud.example"
    var options = MonoCloudBackendOptions(tenantDomain: issuer, audience: "https://api.example.com")
    options.staticJWKS = JSONWriter.string(JWKSet(keys: keySet.keys.map { $0.publicKey }).jsonObject())
    options.staticMetadata = #"{"issuer":"\#(issuer)"}"#
    options.clock = MonoCloudClock { fixture.now * 1000 }
    options.dpop.replayStore = SteadyStateReplayStore()
    options.verifiedTokenCacheSize = remembered ? nil : 0
    guard let client = try? MonoCloudBackendClient(options: options, environment: [:]) else { return { false } }
    let scopes = fixture.options.requiredScopes
    let groups = fixture.options.requiredGroups
    let context: DPoPContext? = dpop ? DPoPContext(proof: proof, method: "GET", url: url) : nil
    let count = claims.count
    // Warm up (the async path once: the JWKS, and for DPoP the proof key, whose import is once
    // per client key), then time the synchronous path that `validateAccessToken` takes first,
    // on this thread (the harness counts this thread's CPU time).
    guard
      BlockingWait.run({
        (try? await client.validateAccessToken(token, dpop: context, scopes: scopes, groups: groups)) != nil
      })
    else { return { false } }
    return {
      let result =
        dpop
        ? client.validateAccessTokenFromCache(token, dpop: context, scopes: scopes, groups: groups)
        : client.validateAccessTokenFromCache(token, scopes: scopes, groups: groups)
      guard case .success(let validated)? = result else { return false }
      return validated.object.count == count
    }
  }
}
