/// How the client authenticates to the introspection endpoint.
public enum ClientAuthMethod: String, Sendable, Equatable, CaseIterable {
  case clientSecretBasic = "client_secret_basic"
  case clientSecretPost = "client_secret_post"
  case clientSecretJWT = "client_secret_jwt"
  case privateKeyJWT = "private_key_jwt"
  case tlsClientAuth = "tls_client_auth"
  case selfSignedTLSClientAuth = "self_signed_tls_client_auth"
  /// A SPIFFE JWT-SVID as the client assertion (`jwt-spiffe` assertion type).
  case spiffeJWT = "spiffe_jwt"
  /// A SPIFFE X.509-SVID presented in mutual TLS; only `client_id` in the form.
  case spiffeX509 = "spiffe_x509"

  /// Mutual-TLS methods: the fetcher presents the client certificate and the `mtls_endpoint_aliases` are used.
  public var usesMutualTLS: Bool {
    self == .tlsClientAuth || self == .selfSignedTLSClientAuth || self == .spiffeX509
  }

  /// Methods that authenticate with `clientSecret` (a shared secret or a private key).
  public var usesClientSecret: Bool {
    switch self {
    case .clientSecretBasic, .clientSecretPost, .clientSecretJWT, .privateKeyJWT: return true
    case .tlsClientAuth, .selfSignedTLSClientAuth, .spiffeJWT, .spiffeX509: return false
    }
  }
}
