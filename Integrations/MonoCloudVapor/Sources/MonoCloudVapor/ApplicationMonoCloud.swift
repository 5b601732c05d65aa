import AsyncHTTPClient
import MonoCloudAsyncHTTPClient
import MonoCloudBackend
import Vapor

extension Application {
  /// MonoCloud access-token validation for this application: `app.monocloud.configure(...)`
  /// once at start-up, then `MonoCloudMiddleware` on the routes to protect.
  public var monocloud: MonoCloud { MonoCloud(application: self) }

  /// The application's shared `MonoCloudBackendClient`, kept in `app.storage`.
  public struct MonoCloud: Sendable {
    let application: Application

    /// The client and its fetcher, created by `configure` and shut down with the application.
    final class Configured: Sendable {
      let client: MonoCloudBackendClient
      let fetcher: AsyncHTTPClientFetcher

      init(client: MonoCloudBackendClient, fetcher: AsyncHTTPClientFetcher) {
        self.client = client
        self.fetcher = fetcher
      }
    }

    struct Key: StorageKey {
      typealias Value = Configured
    }

    /// Creates the application's one `MonoCloudBackendClient`: `options` given in code override
    /// the `MONOCLOUD_BACKEND_*` variables of `environment` (the process environment by
    /// default), which override the defaults. Requests to the tenant go through `httpClient`,
    /// by default Vapor's `app.http.client.shared` (no second connection pool); the
    /// application keeps owning it. The fetcher takes the client's response cap and timeout.
    /// Configuring again replaces the client. Throws a `MonoCloudError` listing every
    /// configuration problem.
    ///
    /// The fetcher refuses redirects to another origin only when it sees them: Vapor's shared
    /// client follows redirects itself unless `app.http.client.configuration.redirectConfiguration`
    /// is set to `.disallow` before its first use (or pass a client configured that way).
    public func configure(
      _ options: MonoCloudBackendOptions = MonoCloudBackendOptions(),
      environment: [String: String] = ProcessEnvironment.monoCloudVariables(),
      httpClient: HTTPClient? = nil,
      fetcherConfiguration: AsyncHTTPClientFetcher.Configuration = .init()
    ) throws {
      let resolved = try options.resolved(environment: environment)
      let fetcher = try AsyncHTTPClientFetcher(
        httpClient: httpClient ?? application.http.client.shared,
        configuration: .adopting(resolved, base: fetcherConfiguration))
      var withFetcher = options
      withFetcher.fetcher = fetcher.fetcher
      let client: MonoCloudBackendClient
      do {
        client = try MonoCloudBackendClient(options: withFetcher, environment: environment)
      } catch {
        // The fetcher was never handed out; it only owns a mutual-TLS client, if any.
        Task { try? await fetcher.shutdown() }
        throw error
      }
      let previous = application.storage[Key.self]
      application.storage[Key.self] = Configured(client: client, fetcher: fetcher)
      ConfiguredClientMemo.retireAll()
      if let previous {
        Task { try? await previous.fetcher.shutdown() }
      } else {
        application.lifecycle.use(MonoCloudShutdown())
      }
    }

    /// The shared client; nil until `configure` was called.
    public var client: MonoCloudBackendClient? { ConfiguredClientMemo.configured(of: application)?.client }

    /// The fetcher of the shared client; nil until `configure` was called.
    public var fetcher: AsyncHTTPClientFetcher? { ConfiguredClientMemo.configured(of: application)?.fetcher }
  }
}

/// Closes the fetcher (its own mutual-TLS connections; the borrowed HTTP client is Vapor's to
/// shut down) when the application stops.
struct MonoCloudShutdown: LifecycleHandler {
  func shutdown(_ application: Application) {
    guard let configured = application.storage[Application.MonoCloud.Key.self] else { return }
    application.storage[Application.MonoCloud.Key.self] = nil
    ConfiguredClientMemo.retireAll()
    // The synchronous path (an application started without async/await) has no way to wait.
    Task { try? await configured.fetcher.shutdown() }
  }

  func shutdownAsync(_ application: Application) async {
    guard let configured = application.storage[Application.MonoCloud.Key.self] else { return }
    application.storage[Application.MonoCloud.Key.self] = nil
    ConfiguredClientMemo.retireAll()
    try? await configured.fetcher.shutdown()
  }
}
