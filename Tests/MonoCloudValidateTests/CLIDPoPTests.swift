import Foundation
import MonoCloudCrypto
import MonoCloudJOSE
import Testing

/// `--dpop-proof JWT --htm METHOD --htu URL` and `TOKEN<TAB>PROOF` batch lines (offline, both
/// builds), with proofs made at test time by the package's own signer.
@Suite("monocloud-validate DPoP")
struct CLIDPoPTests {
  static let keys = try! JWKSet(
    jsonString: """
      {"keys":[
      {"kty":"EC","kid":"ec-p256","crv":"P-256","x":"XoVHdO8X-1mS-EJxNIuAxO7ha2P8G7m8pfPDNjF6dUM","y":"1WKXUXavky_KB3hahnY3CmQYOBTrxg8cMk8FeoiaC78","d":"Cxf1vu-QPUfCb5BwooZj7qkQMOpD_2_ny09bV-fR3bY"},
      {"kty":"OKP","kid":"okp-ed25519","crv":"Ed25519","x":"8W2DEB8NTPI5mLcZH2EwM6FE9Vl9cvpun2ZaK3ZOVGs","d":"AC1G2rPPLi74ejh6ZApx-3EYiIy2npp3KiiuIrUkV5U"}
      ]}
      """)
  static let ec = keys.keys(withID: "ec-p256")[0]
  static let ed = keys.keys(withID: "okp-ed25519")[0]
  static let url = "https://api.example.com/orders"
  static let request = ["--htm", "GET", "--htu", url]

  static func boundToken(_ key: JWK = ec) throws -> String {
    try CLITestTokens.token(
      CLITestTokens.claims(with: [("cnf", .object(["jkt": .string(key.publicKey.thumbprint())]))]))
  }

  static func proof(
    _ token: String, key: JWK = ec, algorithm: JWSAlgorithm = .es256, jti: String = "jti-1", htm: String = "GET"
  ) throws -> String {
    let header: JSONObject = [
      "typ": "dpop+jwt", "alg": .string(algorithm.name), "jwk": .object(key.publicKey.jsonObject()),
    ]
    let claims: JSONObject = [
      "jti": .string(jti), "htm": .string(htm), "htu": .string(url), "iat": .number(JSONNumber(CLITestTokens.now)),
      "ath": .string(DPoPProofValidator.accessTokenHash(token)),
    ]
    let input = Base64URL.encode(header.jsonBytes) + "." + Base64URL.encode(claims.jsonBytes)
    let signature = try JWS.signature(for: Array(input.utf8), key: key, algorithm: algorithm, random: .system)
    return input + "." + Base64URL.encode(signature)
  }

  @Test("a bound token with a valid ES256 or EdDSA proof: exit 0")
  func validProofs() async throws {
    let token = try Self.boundToken()
    let es = try await CLIRunner.run(
      CLIOfflineTests.arguments(Self.request + ["--dpop-proof", try Self.proof(token), token]))
    #expect(es.status == 0, "stderr: \(es.standardError)")
    let edToken = try Self.boundToken(Self.ed)
    let edProof = try Self.proof(edToken, key: Self.ed, algorithm: .edDSA)
    let ed = try await CLIRunner.run(CLIOfflineTests.arguments(Self.request + ["--dpop-proof", edProof, edToken]))
    #expect(ed.status == 0, "stderr: \(ed.standardError)")
  }

  @Test("failures: bound token without proof, wrong htm, thumbprint mismatch, proof for an unbound token")
  func failures() async throws {
    let token = try Self.boundToken()
    let plain = try CLITestTokens.token()
    let cases: [([String], String)] = [
      (Self.request + [token], "invalid_token"),  // no proof: sent as Bearer
      (Self.request + ["--dpop-proof", try Self.proof(token, htm: "POST"), token], "invalid_dpop_proof"),
      (
        Self.request + ["--dpop-proof", try Self.proof(token, key: Self.ed, algorithm: .edDSA), token],
        "invalid_dpop_proof"
      ),
      (Self.request + ["--dpop-proof", try Self.proof(plain), plain], "invalid_token"),
    ]
    for (arguments, code) in cases {
      CLIOfflineTests.expectRejected(try await CLIRunner.run(CLIOfflineTests.arguments(arguments)), code: code)
    }
    #expect(cases.count == 4)
    // Without --htm/--htu no DPoP rule applies, exactly as before the flags existed.
    #expect(try await CLIRunner.run(CLIOfflineTests.arguments([token])).status == 0)
  }

  @Test("--batch with --htm/--htu: TOKEN<TAB>PROOF lines, a replayed jti is refused within the run")
  func batchLines() async throws {
    let token = try Self.boundToken()
    let plain = try CLITestTokens.token()
    let proof = try Self.proof(token)
    let input = [token + "\t" + proof, token + "\t" + proof, plain, token, ""].joined(separator: "\n") + "\n"
    let result = try await CLIRunner.run(CLIOfflineTests.arguments(Self.request + ["--batch"]), stdin: input)
    #expect(result.status == 0, "stderr: \(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    try #require(lines.count == 6, "5 answers and the final newline: \(result.standardOutput)")
    #expect(lines[0].hasPrefix(#"{"valid":true,"#))
    #expect(
      lines[1] == #"{"valid":false,"error":"invalid_dpop_proof","message":"the DPoP proof was already used (jti)"}"#)
    #expect(lines[2].hasPrefix(#"{"valid":true,"#))
    #expect(lines[3].hasPrefix(#"{"valid":false,"error":"invalid_token","#))
    #expect(lines[4] == #"{"valid":false,"error":"invalid_token","message":"the line is empty"}"#)
  }

  @Test("flag combinations: --htm without --htu, --dpop-proof with --batch are usage errors")
  func usage() async throws {
    let token = try Self.boundToken()
    CLIOfflineTests.expectUsageError(
      try await CLIRunner.run(CLIOfflineTests.arguments(["--htm", "GET", token])), mentioning: "--htu")
    CLIOfflineTests.expectUsageError(
      try await CLIRunner.run(CLIOfflineTests.arguments(Self.request + ["--dpop-proof", "x.y.z", "--batch"])),
      mentioning: "--dpop-proof")
  }

  @Test("online: a proof is checked by the backend client, a replay in one batch refused")
  func online() async throws {
    let server = try CLIOnlineTests.tenant()
    defer { server.stop() }
    let claims = CLIOnlineTests.claims(issuer: server.baseURL)
    var bound = claims
    bound["cnf"] = .object(["jkt": .string(Self.ec.publicKey.thumbprint())])
    let token = try CLITestTokens.token(bound)
    let proof = try Self.proof(token)
    let single = try await CLIRunner.run(
      CLIOnlineTests.arguments(server, Self.request + ["--dpop-proof", proof, token]))
    #expect(single.status == 0, "stderr: \(single.standardError)")
    CLIOfflineTests.expectRejected(
      try await CLIRunner.run(CLIOnlineTests.arguments(server, Self.request + [token])), code: "invalid_token")
    let batch = try await CLIRunner.run(
      CLIOnlineTests.arguments(server, Self.request + ["--batch"]),
      stdin: token + "\t" + proof + "\n" + token + "\t" + proof + "\n")
    let lines = batch.standardOutput.split(separator: "\n").map(String.init)
    try #require(lines.count == 2, "\(batch.standardOutput) \(batch.standardError)")
    #expect(lines[0].hasPrefix(#"{"valid":true,"#))
    #expect(lines[1].hasPrefix(#"{"valid":false,"error":"invalid_dpop_proof","#))
    // Without --htm/--htu the online tool keeps its old answer for a bound token.
    #expect(try await CLIRunner.run(CLIOnlineTests.arguments(server, [token])).status == 0)
  }
}
