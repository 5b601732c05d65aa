import Foundation
import MonoCloudCrypto
import Testing

/// Interoperability with OpenSSL: run by `Scripts/ci-ec-interop.sh` (MONOCLOUD_INTEROP=1) on a
/// machine with the `openssl` command.
@Suite(
  .enabled(
    if: ProcessInfo.processInfo.environment["MONOCLOUD_INTEROP"] == "1",
    "needs the openssl command; set MONOCLOUD_INTEROP=1 (Scripts/ci-ec-interop.sh) to run"))
struct ECDSAInteropTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let curve: ECCurve
    let opensslName: String
    let hash: HashAlgorithm
    let digestOption: String
    var testDescription: String { opensslName + " " + digestOption }
  }

  static let cases = [
    Case(curve: .p256, opensslName: "P-256", hash: .sha256, digestOption: "-sha256"),
    Case(curve: .p384, opensslName: "P-384", hash: .sha384, digestOption: "-sha384"),
    Case(curve: .p521, opensslName: "P-521", hash: .sha512, digestOption: "-sha512"),
    Case(curve: .p256, opensslName: "P-256", hash: .sha512, digestOption: "-sha512"),
    Case(curve: .p521, opensslName: "P-521", hash: .sha256, digestOption: "-sha256"),
  ]

  /// Runs openssl with `arguments`; returns its exit status and standard output.
  @discardableResult
  static func openssl(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = Pipe()
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test("fresh OpenSSL keys: OpenSSL signatures verify here, ours verify under openssl dgst -verify", arguments: cases)
  func interop(testCase: Case) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ec-interop-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    #expect(
      try Self.openssl([
        "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:\(testCase.opensslName)", "-out", path("key.pem"),
      ]).status == 0)
    #expect(try Self.openssl(["pkey", "-in", path("key.pem"), "-pubout", "-out", path("public.pem")]).status == 0)
    #expect(try Self.openssl(["ec", "-in", path("key.pem"), "-out", path("sec1.pem")]).status == 0)

    let publicKey = try ECDSAPublicKey(pemEncoded: String(contentsOfFile: path("public.pem"), encoding: .utf8))
    let privateKey = try ECDSAPrivateKey(pemEncoded: String(contentsOfFile: path("key.pem"), encoding: .utf8))
    let sec1Key = try ECDSAPrivateKey(pemEncoded: String(contentsOfFile: path("sec1.pem"), encoding: .utf8))
    #expect(publicKey.curve == testCase.curve && privateKey.curve == testCase.curve)
    #expect(privateKey.publicKey.x == publicKey.x && privateKey.publicKey.y == publicKey.y)
    #expect(sec1Key.d == privateKey.d)

    for (index, length) in [0, 1, 300, 4096].enumerated() {
      let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
      try Data(message).write(to: URL(fileURLWithPath: path("message-\(index)")))

      // OpenSSL signs (DER), we verify.
      #expect(
        try Self.openssl([
          "dgst", testCase.digestOption, "-sign", path("key.pem"), "-out", path("openssl-\(index).der"),
          path("message-\(index)"),
        ]).status == 0)
      let opensslSignature = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path("openssl-\(index).der"))))
      #expect(publicKey.isValidSignature(derEncoded: opensslSignature, for: message, hash: testCase.hash))
      #expect(!publicKey.isValidSignature(derEncoded: opensslSignature, for: message + [1], hash: testCase.hash))

      // We sign (DER), OpenSSL verifies.
      let ours = try (index % 2 == 0 ? privateKey : sec1Key).derSignature(for: message, hash: testCase.hash)
      try Data(ours).write(to: URL(fileURLWithPath: path("ours-\(index).der")))
      let verification = try Self.openssl([
        "dgst", testCase.digestOption, "-verify", path("public.pem"), "-signature", path("ours-\(index).der"),
        path("message-\(index)"),
      ])
      #expect(verification.status == 0 && verification.output.contains("Verified OK"), "message length \(length)")
    }
  }
}
