import Foundation
import MonoCloudCrypto
import MonoCloudJOSE
import Testing

/// The key and metadata files of offline mode (`--jwks`, `--metadata`): what is accepted
/// besides a JWK Set, and what a broken file does. Part of the offline suite.
extension CLIOfflineTests {
  @Test("unreadable or unusable JWKS and metadata files: exit 2")
  func badFiles() async throws {
    let token = try CLITestTokens.token()
    let directory = try CLITestTokens.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    func run(jwks: String, metadata: String? = nil) async throws -> CLIResult {
      var arguments = ["--jwks", jwks, "--audience", CLITestTokens.audience, "--now", String(CLITestTokens.now)]
      arguments += metadata.map { ["--metadata", $0] } ?? ["--tenant-domain", "example.monocloud.com"]
      return try await CLIRunner.run(arguments + [token])
    }
    let missing = directory.appendingPathComponent("missing.json").path
    Self.expectUsageError(try await run(jwks: missing), mentioning: "cannot read the JWKS file")
    Self.expectUsageError(try await run(jwks: directory.path), mentioning: "JWKS file")

    let files: [(String, String, String)] = [
      ("not-json.json", "{\"keys\": [", "is invalid"),
      ("no-keys.json", "{\"keys\": []}", "no usable key"),
      ("bad-key.json", "{\"keys\": [{\"kty\": \"RSA\", \"n\": \"AQAB\", \"e\": \"AQAB\"}]}", "no usable key"),
      ("array.json", "[1, 2]", "is invalid"),
    ]
    for (name, content, fragment) in files {
      let url = directory.appendingPathComponent(name)
      try content.write(to: url, atomically: true, encoding: .utf8)
      Self.expectUsageError(try await run(jwks: url.path), mentioning: fragment)
    }
    let noIssuer = directory.appendingPathComponent("metadata.json")
    try "{\"jwks_uri\": \"https://example.com/jwks\"}".write(to: noIssuer, atomically: true, encoding: .utf8)
    Self.expectUsageError(try await run(jwks: Self.jwks, metadata: noIssuer.path), mentioning: "has no issuer")
    Self.expectUsageError(
      try await run(jwks: Self.jwks, metadata: missing), mentioning: "cannot read the metadata file")
  }

  @Test("a single JWK (not a set) is accepted as the key file")
  func singleKeyFile() async throws {
    let directory = try CLITestTokens.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("key.json")
    try Data(try CLITestTokens.signingKey().publicKey.jsonObject().jsonBytes).write(to: url)
    let token = try CLITestTokens.token()
    let result = try await CLIRunner.run([
      "--jwks", url.path, "--issuer", CLITestTokens.issuer, "--audience", CLITestTokens.audience, "--now",
      String(CLITestTokens.now), token,
    ])
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardOutput == JSONWriter.string(CLITestTokens.claims()) + "\n")
  }

  @Test("a PEM public key as the key file (Ed25519 SPKI), EdDSA tokens")
  func pemKeyFile() async throws {
    let directory = try CLITestTokens.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let seed = [UInt8](repeating: 0x5A, count: 32)
    let privateKey = try Ed25519PrivateKey(seed: seed)
    let publicKey = privateKey.publicKey.rawRepresentation
    let jwk = try JWK(importingPrivateKeyFrom: [
      "kty": "OKP", "crv": "Ed25519", "x": .string(Base64URL.encode(publicKey)), "d": .string(Base64URL.encode(seed)),
    ])
    let claims = CLITestTokens.claims()
    let token = try JWS.sign(payload: claims.jsonBytes, key: jwk, algorithm: .edDSA)
    // SubjectPublicKeyInfo for Ed25519 (RFC 8410): a fixed 12-byte prefix, then the key.
    let spki: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00] + publicKey
    let url = directory.appendingPathComponent("key.pem")
    try PEM.encode(label: "PUBLIC KEY", der: spki).write(to: url, atomically: true, encoding: .utf8)
    var arguments = Self.arguments([token])
    arguments[1] = url.path
    let result = try await CLIRunner.run(arguments)
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardOutput == JSONWriter.string(claims) + "\n")
    // The RSA sample token does not verify against that key.
    arguments[arguments.count - 1] = try CLITestTokens.token()
    Self.expectRejected(try await CLIRunner.run(arguments), code: "invalid_token")
  }
}
