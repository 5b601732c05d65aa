import MonoCloudBackend
import MonoCloudPostgresCache
import PostgresNIO
import Synchronization

/// The measurement itself (see main.swift).
final class Benchmark: Sendable {
  let requestCount = 10_000
  let concurrency = 16
  let tenantURL = "https://tenant.example.com"
  let audience = "https://api.example.com"
  let introspections = Mutex(0)

  var fetcher: Fetcher {
    Fetcher { [self] request in
      let json = [("Content-Type", "application/json")]
      if request.url.hasSuffix("/.well-known/openid-configuration") {
        let body =
          #"{"issuer":"\#(tenantURL)","jwks_uri":"\#(tenantURL)/jwks","introspection_endpoint":"\#(tenantURL)/introspect"}"#
        return HTTPResponse(status: 200, headers: json, body: Array(body.utf8))
      }
      introspections.withLock { $0 += 1 }
      let exp = MonoCloudClock.system.unixTimeSeconds + 3600
      let body =
        #"{"active":true,"iss":"\#(tenantURL)","aud":"\#(audience)","sub":"user-1","scope":"read","exp":\#(exp)}"#
      return HTTPResponse(status: 200, headers: json, body: Array(body.utf8))
    }
  }

  /// The JSON line, from two instances on `configuration`'s server.
  func run(configuration base: PostgresClient.Configuration) async throws -> String {
    var configuration = base
    configuration.options.maximumConnections = concurrency
    let clients = [PostgresClient(configuration: configuration), PostgresClient(configuration: configuration)]
    let table = "bench_introspection_\(UInt32.random(in: 0...UInt32.max))"
    return try await withThrowingTaskGroup(of: Void.self) { runners in
      for client in clients { runners.addTask { await client.run() } }
      defer { runners.cancelAll() }
      let backends = try clients.map { client in
        var options = MonoCloudBackendOptions(tenantDomain: tenantURL, audience: audience)
        options.clientId = "client-1"
        options.clientSecret = .string("secret-1")
        options.fetcher = fetcher
        options.cache = try PostgresIntrospectionCache(client: client, tableName: table, timeout: .seconds(5))
        return try MonoCloudBackendClient(options: options, environment: [:])
      }
      try await PostgresIntrospectionCache(client: clients[0], tableName: table).migrate()
      let token = "bench-opaque-token-\(UInt64.random(in: 0...UInt64.max))"
      let clock = ContinuousClock()
      _ = try await backends[0].introspectAccessToken(token)
      let next = Counter(1)
      let started = clock.now
      var latencies: [Double] = []
      var failures = 0
      try await withThrowingTaskGroup(of: ([Double], Int).self) { group in
        for _ in 0..<concurrency {
          group.addTask { [requestCount] in
            var latencies: [Double] = []
            var failures = 0
            while true {
              let index = next.take()
              guard index < requestCount else { break }
              let start = clock.now
              do { _ = try await backends[index % 2].introspectAccessToken(token) } catch { failures += 1 }
              latencies.append(Self.milliseconds(clock.now - start))
            }
            return (latencies, failures)
          }
        }
        for try await (part, failed) in group {
          latencies += part
          failures += failed
        }
      }
      let elapsed = Self.milliseconds(clock.now - started) / 1000
      let sorted = latencies.sorted()
      func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
      return #"{"name":"postgres-introspection-cache-hit","instances":2,"requests":\#(requestCount),"#
        + #""concurrency":\#(concurrency),"requests_per_second":\#(Self.fixed(Double(sorted.count) / elapsed, 1)),"#
        + #""p50_ms":\#(Self.fixed(percentile(0.5))),"p99_ms":\#(Self.fixed(percentile(0.99))),"non_2xx":\#(failures),"#
        + #""provider_introspections":\#(introspections.withLock { $0 })}"#
    }
  }

  static func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
  }

  static func fixed(_ value: Double, _ digits: Int = 3) -> String {
    var scale: Int64 = 1
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int64((value * Double(scale)).rounded())
    var fraction = String(scaled % scale)
    while fraction.count < digits { fraction = "0" + fraction }
    return digits == 0 ? String(scaled) : "\(scaled / scale).\(fraction)"
  }
}

/// The next request number, handed out once each.
final class Counter: Sendable {
  private let value: Mutex<Int>
  init(_ start: Int) { value = Mutex(start) }
  func take() -> Int {
    value.withLock { value in
      defer { value += 1 }
      return value
    }
  }
}
