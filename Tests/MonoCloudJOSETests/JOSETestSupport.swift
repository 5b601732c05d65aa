import Foundation
import MonoCloudJOSE
import Testing

/// Shared helpers for the JOSE tests.
enum JOSETestSupport {
  /// Parses a vector file (under `Vectors/`) with the library's own strict reader.
  static func vectorFile(_ relativePath: String) throws -> JSONObject {
    let url = URL(fileURLWithPath: JOSEVectorFiles.directory + "/" + relativePath)
    let bytes = [UInt8](try Data(contentsOf: url))
    return try JSONReader.parseObject(bytes, limits: JSONReader.Limits(maxDepth: 64, maxInputBytes: 64 << 20))
  }

  static func bytes(hex: String) -> [UInt8] {
    var result: [UInt8] = []
    var iterator = hex.utf8.makeIterator()
    while let high = iterator.next(), let low = iterator.next() {
      result.append(UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)!)
    }
    return result
  }
}
