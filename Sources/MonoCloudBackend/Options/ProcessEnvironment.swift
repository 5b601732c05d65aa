#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads the `MONOCLOUD_BACKEND_*` variables of this process (C `getenv`, no Foundation).
public enum ProcessEnvironment {
  /// Every `MONOCLOUD_BACKEND_*` variable the options know, as name → raw value.
  public static func monoCloudVariables() -> [String: String] {
    var result: [String: String] = [:]
    for name in MonoCloudBackendOptions.environmentVariableNames {
      if let value = getenv(name) { result[name] = String(cString: value) }
    }
    return result
  }
}
