#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading the files named on the command line and standard input, with the C library (no
/// Foundation). File failures are configuration errors (exit 2) naming the file, never its
/// content.
package enum FileInput {
  /// The largest file read (keys, documents, certificates are small).
  package static let maximumByteCount = 4 << 20

  package static func read(path: String, what: String, limit: Int = maximumByteCount) throws(CLIFailure) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw .configuration("cannot read the \(what) \(path)") }
    defer { close(descriptor) }
    // One byte past the limit tells a file at the limit from a larger one.
    guard let bytes = readAll(descriptor, limit: limit + 1) else {
      throw .configuration("cannot read the \(what) \(path)")
    }
    guard bytes.count <= limit else {
      throw .configuration("the \(what) \(path) is larger than \(limit) bytes")
    }
    return bytes
  }

  /// Standard input up to `limit` bytes (the token given as `-`); the rest is not read. A
  /// read error ends the input.
  package static func standardInput(limit: Int) -> [UInt8] {
    readAll(STDIN_FILENO, limit: limit, keepingPartialInputOnError: true) ?? []
  }

  /// Reads the next bytes of standard input into `buffer`: how many, 0 at its end or on an error.
  package static func readStandardInput(into buffer: UnsafeMutableRawBufferPointer) -> Int {
    readSome(STDIN_FILENO, into: buffer)
  }
}

/// One `read(2)` of up to `buffer.count` bytes, retried after signals; 0 at the end or on an error.
private func readSome(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
  while true {
    let count = read(descriptor, buffer.baseAddress, buffer.count)
    if count >= 0 { return count }
    if errno != EINTR { return 0 }
  }
}

/// Reads `descriptor` to its end or to `limit` bytes; `nil` on a read error (such as
/// `EISDIR` for a directory) unless the bytes read so far are kept.
private func readAll(
  _ descriptor: Int32, limit: Int, keepingPartialInputOnError: Bool = false
) -> [UInt8]? {
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 64 << 10)
  while bytes.count < limit {
    let wanted = min(chunk.count, limit - bytes.count)
    let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, wanted) }
    if count > 0 {
      bytes.append(contentsOf: chunk[0..<count])
    } else if count == 0 {
      break
    } else if errno != EINTR {
      return keepingPartialInputOnError ? bytes : nil
    }
  }
  return bytes
}

/// The system clock in Unix seconds (`CLOCK_REALTIME`, rounded down).
package enum SystemClock {
  package static func unixSeconds() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec)
  }
}

/// The process's `MONOCLOUD_BACKEND_*` variables that the tool reads (C `getenv`).
package enum ProcessVariables {
  package static func monoCloudVariables() -> [String: String] {
    var result: [String: String] = [:]
    for name in Settings.variableNames {
      let fullName = Settings.environmentPrefix + name
      if let value = getenv(fullName) { result[fullName] = String(cString: value) }
    }
    return result
  }
}
