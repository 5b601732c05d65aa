import MonoCloudBackend

extension MonoCloudBackendOptions {
  /// These options with the URLSession fetcher filled in when none is set.
  public func withDefaultFetcher() -> MonoCloudBackendOptions {
    var options = self
    if options.fetcher == nil { options.fetcher = URLSessionFetcher().fetcher }
    return options
  }
}
