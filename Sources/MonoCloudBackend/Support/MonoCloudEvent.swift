/// What the client reports to `MonoCloudBackendOptions.onEvent`, for metrics and logs.
/// Events carry URLs and outcomes, never tokens or secrets.
public enum MonoCloudEvent: Sendable, Equatable {
  /// Which cached resource an event is about.
  public enum Resource: String, Sendable, Equatable {
    case metadata, jwks, introspection
  }

  /// A request to the tenant is starting.
  case fetchStarted(Resource, url: String)
  /// A request finished with this HTTP status after `milliseconds`.
  case fetchFinished(Resource, url: String, status: Int, milliseconds: Int64)
  /// A request failed (network, timeout, bad status or body).
  case fetchFailed(Resource, url: String, error: MonoCloudError)
  /// A cached resource is being refreshed; `reason` is `expired`, `unknown_kid` or `forced`.
  case refreshStarted(Resource, reason: String)
  /// A refresh failed but the previous value is still served (within the grace period).
  case servingStale(Resource)
  /// A kid-miss refresh was skipped because the cooldown has not passed.
  case refreshSuppressed(Resource)
  /// A cache served the value without a request.
  case cacheHit(Resource)
  /// A cache had no usable value.
  case cacheMiss(Resource)
  /// A concurrent caller joined a request already in flight.
  case joinedInFlight(Resource)
  /// An introspection finished; `active` is the server's answer.
  case introspected(active: Bool)
}
