import MonoCloudBackend
import NIOCore

// The only place this package reads the core's option types: if they change shape (durations
// as `Duration`, say), this is the one function to adapt.
extension AsyncHTTPClientFetcher.Configuration {
  /// Takes the response size cap and the timeout from the backend client's resolved options,
  /// so that the fetcher stops exactly where the client would.
  public mutating func adoptLimits(of options: ResolvedBackendOptions) {
    maxResponseBytes = options.maxResponseBytes
    let (seconds, attoseconds) = options.responseTimeout.components
    timeout = .milliseconds(seconds * 1000 + attoseconds / 1_000_000_000_000_000)
  }
}

extension MonoCloudBackendClient {
  /// A backend client whose fetcher is an `AsyncHTTPClientFetcher` with the client's own
  /// limits (`maxResponseBytes`, `responseTimeout`). Shut the returned fetcher down once the
  /// client is no longer used.
  public static func withAsyncHTTPClient(
    options: MonoCloudBackendOptions, environment: [String: String] = ProcessEnvironment.monoCloudVariables(),
    fetcherConfiguration: AsyncHTTPClientFetcher.Configuration = .init()
  ) throws -> (client: MonoCloudBackendClient, fetcher: AsyncHTTPClientFetcher) {
    var configuration = fetcherConfiguration
    configuration.adoptLimits(of: try options.resolved(environment: environment))
    let fetcher = try AsyncHTTPClientFetcher(configuration: configuration)
    var withFetcher = options
    withFetcher.fetcher = fetcher.fetcher
    do {
      return (try MonoCloudBackendClient(options: withFetcher, environment: environment), fetcher)
    } catch {
      // The fetcher was never handed out: shut it down here.
      Task { try? await fetcher.shutdown() }
      throw error
    }
  }
}
