import MonoCloudJOSE

/// Full JWT validations: split, decode and parse header and payload, select the key from a
/// parsed six-key JWKS, verify, check the claims. Compare with the raw signature benchmarks
/// (`hs256`, `rs256-2048`, `es256`, …) for the JOSE layer's overhead.
func joseBenchmarks() -> [Benchmark] {
  var benchmarks = [
    Benchmark(name: "jwt-hs256", openssl: nil) {
      // HMAC needs a set of secret keys only (a mixed set never enables HS*): six oct keys.
      var keys: [JSONValue] = []
      for index in 0..<6 {
        let secret = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 11 &+ index &* 17 &+ 1) }
        keys.append([
          "kty": "oct", "kid": .string("hs-\(index)"), "alg": "HS256", "k": .string(Base64URL.encode(secret)),
        ])
      }
      let keySet = try! JWKSet(importingPrivateKeysFrom: ["keys": .array(keys)])
      let signingKey = keySet.keys[3]
      return JOSEBenchmarkFixture.operation(keySet: keySet, signingKey: signingKey, algorithm: .hs256)
    }
  ]
  benchmarks += JOSEBenchmarkFixture.asymmetricBenchmarks()
  return benchmarks
}

enum JOSEBenchmarkFixture {
  static let now: Int64 = 1_750_000_000

  /// About 300 bytes of typical access-token claims.
  static let claims: JSONObject = [
    "iss": "https://tenant.us.monocloud.example",
    "sub": "usr_2b9f8c1e4d7a4c0e9f31",
    "aud": ["https://api.example.com"],
    "iat": .number(JSONNumber(now - 60)),
    "nbf": .number(JSONNumber(now - 60)),
    "exp": .number(JSONNumber(now + 3540)),
    "jti": "b7d6f1f2-0c4e-4d8e-9f3a-51a2c3d4e5f6",
    "client_id": "cli_5e8f0a2b",
    "scope": "openid profile read:orders write:orders",
    "groups": ["staff", "admins", ["id": "g-42", "name": "Editors"]],
  ]

  static let options = ClaimsValidationOptions(
    issuer: "https://tenant.us.monocloud.example", audience: "https://api.example.com",
    requiredScopes: ["read:orders"], requiredGroups: ["Editors"])

  static func operation(keySet: JWKSet, signingKey: JWK, algorithm: JWSAlgorithm) -> () -> Bool {
    let token = try! JWS.sign(claims: claims, key: signingKey, algorithm: algorithm, extraHeader: ["typ": "at+jwt"])
    var allowed = JWSAlgorithm.defaultAllowList
    if algorithm.family == .hmac { allowed.append(algorithm) }
    let validator = JWTValidator(keySet: keySet, algorithms: allowed, claims: options)
    return {
      guard let payload = try? validator.validate(token, now: now) else { return false }
      return payload.count == claims.count
    }
  }

  /// RS256, PS256, ES256/384/512 and EdDSA over a six-key JWKS with one key of each kind, for
  /// the families whose crypto is available in this build (the others' keys are skipped).
  static func asymmetricBenchmarks() -> [Benchmark] {
    let cases: [(String, JWSAlgorithm)] = [
      ("jwt-rs256", .rs256), ("jwt-ps256", .ps256), ("jwt-es256", .es256), ("jwt-es384", .es384),
      ("jwt-es512", .es512), ("jwt-eddsa", .edDSA),
    ]
    guard let keySet = try? JWKSet(importingPrivateKeysFromJSONBytes: Array(BenchmarkKeys.privateJWKS.utf8)) else {
      return []
    }
    return cases.compactMap { name, algorithm in
      guard let key = keySet.keys.first(where: { $0.algorithm == algorithm.name }) else { return nil }
      return Benchmark(name: name, openssl: nil) {
        let publicSet = JWKSet(keys: keySet.keys.map { $0.publicKey })
        return operation(keySet: publicSet, signingKey: key, algorithm: algorithm)
      }
    }
  }
}
