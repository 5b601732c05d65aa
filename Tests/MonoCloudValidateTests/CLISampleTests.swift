import Foundation
import MonoCloudJOSE
import Testing

/// The bundled sample (Samples/): a public JWKS, a discovery document and a token signed by
/// MonoCloudJOSE's signer with the throwaway key Samples/signing-key.private.jwk.json.
///
/// Regenerate with `MONOCLOUD_REGENERATE_SAMPLES=1 swift test --filter CLISampleTests`
/// (see Scripts/generate-samples.sh, which also makes a fresh key). The signature algorithm is
/// deterministic (RS256 / ES256 with RFC 6979), so the committed token must equal a fresh
/// signature over the same claims: that is checked on every run.
@Suite("monocloud-validate sample", .serialized)
struct CLISampleTests {
  /// The README quick start, without `swift run monocloud-validate` and the redirection.
  static let quickStartArguments = [
    "--jwks", "Samples/jwks.json", "--metadata", "Samples/metadata.json", "--audience", "https://api.example.com", "-",
  ]

  /// The sample token's claims: valid until 2099-01-01T00:00:00Z.
  static func sampleClaims() -> JSONObject {
    [
      "iss": "https://example.monocloud.com",
      "sub": "sample-user",
      "aud": "https://api.example.com",
      "client_id": "sample-client",
      "scope": "read:messages write:messages",
      "groups": ["readers"],
      "iat": 1_767_225_600,
      "exp": 4_070_908_800,
    ]
  }

  static func expectedFiles() throws -> [(name: String, content: String)] {
    let key = try CLITestTokens.signingKey()
    let algorithm = try CLITestTokens.algorithm(of: key)
    let token = try JWS.sign(
      payload: sampleClaims().jsonBytes, key: key, algorithm: algorithm, extraHeader: ["typ": "at+jwt"])
    let jwks: JSONObject = ["keys": [.object(key.publicKey.jsonObject())]]
    let metadata: JSONObject = [
      "issuer": "https://example.monocloud.com",
      "jwks_uri": "https://example.monocloud.com/.well-known/jwks.json",
    ]
    return [
      ("token.jwt", token + "\n"),
      ("jwks.json", JSONWriter.string(jwks) + "\n"),
      ("metadata.json", JSONWriter.string(metadata) + "\n"),
    ]
  }

  @Test("the committed samples are what the signer produces from the sample key")
  func samplesAreReproducible() async throws {
    let files = try Self.expectedFiles()
    if ProcessInfo.processInfo.environment["MONOCLOUD_REGENERATE_SAMPLES"] == "1" {
      for file in files {
        try file.content.write(to: CLITestTokens.sampleFile(file.name), atomically: true, encoding: .utf8)
      }
    }
    var checked = 0
    for file in files {
      let committed = try String(contentsOf: CLITestTokens.sampleFile(file.name), encoding: .utf8)
      #expect(committed == file.content, "Samples/\(file.name) is stale: MONOCLOUD_REGENERATE_SAMPLES=1")
      checked += 1
    }
    #expect(checked == 3)
    // The public JWKS holds no private member.
    let jwks = try String(contentsOf: CLITestTokens.sampleFile("jwks.json"), encoding: .utf8)
    for member in ["\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\""] {
      #expect(!jwks.contains(member))
    }
  }

  @Test("the README quick start command validates the sample token")
  func quickStart() async throws {
    let token = try String(contentsOf: CLITestTokens.sampleFile("token.jwt"), encoding: .utf8)
    let result = try await CLIRunner.run(Self.quickStartArguments, stdin: token)
    #expect(result.status == 0, "stderr: \(result.standardError)")
    #expect(result.standardOutput == JSONWriter.string(Self.sampleClaims()) + "\n")
    #expect(result.standardError.isEmpty)

    let readme = try String(contentsOf: CLIRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let command =
      "swift run monocloud-validate " + Self.quickStartArguments.joined(separator: " ") + " < Samples/token.jwt"
    #expect(readme.contains(command), "README quick start must be: \(command)")
  }
}
