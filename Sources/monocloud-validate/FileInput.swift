import Foundation

/// Reading the files named on the command line. Failures are configuration errors (exit 2)
/// naming the file, never its content.
enum FileInput {
  /// The largest file read (keys, documents, certificates are small).
  static let maximumByteCount = 4 << 20

  static func read(path: String, what: String) throws(CLIFailure) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .configuration("cannot read the \(what) \(path)")
    }
    guard data.count <= maximumByteCount else {
      throw .configuration("the \(what) \(path) is larger than \(maximumByteCount) bytes")
    }
    return [UInt8](data)
  }
}

/// The system clock in Unix seconds.
enum SystemClock {
  static func unixSeconds() -> Int64 {
    Int64(Date().timeIntervalSince1970.rounded(.down))
  }
}
