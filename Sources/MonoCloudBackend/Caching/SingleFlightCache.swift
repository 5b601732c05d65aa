/// The times of a `SingleFlightCache`, in milliseconds of the client clock.
package struct SingleFlightCacheTiming: Sendable {
  package var timeToLive: Int64
  package var grace: Int64
  package var cooldown: Int64
  package var retryInterval: Int64

  package init(timeToLive: Int64, grace: Int64, cooldown: Int64, retryInterval: Int64) {
    self.timeToLive = timeToLive
    self.grace = grace
    self.cooldown = cooldown
    self.retryInterval = retryInterval
  }
}

/// One cached remote resource (discovery document, JWKS) with:
/// - a time to live; the synchronous `freshValue(now:)` serves hits without suspending;
/// - single flight: concurrent callers on a miss share one load;
/// - stale serving: when a refresh fails and a value is cached, that value keeps being
///   served (retrying at most every `retryInterval`) until `grace` after it expired;
/// - rate-limited forced refreshes for unknown `kid`s (`refreshForUnknownKey`).
package final class SingleFlightCache<Value: Sendable>: Sendable {
  /// The cache's times (see `SingleFlightCacheTiming`); one type for every kind of value.
  package typealias Timing = SingleFlightCacheTiming

  private struct State {
    var value: Value?
    /// The value is fresh until then.
    var freshUntil: Int64 = .min
    /// After this a stale value is no longer served.
    var staleUntil: Int64 = .min
    var inFlight: Task<Result<Value, MonoCloudError>, Never>?
    var lastUnknownKeyRefresh: Int64?
  }

  package typealias Loader = @Sendable () async -> Result<Value, MonoCloudError>

  private let state = Locked(State())
  private let timing: Timing
  private let load: Loader?
  private let resource: MonoCloudEvent.Resource
  private let clock: MonoCloudClock
  private let onEvent: (@Sendable (MonoCloudEvent) -> Void)?

  package init(
    resource: MonoCloudEvent.Resource, timing: Timing, clock: MonoCloudClock,
    onEvent: (@Sendable (MonoCloudEvent) -> Void)?, load: @escaping Loader
  ) {
    self.resource = resource
    self.timing = timing
    self.clock = clock
    self.onEvent = onEvent
    self.load = load
  }

  /// A cache that always serves `value` and never loads (offline use).
  package init(resource: MonoCloudEvent.Resource, staticValue: Value, clock: MonoCloudClock) {
    self.resource = resource
    self.timing = Timing(timeToLive: 0, grace: 0, cooldown: 0, retryInterval: 0)
    self.clock = clock
    self.onEvent = nil
    self.load = nil
    state.withLock {
      $0.value = staticValue
      $0.freshUntil = .max
      $0.staleUntil = .max
    }
  }

  package var isStatic: Bool { load == nil }

  /// The cached value if it is still fresh; never suspends.
  package func freshValue() -> Value? {
    freshValue(at: clock.unixTimeMilliseconds())
  }

  /// The cached value if it is still fresh at `now` (the clock's milliseconds, read by the caller).
  package func freshValue(at now: Int64) -> Value? {
    state.withLock { state in now < state.freshUntil ? state.value : nil }
  }

  /// The cached value when fresh, else the result of a (shared) load.
  package func value(forceRefresh: Bool = false) async -> Result<Value, MonoCloudError> {
    if !forceRefresh, let value = freshValue() {
      onEvent?(.cacheHit(resource))
      return .success(value)
    }
    if load == nil, let value = state.withLock({ $0.value }) { return .success(value) }
    return await refresh(reason: forceRefresh ? "forced" : "expired")
  }

  /// For a `kid` missing from the cached set: refreshes unless a kid-triggered refresh
  /// happened within the cooldown. Returns nil when suppressed (the caller then rejects
  /// the token with the keys it has).
  package func refreshForUnknownKey() async -> Result<Value, MonoCloudError>? {
    guard let load else { return nil }
    let now = clock.unixTimeMilliseconds()
    // Deciding and starting happen under one lock, so concurrent callers with the same new
    // kid all join the one refresh instead of some being refused before it starts.
    let decision = state.withLock { state -> (task: Task<Result<Value, MonoCloudError>, Never>, joined: Bool)? in
      if let last = state.lastUnknownKeyRefresh, now - last < timing.cooldown {
        return state.inFlight.map { ($0, true) }
      }
      state.lastUnknownKeyRefresh = now
      return startOrJoin(&state, load)
    }
    guard let decision else {
      onEvent?(.refreshSuppressed(resource))
      return nil
    }
    report(joined: decision.joined, reason: "unknown_kid")
    return await decision.task.value
  }

  private func refresh(reason: String) async -> Result<Value, MonoCloudError> {
    guard let load else {
      return .failure(.http(.network, "no \(resource.rawValue) is available and none can be fetched"))
    }
    let (task, joined) = state.withLock { state in startOrJoin(&state, load) }
    report(joined: joined, reason: reason)
    return await task.value
  }

  /// The load in flight, or a new one. Call with the lock held.
  private func startOrJoin(
    _ state: inout State, _ load: @escaping Loader
  ) -> (task: Task<Result<Value, MonoCloudError>, Never>, joined: Bool) {
    if let inFlight = state.inFlight { return (inFlight, true) }
    let task = Task { [self] in
      let result = await load()
      return self.finish(result)
    }
    state.inFlight = task
    return (task, false)
  }

  private func report(joined: Bool, reason: String) {
    if joined {
      onEvent?(.joinedInFlight(resource))
    } else {
      onEvent?(.cacheMiss(resource))
      onEvent?(.refreshStarted(resource, reason: reason))
    }
  }

  /// Stores a load's result; on failure serves the previous value while within grace.
  private func finish(_ result: Result<Value, MonoCloudError>) -> Result<Value, MonoCloudError> {
    let now = clock.unixTimeMilliseconds()
    let outcome: (Result<Value, MonoCloudError>, stale: Bool) = state.withLock { state in
      state.inFlight = nil
      switch result {
      case .success(let value):
        state.value = value
        state.freshUntil = now.addingReportingOverflow(timing.timeToLive).overflow ? .max : now + timing.timeToLive
        state.staleUntil =
          state.freshUntil.addingReportingOverflow(timing.grace).overflow ? .max : state.freshUntil + timing.grace
        return (result, false)
      case .failure:
        if let value = state.value, now < state.staleUntil {
          // Keep serving the old value; try again after a pause, not on every request.
          state.freshUntil = min(now + timing.retryInterval, state.staleUntil)
          return (.success(value), true)
        }
        state.value = nil
        return (result, false)
      }
    }
    if outcome.stale { onEvent?(.servingStale(resource)) }
    return outcome.0
  }
}
