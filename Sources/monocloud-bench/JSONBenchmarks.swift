import MonoCloudJOSE

/// The JOSE layer's work outside the crypto: base64url + JSON for a typical access token's
/// header and payload (≈ 600 bytes of JSON), and the claim checks.
func jsonBenchmarks() -> [Benchmark] {
  let header = #"{"alg":"RS256","typ":"at+jwt","kid":"2ZQpJ3UpbjAYXYGaXEJl8lV0TOI"}"#
  let payload =
    #"{"iss":"https://example.us.monocloud.com","sub":"9f6e9b5c-2c5b-4a5e-8f5e-1a2b3c4d5e6f","#
    + #""aud":["https://api.example.com","https://example.us.monocloud.com/userinfo"],"exp":1764422400,"#
    + #""nbf":1764418800,"iat":1764418800,"jti":"4c7d2f2a-8f2d-4b5e-9c1a-0e2f3a4b5c6d","#
    + #""client_id":"b3d5f7a9c1e3","scope":"openid profile email read:messages write:messages","#
    + #""groups":[{"id":"grp_01","name":"admins"},{"id":"grp_02","name":"editors"}],"#
    + #""auth_time":1764418790,"sid":"a1b2c3d4e5f6","#
    + #""cnf":{"x5t#S256":"bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"}}"#
  let options = ClaimsValidationOptions(
    issuer: "https://example.us.monocloud.com", audience: "https://api.example.com",
    requiredScopes: ["read:messages", "write:messages"], requiredGroups: ["editors"],
    certificateThumbprint: "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2")
  return [
    Benchmark(name: "json-parse-jwt", openssl: nil) {
      let headerBytes = Array(header.utf8)
      let payloadBytes = Array(payload.utf8)
      return {
        headerBytes.withUnsafeBytes { h in
          payloadBytes.withUnsafeBytes { p in
            guard let a = try? JSONReader.parseObject(h), let b = try? JSONReader.parseObject(p) else { return false }
            return a.count == 3 && b.count == 13
          }
        }
      }
    },
    Benchmark(name: "json-parse-jwt-base64url", openssl: nil) {
      let headerSegment = Array(Base64URL.encode(Array(header.utf8)).utf8)
      let payloadSegment = Array(Base64URL.encode(Array(payload.utf8)).utf8)
      return {
        headerSegment.withUnsafeBytes { h in
          payloadSegment.withUnsafeBytes { p in
            guard let a = try? JSONReader.parseObject(base64URLEncoded: h),
              let b = try? JSONReader.parseObject(base64URLEncoded: p)
            else { return false }
            return a.count == 3 && b.count == 13
          }
        }
      }
    },
    Benchmark(name: "claims-validate", openssl: nil) {
      let claims = try! JSONReader.parseObject(payload)
      let validator = ClaimsValidator(options)
      return { (try? validator.validate(claims, now: 1_764_420_000)) != nil }
    },
  ]
}
