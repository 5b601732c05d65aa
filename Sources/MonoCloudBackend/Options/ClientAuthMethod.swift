/// How the client authenticates to the introspection endpoint.
public enum ClientAuthMethod: String, Sendable, Equatable, CaseIterable {
  case clientSecretBasic = "client_secret_basic"
  case clientSecretPost = "client_secret_post"
  case clientSecretJWT = "client_secret_jwt"
  case privateKeyJWT = "private_key_jwt"
  case tlsClientAuth = "tls_client_auth"
  case selfSignedTLSClientAuth = "self_signed_tls_client_auth"

  /// Mutual-TLS methods: the fetcher presents the client certificate and the `mtls_endpoint_aliases` are used.
  public var usesMutualTLS: Bool { self == .tlsClientAuth || self == .selfSignedTLSClientAuth }
}
