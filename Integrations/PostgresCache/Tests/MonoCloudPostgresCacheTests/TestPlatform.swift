#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process environment, read without Foundation.
enum Environment {
  static var variables: [String: String] {
    var result: [String: String] = [:]
    var cursor = environ
    while let entry = cursor.pointee {
      let text = String(cString: entry)
      if let equals = text.firstIndex(of: "=") {
        result[String(text[..<equals])] = String(text[text.index(after: equals)...])
      }
      cursor += 1
    }
    return result
  }
}

/// Runs a shell command and waits for it.
enum Shell {
  static func run(_ command: String) -> Int32 {
    let status = system(command)
    return status == -1 ? -1 : (status >> 8) & 0xFF
  }
}
