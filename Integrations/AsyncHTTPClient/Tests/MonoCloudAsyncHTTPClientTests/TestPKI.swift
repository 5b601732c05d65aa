import Foundation

/// Certificates made for the tests with the `openssl` command, once per test process, in a
/// temporary folder: a CA, a server certificate for 127.0.0.1, client certificates of each key
/// type signed by the CA, and a self-signed client certificate the CA does not know.
struct TestPKI: Sendable {
  struct Identity: Sendable {
    var certificatePEM: String
    /// PKCS#8 (`BEGIN PRIVATE KEY`).
    var privateKeyPEM: String
    /// PKCS#1 / SEC1 where the key type has one, else PKCS#8.
    var traditionalPrivateKeyPEM: String
  }

  var caPEM: String
  var server: Identity
  var clientRSA: Identity
  var clientP256: Identity
  var clientP384: Identity
  var clientEd25519: Identity
  /// Self-signed, unknown to the CA.
  var stranger: Identity
  /// A second CA, unrelated to the server certificate.
  var otherCAPEM: String
  /// The P-256 client key encrypted with the passphrase "secret".
  var encryptedP256KeyPEM: String

  static let shared: Result<TestPKI, OpenSSLFailed> = {
    do { return .success(try TestPKI.generate()) } catch let error as OpenSSLFailed { return .failure(error) } catch {
      return .failure(OpenSSLFailed(description: "certificate set-up failed: \(error)"))
    }
  }()

  static func generate() throws -> TestPKI {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("monocloud-pki-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let dir = folder.path
    func path(_ name: String) -> String { dir + "/" + name }
    func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    try openssl([
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path("ca.key"),
      "-out", path("ca.pem"), "-days", "2", "-subj", "/CN=MonoCloud Test CA",
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    ])
    try openssl([
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path("other.key"),
      "-out", path("other.pem"), "-days", "2", "-subj", "/CN=Other Test CA",
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    ])

    func issue(_ name: String, keyArguments: [String], extensions: String, traditional: [String]?) throws -> Identity {
      try openssl(["genpkey"] + keyArguments + ["-out", path("\(name).key")])
      try openssl(["req", "-new", "-key", path("\(name).key"), "-subj", "/CN=\(name)", "-out", path("\(name).csr")])
      try extensions.write(toFile: path("\(name).ext"), atomically: true, encoding: .utf8)
      try openssl([
        "x509", "-req", "-in", path("\(name).csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
        "-CAcreateserial", "-days", "2", "-extfile", path("\(name).ext"), "-out", path("\(name).pem"),
      ])
      var traditionalPEM = try read("\(name).key")
      if let traditional {
        try openssl(traditional + ["-in", path("\(name).key"), "-out", path("\(name).trad")])
        traditionalPEM = try read("\(name).trad")
      }
      return Identity(
        certificatePEM: try read("\(name).pem"), privateKeyPEM: try read("\(name).key"),
        traditionalPrivateKeyPEM: traditionalPEM)
    }
    let clientExtensions = "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n"
    let server = try issue(
      "server", keyArguments: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
      extensions: "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n",
      traditional: nil)
    let rsa = try issue(
      "client-rsa", keyArguments: ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
      extensions: clientExtensions, traditional: ["rsa", "-traditional"])
    let p256 = try issue(
      "client-p256", keyArguments: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
      extensions: clientExtensions, traditional: ["ec"])
    let p384 = try issue(
      "client-p384", keyArguments: ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
      extensions: clientExtensions, traditional: ["ec"])
    let ed25519 = try issue(
      "client-ed25519", keyArguments: ["-algorithm", "ED25519"], extensions: clientExtensions, traditional: nil)

    try openssl([
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
      path("stranger.key"), "-out", path("stranger.pem"), "-days", "2", "-subj", "/CN=stranger",
    ])
    let stranger = Identity(
      certificatePEM: try read("stranger.pem"), privateKeyPEM: try read("stranger.key"),
      traditionalPrivateKeyPEM: try read("stranger.key"))
    try openssl([
      "pkcs8", "-topk8", "-in", path("client-p256.key"), "-passout", "pass:secret", "-out", path("encrypted.key"),
    ])
    return TestPKI(
      caPEM: try read("ca.pem"), server: server, clientRSA: rsa, clientP256: p256, clientP384: p384,
      clientEd25519: ed25519, stranger: stranger, otherCAPEM: try read("other.pem"),
      encryptedP256KeyPEM: try read("encrypted.key"))
  }

  struct OpenSSLFailed: Error, Sendable, CustomStringConvertible {
    var description: String
  }

  private static func openssl(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl"] + arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw OpenSSLFailed(
        description: "openssl \(arguments.first ?? "") failed: \(String(decoding: message, as: UTF8.self))")
    }
  }
}
