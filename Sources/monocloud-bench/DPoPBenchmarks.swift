import MonoCloudCrypto
import MonoCloudJOSE

/// DPoP-bound access tokens (RFC 9449): `dpop-es256` is `jwt-es256` (the same token claims plus
/// `cnf.jkt`, the same six-key JWKS) followed by the full proof check of an ES256 proof:
/// parse, import the embedded key, verify, claims, `htu` normalisation, `ath` (SHA-256 of the
/// token), the key thumbprint against `cnf.jkt`, and the insertion of its replay key into a
/// bounded replay table in steady state. The client's key is remembered by a key cache after its
/// first proof, as in a server (clients sign all their proofs with one key);
/// `dpop-es256-new-key` is the same without the cache (every proof imports its key, which for
/// ECDSA builds verification tables). `dpop-proof-es256` is the proof check alone.
/// Acceptance: `dpop-es256` costs at most one signature verification plus a SHA-256 more than
/// `jwt-es256`; `dpop-budget-es256` measures exactly that budget in the same run: the raw ES256
/// verification of the same proof (its signing input hashed, with the client's key imported
/// beforehand) plus the SHA-256 of the same access token.
func dpopBenchmarks() -> [Benchmark] {
  [
    Benchmark(name: "dpop-budget-es256", openssl: nil) { DPoPBenchmarkFixture.budgetOperation() },
    Benchmark(name: "dpop-es256", openssl: nil) {
      DPoPBenchmarkFixture.operation(validatingToken: true, keyCache: DPoPKeyMemoryCache())
    },
    Benchmark(name: "dpop-es256-new-key", openssl: nil) {
      DPoPBenchmarkFixture.operation(validatingToken: true, keyCache: DPoPNoKeyCache())
    },
    Benchmark(name: "dpop-proof-es256", openssl: nil) {
      DPoPBenchmarkFixture.operation(validatingToken: false, keyCache: DPoPKeyMemoryCache())
    },
  ]
}

enum DPoPBenchmarkFixture {
  /// The client's proof key (P-256, generated with Python cryptography for the benchmark only).
  static let clientKey = try! JWK(
    jsonString: #"""
      {"kty":"EC","crv":"P-256","x":"YUSyHvRRc6mYmVvbOuCvWZRp0sqgmEDyqElOa7bTDq8","y":"7VOvPZjEHzxVKb0-_1Gm4a0Drv3fq2FpAcjhxxU-sSQ","d":"GyG-87-KzTDK3JBr5k8ZrIn_cnAi4K22WyaoTUDClV0"}
      """#)
  static let url = "https://api.example.com/orders/42"

  /// The token and proof of `operation`, built the same way.
  static func tokenAndProof() -> (token: String, proof: String) {
    let now = JOSEBenchmarkFixture.now
    let keySet = try! JWKSet(jsonBytes: Array(BenchmarkKeys.privateJWKS.utf8))
    let issuerKey = keySet.keys.first { $0.algorithm == "ES256" }!
    var claims = JOSEBenchmarkFixture.claims
    claims["cnf"] = ["jkt": .string(clientKey.thumbprint())]
    let token = try! JWS.sign(claims: claims, key: issuerKey, algorithm: .es256, extraHeader: ["typ": "at+jwt"])
    let proofClaims: JSONObject = [
      "jti": "4f0c6c2e-8a51-4d0b-9b7e-2f1d3c5a7e90", "htm": "GET", "htu": .string(url), "iat": .number(JSONNumber(now)),
      "ath": .string(DPoPProofValidator.accessTokenHash(token)),
    ]
    let header: JSONObject = ["typ": "dpop+jwt", "jwk": .object(clientKey.publicKey.jsonObject())]
    let proof = try! JWS.sign(claims: proofClaims, key: clientKey, algorithm: .es256, extraHeader: header)
    return (token, proof)
  }

  /// One ES256 verification of the proof's signature plus one SHA-256 of the access token.
  static func budgetOperation() -> () -> Bool {
    let (token, proof) = tokenAndProof()
    let jwk = clientKey.publicKey.jsonObject()
    let x = try! Base64URL.decode(jwk.string("x")!)
    let y = try! Base64URL.decode(jwk.string("y")!)
    let key = try! ECDSAPublicKey(x963Representation: [0x04] + x + y, curve: .p256)
    let segments = proof.split(separator: ".")
    let signingInput = Array(proof.utf8.prefix(segments[0].utf8.count + 1 + segments[1].utf8.count))
    let signature = try! Base64URL.decode(String(segments[2]))
    let tokenBytes = Array(token.utf8)
    // The digest is folded into a value kept across calls, so that the hash cannot be dropped.
    var digestSink: UInt8 = 0
    return {
      var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
      digestSink ^= withUnsafeMutableBytes(of: &digest) { raw in
        tokenBytes.withUnsafeBytes { SHA256.hash($0, into: raw) }
        return raw[0] ^ raw[31]
      }
      let valid = signature.withUnsafeBytes { s in
        signingInput.withUnsafeBytes { key.isValidSignature(rawRS: s, for: $0, hash: .sha256) }
      }
      return valid
    }
  }

  static func operation<Keys: DPoPKeyCache>(validatingToken: Bool, keyCache: Keys) -> () -> Bool {
    let now = JOSEBenchmarkFixture.now
    let keySet = try! JWKSet(jsonBytes: Array(BenchmarkKeys.privateJWKS.utf8))
    let thumbprint = clientKey.thumbprint()
    let (token, proof) = tokenAndProof()
    let tokenValidator = JWTValidator(
      keySet: JWKSet(keys: keySet.keys.map { $0.publicKey }), claims: JOSEBenchmarkFixture.options)
    let request = DPoPRequest(proof: proof, method: "GET", url: url)
    let proofValidator = DPoPProofValidator()

    // The replay table in steady state: one insertion per operation with a fresh key, on a
    // clock that advances one second per 100 operations, entries kept 300 s (30,000 live).
    var table = DPoPReplayTable(capacity: DPoPReplayTable.defaultCapacity, seed: 0x5EED)
    var counter: UInt64 = 0
    return {
      if validatingToken {
        guard let payload = try? tokenValidator.validate(token, now: now),
          let jkt = try? DPoPBinding.confirmationThumbprint(in: payload)
        else { return false }
        guard
          (try? proofValidator.verify(
            request, accessToken: token, confirmationThumbprint: jkt, now: now, keyCache: keyCache)) != nil
        else { return false }
      } else {
        guard
          (try? proofValidator.verify(
            request, accessToken: token, confirmationThumbprint: thumbprint, now: now, keyCache: keyCache)) != nil
        else { return false }
      }
      counter &+= 1
      let clock = Int64(counter / 100)
      let key = DPoPReplayKey(high: counter, low: counter &* 0x9E37_79B9_7F4A_7C15)
      return table.insertIfAbsent(key, expiresAt: clock + 300, now: clock) == .inserted
    }
  }
}
