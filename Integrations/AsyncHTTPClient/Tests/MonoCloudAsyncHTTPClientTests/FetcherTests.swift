import AsyncHTTPClient
import MonoCloudAsyncHTTPClient
import MonoCloudBackend
import NIOCore
import Testing

/// The fetcher against an in-process HTTP server on loopback.
@Suite struct FetcherTests {
  @Test func requestAndResponseCrossUnchanged() async throws {
    let server = try await TestHTTPServer.start { request in
      .init(
        status: 201, headers: [("Content-Type", "text/plain"), ("X-Seen-Method", request.method)],
        body: Array("\(request.header("X-Probe") ?? "-") \(request.bodyText)".utf8))
    }
    try await withAsyncHTTPClientFetcher { fetcher in
      let response = try await fetcher.fetch(
        HTTPRequest(
          method: "POST", url: server.baseURL + "/echo", headers: [("X-Probe", "p1")], body: Array("a=b".utf8)))
      #expect(response.status == 201)
      #expect(response.header("x-seen-method") == "POST")
      #expect(response.header("Content-Type") == "text/plain")
      #expect(String(decoding: response.body, as: UTF8.self) == "p1 a=b")
    }
    try await server.stop()
  }

  @Test func connectionsArePooled() async throws {
    let server = try await TestHTTPServer.start { _ in .json("{}") }
    try await withAsyncHTTPClientFetcher { fetcher in
      for _ in 0..<5 {
        let response = try await fetcher.fetch(HTTPRequest(method: "GET", url: server.baseURL + "/"))
        #expect(response.status == 200)
      }
    }
    let statistics = server.statistics.withLockedValue { $0 }
    #expect(statistics.requests == 5)
    #expect(statistics.connections == 1)
    try await server.stop()
  }

  @Test func bodyAtTheLimitIsRead() async throws {
    let server = try await TestHTTPServer.start { _ in .init(status: 200, body: [UInt8](repeating: 7, count: 1000)) }
    try await withAsyncHTTPClientFetcher(configuration: .init(maxResponseBytes: 1000)) { fetcher in
      let response = try await fetcher.fetch(HTTPRequest(method: "GET", url: server.baseURL + "/"))
      #expect(response.body.count == 1000)
    }
    try await server.stop()
  }

  @Test func declaredLengthOverTheLimitIsRefused() async throws {
    let server = try await TestHTTPServer.start { _ in .init(status: 200, body: [UInt8](repeating: 7, count: 1001)) }
    try await withAsyncHTTPClientFetcher(configuration: .init(maxResponseBytes: 1000)) { fetcher in
      await #expect(throws: FetchError.responseTooLarge(limit: 1000)) {
        try await fetcher.fetch(HTTPRequest(method: "GET", url: server.baseURL + "/"))
      }
    }
    try await server.stop()
  }

  /// A body with no length that never ends in time: the fetcher stops reading at the cap, so
  /// the server cannot send all of it (it would, were the body buffered then checked).
  @Test func streamedBodyStopsAtTheLimit() async throws {
    let total = 512 * 1024 * 1024
    let server = try await TestHTTPServer.start { _ in .init(status: 200, streamedBytes: total) }
    try await withAsyncHTTPClientFetcher(configuration: .init(maxResponseBytes: 64 * 1024)) { fetcher in
      await #expect(throws: FetchError.responseTooLarge(limit: 64 * 1024)) {
        try await fetcher.fetch(HTTPRequest(method: "GET", url: server.baseURL + "/"))
      }
    }
    let statistics = server.statistics.withLockedValue { $0 }
    #expect(!statistics.streamFinished)
    #expect(statistics.streamedBytesSent < total / 4)
    try await server.stop()
  }

  @Test func sameOriginRedirectIsFollowed() async throws {
    let server = try await TestHTTPServer.start { request in
      request.path == "/old" ? .init(status: 302, headers: [("Location", "/new")]) : .json("{\"at\":\"new\"}")
    }
    try await withAsyncHTTPClientFetcher { fetcher in
      let response = try await fetcher.fetch(HTTPRequest(method: "GET", url: server.baseURL + "/old"))
      #expect(response.status == 200)
      #expect(String(decoding: response.body, as: UTF8.self) == "{\"at\":\"new\"}")
    }
    #expect(server.statistics.withLockedValue { $0.requests } == 2)
    try await server.stop()
  }

  @Test func redirectToAnotherHostIsRefused() async throws {
    let elsewhere = try await TestHTTPServer.start { _ in .json("{}") }
    let server = try await TestHTTPServer.start { _ in
      .init(status: 307, headers: [("Location", elsewhere.baseURL + "/steal")])
    }
    try await withAsyncHTTPClientFetcher { fetcher in
      await #expect(throws: FetchError.redirectRefused) {
        try await fetcher.fetch(HTTPRequest(method: "POST", url: server.baseURL + "/introspect", body: [1]))
      }
    }
    #expect(elsewhere.statistics.withLockedValue { $0.requests } == 0)
    try await elsewhere.stop()
    try await server.stop()
  }

  @Test func redirectLoopEnds() async throws {
    let server = try await TestHTTPServer.start { _ in .init(status: 301, headers: [("Location", "/again")]) }
    try await withAsyncHTTPClientFetcher(configuration: .init(maxRedirects: 3)) { fetcher in
      await #expect(throws: FetchError.redirectRefused) {
        try await fetcher.fetch(HTTPRequest(method: "GET", url: server.baseURL + "/"))
      }
    }
    #expect(server.statistics.withLockedValue { $0.requests } == 4)
    try await server.stop()
  }

  @Test func slowServerHitsTheDeadline() async throws {
    let server = try await TestHTTPServer.start { _ in .init(status: 200, delay: .seconds(30)) }
    try await withAsyncHTTPClientFetcher(configuration: .init(timeout: .milliseconds(200))) { fetcher in
      let error = await #expect(throws: FetchError.self) {
        try await fetcher.fetch(HTTPRequest(method: "GET", url: server.baseURL + "/"))
      }
      guard case .network(let reason) = error else {
        Issue.record("expected a network error, got \(String(describing: error))")
        return
      }
      #expect(reason.contains("deadlineExceeded") || reason.contains("readTimeout"))
    }
    try await server.stop()
  }

  @Test func mutualTLSRequestWithoutIdentityFailsBeforeSending() async throws {
    let server = try await TestHTTPServer.start { _ in .json("{}") }
    try await withAsyncHTTPClientFetcher { fetcher in
      await #expect(throws: FetchError.network("mutual TLS needs a client certificate and none is configured")) {
        try await fetcher.fetch(
          HTTPRequest(method: "POST", url: server.baseURL + "/introspect", requiresClientCertificate: true))
      }
    }
    #expect(server.statistics.withLockedValue { $0.requests } == 0)
    try await server.stop()
  }

  @Test func unreachableServerIsANetworkError() async throws {
    // Bind then close: nothing listens on that port any more.
    let server = try await TestHTTPServer.start { _ in .json("{}") }
    let url = server.baseURL + "/"
    try await server.stop()
    try await withAsyncHTTPClientFetcher { fetcher in
      let error = await #expect(throws: FetchError.self) {
        try await fetcher.fetch(HTTPRequest(method: "GET", url: url))
      }
      if case .network = error {} else { Issue.record("expected a network error, got \(String(describing: error))") }
    }
  }

  @Test func borrowedClientIsLeftRunning() async throws {
    let server = try await TestHTTPServer.start { _ in .json("{}") }
    let client = HTTPClient(configuration: .init(redirectConfiguration: .disallow))
    let fetcher = try AsyncHTTPClientFetcher(httpClient: client)
    #expect(try await fetcher.fetch(HTTPRequest(method: "GET", url: server.baseURL + "/")).status == 200)
    try await fetcher.shutdown()
    // Still usable: shutting the fetcher down left the caller's client alone.
    #expect(try await fetcher.fetch(HTTPRequest(method: "GET", url: server.baseURL + "/")).status == 200)
    try await client.shutdown()
    try await server.stop()
  }

  @Test func ownedClientIsShutDown() async throws {
    let server = try await TestHTTPServer.start { _ in .json("{}") }
    let fetcher = try AsyncHTTPClientFetcher()
    #expect(try await fetcher.fetch(HTTPRequest(method: "GET", url: server.baseURL + "/")).status == 200)
    try await fetcher.shutdown()
    await #expect(throws: FetchError.self) {
      try await fetcher.fetch(HTTPRequest(method: "GET", url: server.baseURL + "/"))
    }
    try await server.stop()
  }

  @Test func unreadableTLSSettingsFailAtStart() throws {
    #expect(throws: FetcherConfigurationError.self) {
      try AsyncHTTPClientFetcher(configuration: .init(trustRoots: .pemBundle("not a certificate")))
    }
    #expect(throws: FetcherConfigurationError.self) {
      try AsyncHTTPClientFetcher(configuration: .init(trustRoots: .pemFile("/nonexistent/bundle.pem")))
    }
    let pki = try TestPKI.shared.get()
    #expect(throws: FetcherConfigurationError.self) {
      try AsyncHTTPClientFetcher(
        configuration: .init(
          clientIdentity: .init(certificateChainPEM: pki.clientP256.certificatePEM, privateKeyPEM: "garbage")))
    }
    // An encrypted key without its passphrase is refused, never prompted for.
    #expect(throws: FetcherConfigurationError.self) {
      try AsyncHTTPClientFetcher(
        configuration: .init(
          clientIdentity: .init(
            certificateChainPEM: pki.clientP256.certificatePEM, privateKeyPEM: pki.encryptedP256KeyPEM)))
    }
  }

  @Test func limitsComeFromTheBackendOptions() throws {
    var input = MonoCloudBackendOptions(tenantDomain: "https://tenant.example.com", audience: "api")
    input.responseTimeout = .milliseconds(2500)
    input.maxResponseBytes = 4096
    let options = try input.resolved(environment: [:])
    var configuration = AsyncHTTPClientFetcher.Configuration()
    configuration.adoptLimits(of: options)
    #expect(configuration.maxResponseBytes == 4096)
    #expect(configuration.timeout == .milliseconds(2500))
  }
}
