import MonoCloudJOSE

/// The parts of the tenant's OpenID Connect discovery document the client uses.
public struct AuthorizationServerMetadata: Sendable, Equatable {
  public var issuer: String
  public var jwksURI: String?
  public var introspectionEndpoint: String?
  /// `mtls_endpoint_aliases.introspection_endpoint` (RFC 8705 §5), used for the mutual-TLS auth methods.
  public var mtlsIntrospectionEndpoint: String?
  /// The whole document.
  public var document: JSONObject

  /// Reads a discovery document. `issuer` is required; endpoint URLs must be `https` (or
  /// `http` on a loopback host, like the tenant domain).
  public init(document: JSONObject) throws(MonoCloudError) {
    guard let issuer = document.string("issuer"), !issuer.isEmpty else {
      throw .http(.malformedResponse, "the discovery document has no issuer")
    }
    func endpoint(_ value: JSONValue?, _ name: String) throws(MonoCloudError) -> String? {
      guard let value else { return nil }
      guard let url = value.stringValue, TenantDomain.isAcceptableEndpoint(url) else {
        throw .http(.malformedResponse, "the discovery document's \(name) is not an https URL")
      }
      return url
    }
    self.issuer = issuer
    self.jwksURI = try endpoint(document["jwks_uri"], "jwks_uri")
    self.introspectionEndpoint = try endpoint(document["introspection_endpoint"], "introspection_endpoint")
    self.mtlsIntrospectionEndpoint = try endpoint(
      document.object("mtls_endpoint_aliases")?["introspection_endpoint"],
      "mtls_endpoint_aliases.introspection_endpoint")
    self.document = document
  }

  /// Reads a discovery document from JSON text.
  public init(json: String) throws(MonoCloudError) {
    let document: JSONObject
    do { document = try JSONReader.parseObject(json) } catch {
      throw .http(.malformedResponse, "the discovery document is not a JSON object: \(error.message)")
    }
    try self.init(document: document)
  }
}
