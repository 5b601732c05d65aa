import MonoCloudAsyncHTTPClient
import MonoCloudBackend
import ServiceLifecycle

/// One shared `MonoCloudBackendClient` on an `AsyncHTTPClientFetcher`, as a ServiceLifecycle
/// service: add it to the `ServiceGroup` next to the application, and on graceful shutdown it
/// closes the fetcher's pooled connections after the application has stopped serving.
public final class MonoCloudBackendService: Service, Sendable {
  public let client: MonoCloudBackendClient
  public let fetcher: AsyncHTTPClientFetcher

  /// Options from code over the `MONOCLOUD_BACKEND_*` variables of `environment`; the fetcher
  /// takes the client's response limit and timeout.
  public init(
    options: MonoCloudBackendOptions = MonoCloudBackendOptions(),
    environment: [String: String] = ProcessEnvironment.monoCloudVariables(),
    fetcherConfiguration: AsyncHTTPClientFetcher.Configuration = .init()
  ) throws {
    let made = try MonoCloudBackendClient.withAsyncHTTPClient(
      options: options, environment: environment, fetcherConfiguration: fetcherConfiguration)
    self.client = made.client
    self.fetcher = made.fetcher
  }

  public func run() async throws {
    // Idle until shutdown, then close the connection pool.
    try? await gracefulShutdown()
    try await fetcher.shutdown()
  }
}
