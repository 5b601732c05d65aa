import CMonoCloudShim

/// Reading the files named on the command line and standard input, with the C library (no
/// Foundation, through the C shim so that the Embedded static build shares this code). File
/// failures are configuration errors (exit 2) naming the file, never its content.
package enum FileInput {
  /// The largest file read (keys, documents, certificates are small).
  package static let maximumByteCount = 4 << 20

  package static func read(path: String, what: String) throws(CLIFailure) -> [UInt8] {
    let descriptor = monocloud_open_read(path)
    guard descriptor >= 0 else { throw .configuration("cannot read the \(what) \(path)") }
    defer { monocloud_close(descriptor) }
    // One byte past the limit tells a file at the limit from a larger one.
    guard let bytes = readAll(descriptor, limit: maximumByteCount + 1) else {
      throw .configuration("cannot read the \(what) \(path)")
    }
    guard bytes.count <= maximumByteCount else {
      throw .configuration("the \(what) \(path) is larger than \(maximumByteCount) bytes")
    }
    return bytes
  }

  /// Everything on standard input (the token given as `-`); a read error ends the input.
  package static func standardInput() -> [UInt8] {
    readAll(standardInputDescriptor, limit: Int.max, keepingPartialInputOnError: true) ?? []
  }

  static let standardInputDescriptor: Int32 = 0
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
    let count = chunk.withUnsafeMutableBytes { monocloud_read(descriptor, $0.baseAddress, UInt(wanted)) }
    if count > 0 {
      bytes.append(contentsOf: chunk[0..<count])
    } else if count == 0 {
      break
    } else {
      return keepingPartialInputOnError ? bytes : nil
    }
  }
  return bytes
}
