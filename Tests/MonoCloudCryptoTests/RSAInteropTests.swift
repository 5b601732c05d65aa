import Foundation
import MonoCloudCrypto
import Testing

/// Interoperability with OpenSSL on fresh keys: OpenSSL signs and we verify, we sign and OpenSSL
/// verifies, for PKCS#1 v1.5 and PSS (salt = digest length) with SHA-256/384/512 and 2048, 3072
/// and 4096-bit keys; keys are read in all four PEM forms.
///
/// Runs only with `MONOCLOUD_INTEROP=1` (it needs the `openssl` command and takes a while to
/// generate keys); `Scripts/ci-rsa-interop.sh` sets it. Without it the suite is reported as
/// skipped with this reason.
@Suite(
  .enabled(
    if: ProcessInfo.processInfo.environment["MONOCLOUD_INTEROP"] == "1",
    "needs the openssl command; run with MONOCLOUD_INTEROP=1 (Scripts/ci-rsa-interop.sh)"))
struct RSAInteropTests {
  struct OpenSSLFailure: Error { let message: String }

  /// Runs openssl with `arguments`; returns (exit status, stdout).
  @discardableResult
  static func openssl(_ arguments: [String]) throws -> (status: Int32, output: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, output)
  }

  static func checked(_ arguments: [String]) throws -> Data {
    let (status, output) = try openssl(arguments)
    guard status == 0 else { throw OpenSSLFailure(message: "openssl \(arguments.joined(separator: " ")) failed") }
    return output
  }

  static let pssOptions = ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest"]

  @Test(arguments: [2048, 3072, 4096])
  func withOpenSSL(bits: Int) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rsa-interop-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    try Self.checked(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:\(bits)", "-out", path("key.pem")])
    try Self.checked(["pkey", "-in", path("key.pem"), "-pubout", "-out", path("pub.pem")])
    try Self.checked(["rsa", "-in", path("key.pem"), "-traditional", "-out", path("key-pkcs1.pem")])
    try Self.checked(["rsa", "-pubin", "-in", path("pub.pem"), "-RSAPublicKey_out", "-out", path("pub-pkcs1.pem")])
    func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
    let privateKey = try RSAPrivateKey(pemEncoded: try text("key.pem"))
    let privateKeyPKCS1 = try RSAPrivateKey(pemEncoded: try text("key-pkcs1.pem"))
    let publicKey = try RSAPublicKey(pemEncoded: try text("pub.pem"))
    let publicKeyPKCS1 = try RSAPublicKey(pemEncoded: try text("pub-pkcs1.pem"))
    #expect(try text("key-pkcs1.pem").contains("BEGIN RSA PRIVATE KEY"))
    #expect(try text("pub-pkcs1.pem").contains("BEGIN RSA PUBLIC KEY"))
    #expect(publicKey.modulusBitCount == bits)
    #expect(privateKey.publicKey.modulus == publicKey.modulus)
    #expect(privateKeyPKCS1.publicKey.modulus == publicKey.modulus)
    #expect(publicKeyPKCS1.modulus == publicKey.modulus)

    let message = Array("interop message for \(bits)-bit RSA".utf8) + [UInt8](repeating: 0xa5, count: 300)
    try Data(message).write(to: URL(fileURLWithPath: path("msg")))
    var ran = 0
    for (hash, name) in [(HashAlgorithm.sha256, "-sha256"), (.sha384, "-sha384"), (.sha512, "-sha512")] {
      for pss in [false, true] {
        let options = pss ? Self.pssOptions : []
        // OpenSSL signs, we verify.
        let theirs = [UInt8](
          try Self.checked(["dgst", name] + options + ["-sign", path("key.pem"), path("msg")]))
        let accepted =
          pss
          ? publicKey.isValidPSSSignature(theirs, for: message, hash: hash)
          : publicKey.isValidPKCS1v15Signature(theirs, for: message, hash: hash)
        #expect(accepted, "\(bits) \(name) pss=\(pss): OpenSSL's signature rejected")
        // We sign, OpenSSL verifies (and rejects a tampered copy, so the check has teeth).
        let ours =
          pss
          ? try privateKeyPKCS1.pssSignature(for: message, hash: hash)
          : try privateKeyPKCS1.pkcs1v15Signature(for: message, hash: hash)
        try Data(ours).write(to: URL(fileURLWithPath: path("sig")))
        let verify = ["dgst", name] + options + ["-verify", path("pub.pem"), "-signature", path("sig"), path("msg")]
        #expect(try Self.openssl(verify).status == 0, "\(bits) \(name) pss=\(pss): OpenSSL rejected ours")
        var tampered = ours
        tampered[tampered.count / 2] ^= 1
        try Data(tampered).write(to: URL(fileURLWithPath: path("sig")))
        #expect(try Self.openssl(verify).status != 0, "\(bits) \(name) pss=\(pss): tampered accepted")
        if !pss {
          // PKCS#1 v1.5 is deterministic: both sides produce the same bytes.
          #expect(ours == theirs)
        }
        ran += 1
      }
    }
    #expect(ran == 6)
  }
}
