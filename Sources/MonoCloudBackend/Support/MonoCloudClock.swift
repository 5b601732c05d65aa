#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The wall clock the client reads for token times and cache expiry. Inject a fixed or
/// stepping clock in tests; `system` reads `CLOCK_REALTIME`.
public struct MonoCloudClock: Sendable {
  /// Milliseconds since the Unix epoch.
  public let unixTimeMilliseconds: @Sendable () -> Int64

  public init(unixTimeMilliseconds: @escaping @Sendable () -> Int64) {
    self.unixTimeMilliseconds = unixTimeMilliseconds
  }

  /// The system's real-time clock.
  public static let system = MonoCloudClock {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec) &* 1000 &+ Int64(time.tv_nsec) / 1_000_000
  }

  /// Whole seconds since the Unix epoch.
  public var unixTimeSeconds: Int64 { unixTimeMilliseconds() / 1000 }
}

extension Duration {
  /// Whole milliseconds, rounded toward zero and saturating at the `Int64` range.
  package var wholeMilliseconds: Int64 {
    let (seconds, attoseconds) = components
    let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1000)
    if overflow { return seconds < 0 ? .min : .max }
    return scaled.addingReportingOverflow(attoseconds / 1_000_000_000_000_000).partialValue
  }
}
