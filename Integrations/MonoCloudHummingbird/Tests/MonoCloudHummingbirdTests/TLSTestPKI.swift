import Foundation

/// Certificates for the TLS tests, made once per test process with the `openssl` command in a
/// temporary folder (removed again): a CA, a server certificate for localhost, and two client
/// certificates signed by the CA, all on P-256 keys and valid for two days.
struct TLSTestPKI: Sendable {
  struct Identity: Sendable {
    var certificatePEM: String
    /// PKCS#8 (`BEGIN PRIVATE KEY`).
    var privateKeyPEM: String
  }

  var caPEM: String
  var server: Identity
  /// The client the tokens are bound to.
  var boundClient: Identity
  /// Another client the CA vouches for, but to which no token is bound.
  var otherClient: Identity

  struct Failure: Error, Sendable, CustomStringConvertible {
    var description: String
  }

  static let shared: Result<TLSTestPKI, Failure> = {
    do { return .success(try make()) } catch let failure as Failure { return .failure(failure) } catch {
      return .failure(Failure(description: "certificate set-up failed: \(error)"))
    }
  }()

  private static func make() throws -> TLSTestPKI {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("monocloud-hb-tls-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    func file(_ name: String) -> String { folder.appendingPathComponent(name).path }
    func text(_ name: String) throws -> String { try String(contentsOfFile: file(name), encoding: .utf8) }
    let p256 = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]

    try run(
      ["req", "-x509"] + p256 + [
        "-keyout", file("ca.key"), "-out", file("ca.pem"), "-days", "2", "-subj", "/CN=Hummingbird TLS Test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign",
      ])
    /// A key, a request and a certificate signed by the CA with `extensions`.
    func issue(_ name: String, extensions: String) throws -> Identity {
      try run(
        ["req", "-new"] + p256 + ["-keyout", file("\(name).key"), "-out", file("\(name).csr"), "-subj", "/CN=\(name)"])
      try extensions.write(toFile: file("\(name).ext"), atomically: true, encoding: .utf8)
      try run([
        "x509", "-req", "-in", file("\(name).csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key"),
        "-CAcreateserial", "-days", "2", "-extfile", file("\(name).ext"), "-out", file("\(name).pem"),
      ])
      return Identity(certificatePEM: try text("\(name).pem"), privateKeyPEM: try text("\(name).key"))
    }
    let server = try issue(
      "server",
      extensions:
        "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n")
    let client = "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n"
    return TLSTestPKI(
      caPEM: try text("ca.pem"), server: server, boundClient: try issue("bound-client", extensions: client),
      otherClient: try issue("other-client", extensions: client))
  }

  /// Runs `openssl` with `arguments`; its error output becomes the failure's description.
  private static func run(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl"] + arguments
    let errorOutput = Pipe()
    process.standardError = errorOutput
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let message = errorOutput.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(description: "openssl \(arguments[0]) failed: \(String(decoding: message, as: UTF8.self))")
    }
  }
}
