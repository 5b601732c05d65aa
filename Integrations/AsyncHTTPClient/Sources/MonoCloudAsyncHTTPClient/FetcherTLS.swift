import NIOSSL

/// Which certificate authorities the fetcher trusts for the tenant's HTTPS endpoints.
public enum TrustRoots: Sendable, Equatable {
  /// The operating system's trust store (the default).
  case system
  /// Only the certificates of this PEM bundle (a private CA, a test server).
  case pemBundle(String)
  /// Only the certificates of the PEM file at this path.
  case pemFile(String)
}

/// The certificate and private key the fetcher presents for mutual TLS (`tls_client_auth`,
/// `self_signed_tls_client_auth`). The key may be PKCS#1 RSA, SEC1 EC or PKCS#8 (RSA, P-256,
/// P-384, Ed25519), PEM or DER, as BoringSSL reads it.
public struct ClientIdentity: Sendable {
  /// The leaf certificate first, then any intermediates, in PEM.
  public var certificateChainPEM: String
  /// The private key: PEM text, or DER bytes.
  public var privateKey: PrivateKeySource
  /// The passphrase of an encrypted key. Without one an encrypted key is refused (never a
  /// prompt on standard input).
  public var passphrase: String?

  /// Where the private key comes from.
  public enum PrivateKeySource: Sendable, Equatable {
    case pem(String)
    case der([UInt8])
  }

  public init(certificateChainPEM: String, privateKeyPEM: String, passphrase: String? = nil) {
    self.certificateChainPEM = certificateChainPEM
    self.privateKey = .pem(privateKeyPEM)
    self.passphrase = passphrase
  }

  public init(certificateChainPEM: String, privateKey: PrivateKeySource, passphrase: String? = nil) {
    self.certificateChainPEM = certificateChainPEM
    self.privateKey = privateKey
    self.passphrase = passphrase
  }
}

/// A TLS setting the fetcher could not use. The message names the setting, never key material.
public struct FetcherConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var description: String { message }

  init(_ message: String) { self.message = message }
}

enum FetcherTLS {
  /// The client TLS configuration: certificate verification on, the chosen roots, and the
  /// identity when one is given.
  static func configuration(trustRoots: TrustRoots, identity: ClientIdentity?) throws(FetcherConfigurationError)
    -> TLSConfiguration
  {
    var tls = TLSConfiguration.makeClientConfiguration()
    tls.certificateVerification = .fullVerification
    switch trustRoots {
    case .system:
      tls.trustRoots = .default
    case .pemBundle(let text):
      tls.trustRoots = .certificates(try certificates(Array(text.utf8), what: "trust bundle"))
    case .pemFile(let path):
      tls.trustRoots = .file(path)
      // Read it now so that a missing or broken file fails at start-up, not on the first request.
      do { _ = try NIOSSLCertificate.fromPEMFile(path) } catch {
        throw FetcherConfigurationError("trust bundle file \(path) is not a readable PEM certificate file")
      }
    }
    if let identity {
      let chain = try certificates(Array(identity.certificateChainPEM.utf8), what: "client certificate chain")
      tls.certificateChain = chain.map { .certificate($0) }
      tls.privateKey = .privateKey(try privateKey(identity))
    }
    return tls
  }

  private static func certificates(_ pem: [UInt8], what: String) throws(FetcherConfigurationError)
    -> [NIOSSLCertificate]
  {
    let parsed: [NIOSSLCertificate]
    do { parsed = try NIOSSLCertificate.fromPEMBytes(pem) } catch {
      throw FetcherConfigurationError("\(what): not PEM certificates")
    }
    guard !parsed.isEmpty else { throw FetcherConfigurationError("\(what): no certificate found") }
    return parsed
  }

  private static func privateKey(_ identity: ClientIdentity) throws(FetcherConfigurationError) -> NIOSSLPrivateKey {
    // A callback is always given: without one BoringSSL would prompt on stdin for an
    // encrypted key and block the server.
    let passphrase = Array((identity.passphrase ?? "").utf8)
    do {
      switch identity.privateKey {
      case .pem(let text):
        return try NIOSSLPrivateKey(bytes: Array(text.utf8), format: .pem) { provide in provide(passphrase) }
      case .der(let bytes):
        return try NIOSSLPrivateKey(bytes: bytes, format: .der) { provide in provide(passphrase) }
      }
    } catch {
      throw FetcherConfigurationError(
        "client private key: unreadable (PKCS#1, SEC1 or PKCS#8; encrypted keys need the passphrase)")
    }
  }
}
