import NIOConcurrencyHelpers
import NIOSSL

enum MutualTLSFixtures {
  /// A server TLS configuration that asks for a client certificate from the test CA but also
  /// accepts connections without one (to see which requests present it).
  static func optionalClientCertificateServer(_ pki: TestPKI) throws -> TLSConfiguration {
    let key = try NIOSSLPrivateKey(bytes: Array(pki.server.privateKeyPEM.utf8), format: .pem)
    let chain = try NIOSSLCertificate.fromPEMBytes(Array(pki.server.certificatePEM.utf8)).map {
      NIOSSLCertificateSource.certificate($0)
    }
    var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
    configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(pki.caPEM.utf8)))
    configuration.certificateVerification = .optionalVerification
    return configuration
  }
}

/// "path=presented" records, in arrival order.
final class NIOLockedCertificates: Sendable {
  private let records = NIOLockedValueBox([String]())

  func append(_ path: String, _ presented: Bool) {
    records.withLockedValue { $0.append("\(path)=\(presented)") }
  }

  var all: [String] { records.withLockedValue { $0 } }
}
