import Foundation
import MonoCloudBackend

/// The client's per-request cost with warm caches. Async work (discovery, the first
/// introspection) happens in `prepare`; the measured operation is the synchronous cache-hit
/// path that `validateAccessToken` itself takes first, so the figure is the real per-request
/// cost without an executor hop per operation.
func clientBenchmarks() -> [Benchmark] {
  [
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
    }
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
