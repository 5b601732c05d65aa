import Foundation
import MonoCloudCrypto
import MonoCloudJOSE
import Testing

/// Tokens for the CLI tests, signed with the throwaway sample key
/// (Samples/signing-key.private.jwk.json) through MonoCloudJOSE's signer.
enum CLITestTokens {
  static let issuer = "https://example.monocloud.com"
  static let audience = "https://api.example.com"
  /// The time the test tokens are valid at (`--now`).
  static let now: Int64 = 1_700_000_100

  static func sampleFile(_ name: String) -> URL {
    CLIRunner.packageRoot.appendingPathComponent("Samples").appendingPathComponent(name)
  }

  /// The sample signing key (private JWK).
  static func signingKey() throws -> JWK {
    let bytes = try [UInt8](Data(contentsOf: sampleFile("signing-key.private.jwk.json")))
    return try JWK(importingPrivateKeyFromJSONBytes: bytes)
  }

  /// The algorithm of the sample key (its `alg`).
  static func algorithm(of key: JWK) throws -> JWSAlgorithm {
    guard let name = key.algorithm, let algorithm = JWSAlgorithm(name: name) else {
      throw JOSEError(.invalidKey, "the sample key has no usable alg")
    }
    return algorithm
  }

  /// The default claims: valid at `now` for `issuer` and `audience`.
  static func claims() -> JSONObject {
    [
      "iss": .string(issuer),
      "sub": "user-1",
      "aud": .array([.string(audience), "https://other.example.com"]),
      "iat": .number(JSONNumber(now - 100)),
      "nbf": .number(JSONNumber(now - 100)),
      "exp": .number(JSONNumber(now + 3500)),
      "scope": "read write",
      "groups": .array(["readers", .object(["id": "g-42", "name": "editors"])]),
      "note": "quote \" backslash \\ newline \n unicode é",
    ]
  }

  /// `claims()` with some members replaced (`.null` removes one).
  static func claims(with changes: [(String, JSONValue)]) -> JSONObject {
    var object = claims()
    for (key, value) in changes { object[key] = value == .null ? nil : value }
    return object
  }

  /// A compact JWS over `claims` with the sample key.
  static func token(_ claims: JSONObject = claims()) throws -> String {
    let key = try signingKey()
    return try JWS.sign(payload: claims.jsonBytes, key: key, algorithm: try algorithm(of: key))
  }

  /// A temporary directory, removed by the caller.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("monocloud-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// A structurally valid (unsigned, fake) X.509 DER: SEQUENCE { tbs SEQUENCE, alg SEQUENCE,
  /// BIT STRING }, with `marker` inside so that different markers give different thumbprints.
  static func fakeCertificateDER(marker: UInt8) -> [UInt8] {
    let tbs: [UInt8] = [0x30, 0x06, 0x02, 0x01, marker, 0x02, 0x01, 0x01]
    let algorithm: [UInt8] = [0x30, 0x03, 0x06, 0x01, 0x2A]
    let signature: [UInt8] = [0x03, 0x03, 0x00, 0xAB, marker]
    let body = tbs + algorithm + signature
    return [0x30, UInt8(body.count)] + body
  }

  static func pem(der: [UInt8]) -> String {
    PEM.encode(label: "CERTIFICATE", der: der)
  }

  static func thumbprint(der: [UInt8]) -> String {
    Base64URL.encode(SHA256.hash(der))
  }
}
