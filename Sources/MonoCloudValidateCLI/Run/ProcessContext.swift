import CMonoCloudShim

/// The command line without the program name.
package enum ProcessArguments {
  package static func commandLine() -> [String] {
    #if hasFeature(Embedded)
      // Embedded Swift has no `CommandLine`: the static build's C entry point keeps argv.
      let count = Int(monocloud_argument_count())
      guard count > 1 else { return [] }
      return (1..<count).map { index in monocloud_argument(Int32(index)).map { String(cString: $0) } ?? "" }
    #else
      return Array(CommandLine.arguments.dropFirst())
    #endif
  }
}

/// The process's `MONOCLOUD_BACKEND_*` variables that the tool reads (C `getenv`).
package enum ProcessVariables {
  package static func monoCloudVariables() -> [String: String] {
    var result: [String: String] = [:]
    for name in Settings.variableNames {
      let fullName = Settings.environmentPrefix + name
      if let value = monocloud_getenv(fullName) { result[fullName] = String(cString: value) }
    }
    return result
  }
}

/// The system clock in Unix seconds (`CLOCK_REALTIME`, rounded down).
package enum SystemClock {
  package static func unixSeconds() -> Int64 {
    Int64(monocloud_unix_seconds())
  }
}

/// Ends the process with the run's exit status.
package enum ProcessExit {
  package static func exit(_ status: ExitStatus) -> Never {
    monocloud_exit(status.rawValue)
  }
}
