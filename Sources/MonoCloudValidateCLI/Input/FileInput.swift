import CMonoCloudShim

/// Reading the files named on the command line and standard input, with the C library (no
/// Foundation, through the C shim so that the Embedded static build shares this code). File
/// failures are configuration errors (exit 2) naming the file, never its content.
package enum FileInput {
  /// The largest file read (keys, documents, certificates are small).
  package static let maximumByteCount = 4 << 20

  package static func read(path: String, what: String, limit: Int = maximumByteCount) throws(CLIFailure) -> [UInt8] {
    let descriptor = monocloud_open_read(path)
    guard descriptor >= 0 else { throw .configuration("cannot read the \(what) \(path)") }
    defer { monocloud_close(descriptor) }
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
    readAll(standardInputDescriptor, limit: limit, keepingPartialInputOnError: true) ?? []
  }

  /// Reads the next bytes of standard input into `buffer`: how many, 0 at its end or on an error.
  package static func readStandardInput(into buffer: UnsafeMutableRawBufferPointer) -> Int {
    let count = monocloud_read(standardInputDescriptor, buffer.baseAddress, UInt(buffer.count))
    return count > 0 ? Int(count) : 0
  }

  static let standardInputDescriptor: Int32 = 0
}

/// Reads `descriptor` to its end or to `limit` bytes; `nil` on a read error (such as
/// `EISDIR` for a directory) unless the bytes read so far are kept. The shim retries reads
/// interrupted by signals.
private func readAll(
  _ descriptor: Int32, limit: Int, keepingPartialInputOnError: Bool = false
) -> [UInt8]? {
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 64 << 10)
  while bytes.count < limit {
    let wanted = min(chunk.count, limit - bytes.count)
    let count = chunk.withUnsafeMutableBytes { monocloud_read(descriptor, $0.baseAddress, UInt(wanted)) }
    if count > 0 {
      bytes.append(contentsOf: chunk[0..<Int(count)])
    } else if count == 0 {
      break
    } else {
      return keepingPartialInputOnError ? bytes : nil
    }
  }
  return bytes
}
