import Foundation
import MonoCloudCrypto

/// Field access for the EC vector files.
enum ECTestData {
  struct MissingField: Error, CustomStringConvertible {
    let name: String
    var description: String { "missing field \(name)" }
  }

  static func string(_ object: [String: Any], _ name: String) throws -> String {
    guard let value = object[name] as? String else { throw MissingField(name: name) }
    return value
  }

  static func bytes(_ object: [String: Any], _ name: String) throws -> [UInt8] {
    try HashTestData.bytes(hex: string(object, name))
  }

  static func objects(_ object: [String: Any], _ name: String) throws -> [[String: Any]] {
    guard let value = object[name] as? [[String: Any]] else { throw MissingField(name: name) }
    return value
  }
}
