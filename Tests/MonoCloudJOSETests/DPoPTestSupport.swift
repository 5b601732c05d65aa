import MonoCloudCrypto
import MonoCloudJOSE

/// Proofs made at test time with the library's own signer (`JWS.signature`), from the test
/// keys of `JOSETestKeyMaterial` (generated with Python cryptography). Headers and payloads are
/// written as given, so that malformed and hostile proofs can be built too.
enum DPoPTestSupport {
  static let now: Int64 = 1_750_000_000
  static let method = "GET"
  static let url = "https://api.example.com/orders"
  static let accessToken = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJl"

  /// The RFC 9449 examples (Figures 2 and 13, line folding undone); checked independently
  /// with Python cryptography: both signatures verify with the embedded key.
  enum RFC {
    static let tokenRequestProof =
      "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg"
    static let tokenRequestIssuedAt: Int64 = 1_562_262_616
    static let resourceProof =
      "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiJlMWozVl9iS2ljOC1MQUVCIiwiaHRtIjoiR0VUIiwiaHR1IjoiaHR0cHM6Ly9yZXNvdXJjZS5leGFtcGxlLm9yZy9wcm90ZWN0ZWRyZXNvdXJjZSIsImlhdCI6MTU2MjI2MjYxOCwiYXRoIjoiZlVIeU8ycjJaM0RaNTNFc05yV0JiMHhXWG9hTnk1OUlpS0NBcWtzbVFFbyJ9.2oW9RP35yRqzhrtNP86L-Ey71EOptxRimPPToA1plemAgR6pxHF8y6-yqyVnmcw6Fy1dqd-jfxSYoMxhAJpLjA"
    static let resourceIssuedAt: Int64 = 1_562_262_618
    static let accessToken = "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"
    static let accessTokenHash = "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"
    static let thumbprint = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"
  }

  static let keySet = try! JWKSet(jsonString: JOSETestKeyMaterial.privateJWKS)

  /// The private test key with this `kid` (`rsa-rs256`, `rsa-ps256`, `ec-p256`, `ec-p384`, `ec-p521`, `okp-ed25519`).
  static func key(_ kid: String) -> JWK { keySet.keys(withID: kid)[0] }

  /// The usual test claims: a fresh `jti`, the request's `htm` and `htu`, `iat` now, `ath` of the token.
  static func claims(
    jti: String = "jti-0001", htm: String = method, htu: String = url, iat: Int64 = now,
    ath: String? = DPoPProofValidator.accessTokenHash(accessToken)
  ) -> JSONObject {
    var claims: JSONObject = [
      "jti": .string(jti), "htm": .string(htm), "htu": .string(htu), "iat": .number(JSONNumber(iat)),
    ]
    if let ath { claims["ath"] = .string(ath) }
    return claims
  }

  /// The usual header: `typ` dpop+jwt, `alg`, the public `jwk`.
  static func header(key: JWK, algorithm: JWSAlgorithm) -> JSONObject {
    ["typ": "dpop+jwt", "alg": .string(algorithm.name), "jwk": .object(key.publicKey.jsonObject())]
  }

  /// A proof signed by `key` with `header` (default: the usual one) and `claims`.
  static func proof(
    key: JWK, algorithm: JWSAlgorithm, header: JSONObject? = nil, claims: JSONObject = claims()
  ) -> String {
    let header = header ?? self.header(key: key, algorithm: algorithm)
    return sign(headerBytes: header.jsonBytes, payloadBytes: claims.jsonBytes, key: key, algorithm: algorithm)
  }

  /// `BASE64URL(header).BASE64URL(payload).BASE64URL(signature)` over exactly these bytes.
  static func sign(headerBytes: [UInt8], payloadBytes: [UInt8], key: JWK, algorithm: JWSAlgorithm) -> String {
    let signingInput = Base64URL.encode(headerBytes) + "." + Base64URL.encode(payloadBytes)
    let signature = try! JWS.signature(
      for: Array(signingInput.utf8), key: key, algorithm: algorithm, random: testRandom)
    return signingInput + "." + Base64URL.encode(signature)
  }

  /// A request for the usual method and URL.
  static func request(_ proof: String, method: String = method, url: String = url, nonces: [String] = [])
    -> DPoPRequest
  {
    DPoPRequest(proof: proof, method: method, url: url, acceptedNonces: nonces)
  }

  /// Deterministic bytes for PSS salts (the tests need no real randomness).
  static let testRandom = RandomSource { buffer in
    for i in 0..<buffer.count { buffer[i] = UInt8(truncatingIfNeeded: i &* 37 &+ 11) }
  }

  /// The reason `body` fails with, or `nil` when it does not fail.
  static func failure(_ body: () throws(DPoPError) -> Void) -> DPoPError.Reason? {
    do throws(DPoPError) {
      try body()
      return nil
    } catch {
      return error.reason
    }
  }
}
