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

  /// Whether this build has the crypto for a key type. Until the RSA, ECDSA and Ed25519 code
  /// lands, importing such a key fails closed with reason `.unsupportedAlgorithm`; the tests then
  /// expect rejection instead of acceptance (and still run every case).
  static func cryptoAvailable(_ keyType: JWKKeyType) -> Bool {
    let probe: JSONObject
    switch keyType {
    case .oct: return true
    case .rsa: probe = try! vectorFile("rfc/rfc7638_jwk_thumbprint.json").object("jwk")!
    case .ec:
      probe = [
        "kty": "EC", "crv": "P-256", "x": "04N0xi21hshyvBp7I167sbE_bXqyqkAPfefdklMO7wY",
        "y": "UI8exy-C06a7DUnjIdENkxeFtHM4-l_41LqEw9nVgmw",
      ]
    case .okp: probe = ["kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"]
    }
    do {
      _ = try JWK(json: probe)
      return true
    } catch {
      return false
    }
  }

  static func cryptoAvailable(_ algorithm: JWSAlgorithm) -> Bool { cryptoAvailable(algorithm.keyType) }

  /// The algorithm a token's header names, if it can be read (for deciding whether its crypto is here).
  static func headerAlgorithm(_ token: String) -> JWSAlgorithm? {
    guard let dot = token.firstIndex(of: "."),
      let header = try? JSONReader.parseObject(Base64URL.decode(String(token[..<dot]))),
      let name = header.string("alg")
    else { return nil }
    return JWSAlgorithm(name: name)
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
