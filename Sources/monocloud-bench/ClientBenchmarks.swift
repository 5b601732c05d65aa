import Foundation
import MonoCloudBackend
import MonoCloudJOSE

/// The client's per-request cost with warm caches. Async work (discovery, the first
/// introspection) happens in `prepare`; the measured operation is the synchronous cache-hit
/// path that `validateAccessToken` itself takes first, so the figure is the real per-request
/// cost without an executor hop per operation.
func clientBenchmarks() -> [Benchmark] {
  [
    // Compare with `jwt-rs256`: the same six-key JWKS, token and claim checks, but through
    // the client with its JWKS fetched (by a fake fetcher) and cached.
    Benchmark(name: "client-jwt-rs256", openssl: nil) {
      let fixture = JOSEBenchmarkFixture.self
      guard let privateSet = try? JWKSet(importingPrivateKeysFromJSONBytes: Array(BenchmarkKeys.privateJWKS.utf8)),
        let key = privateSet.keys.first(where: { $0.algorithm == "RS256" }),
        let token = try? JWS.sign(claims: fixture.claims, key: key, algorithm: .rs256, extraHeader: ["typ": "at+jwt"])
      else { return { false } }
      let issuer = "https://tenant.us.monocloud.example"
      let jwks = JSONWriter.string(JWKSet(keys: privateSet.keys.map { $0.publicKey }).jsonObject())
      let discovery = #"{"issuer":"\#(issuer)","jwks_uri":"\#(issuer)/jwks"}"#
      var options = MonoCloudBackendOptions(tenantDomain: issuer, audience: "https://api.example.com")
      options.clock = MonoCloudClock { fixture.now * 1000 }
      options.verifiedTokenCacheSize = 0  // every call verifies the signature, as `jwt-rs256` does
      options.fetcher = Fetcher { request in
        let body = request.url.hasSuffix("/jwks") ? jwks : discovery
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
      }
      guard let client = try? MonoCloudBackendClient(options: options, environment: [:]) else { return { false } }
      let scopes = fixture.options.requiredScopes
      let groups = fixture.options.requiredGroups
      let warmed = BlockingWait.run {
        (try? await client.validateAccessToken(token, scopes: scopes, groups: groups)) != nil
      }
      guard warmed else { return { false } }
      let count = fixture.claims.count
      return {
        guard case .success(let claims)? = client.validateAccessTokenFromCache(token, scopes: scopes, groups: groups)
        else { return false }
        return claims.object.count == count
      }
    },
    Benchmark(name: "client-introspect-cached", openssl: nil) {
      let issuer = "https://tenant.example.com"
      let token = "opaque-4c7d2f2a8f2d4b5e9c1a0e2f3a4b5c6d"
      let now = Int64(Date().timeIntervalSince1970)
      let response =
        #"{"active":true,"iss":"\#(issuer)","sub":"9f6e9b5c-2c5b-4a5e-8f5e-1a2b3c4d5e6f","#
        + #""aud":["https://api.example.com"],"exp":\#(now + 86_400),"iat":\#(now),"client_id":"b3d5f7a9c1e3","#
        + #""scope":"openid profile read:messages write:messages","#
        + #""groups":[{"id":"grp_01","name":"admins"},{"id":"grp_02","name":"editors"}]}"#
      let discovery = #"{"issuer":"\#(issuer)","introspection_endpoint":"\#(issuer)/introspect"}"#
      var options = MonoCloudBackendOptions(
        tenantDomain: issuer, audience: "https://api.example.com", clientId: "bench", clientSecret: .string("secret"))
      options.fetcher = Fetcher { request in
        let body = request.url.hasSuffix("/introspect") ? response : discovery
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array(body.utf8))
      }
      guard let client = try? MonoCloudBackendClient(options: options, environment: [:]) else { return { false } }
      let warmed = BlockingWait.run { (try? await client.validateAccessToken(token)) != nil }
      guard warmed else { return { false } }
      let scopes = ["read:messages"]
      let groups = ["editors"]
      return {
        guard case .success(let claims)? = client.validateAccessTokenFromCache(token, scopes: scopes, groups: groups)
        else { return false }
        return claims.object.count == 8
      }
    },
  ]
}

/// Runs async setup to completion from the benchmark's synchronous `prepare`.
enum BlockingWait {
  static func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
    let semaphore = DispatchSemaphore(value: 0)
    let box = ResultBox<T>()
    Task {
      box.value = await body()
      semaphore.signal()
    }
    semaphore.wait()
    return box.value!
  }

  final class ResultBox<T>: @unchecked Sendable {
    var value: T?
  }
}
