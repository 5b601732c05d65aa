import MonoCloudJOSE

/// The parts of the tenant's OpenID Connect discovery document the client uses.
public struct AuthorizationServerMetadata: Sendable, Equatable {
  public var issuer: String
  public var jwksURI: String?
  public var introspectionEndpoint: String?
  /// `mtls_endpoint_aliases.introspection_endpoint` (RFC 8705 §5), used for the mutual-TLS auth methods.
  public var mtlsIntrospectionEndpoint: String?
  /// `mtls_additional_endpoint_aliases[trust store id].introspection_endpoint`: per trust
  /// store, the mutual-TLS introspection endpoint (chosen with the `trustStoreId` option).
  public var mtlsAdditionalIntrospectionEndpoints: [String: String] = [:]
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
    var additional: [String: String] = [:]
    if let aliases = document["mtls_additional_endpoint_aliases"] {
      guard case .object(let stores) = aliases else {
        throw .http(.malformedResponse, "the discovery document's mtls_additional_endpoint_aliases is not an object")
      }
      for member in stores.members {
        guard case .object(let storeAliases) = member.value else {
          throw .http(
            .malformedResponse, "the discovery document's mtls_additional_endpoint_aliases entry is not an object")
        }
        let url = try endpoint(
          storeAliases["introspection_endpoint"], "mtls_additional_endpoint_aliases introspection_endpoint")
        if let url { additional[member.key] = url }
      }
    }
    self.mtlsAdditionalIntrospectionEndpoints = additional
    self.document = document
  }

  /// The introspection endpoint for a request authenticated with `method`: for the
  /// mutual-TLS methods the trust store's alias, else `mtls_endpoint_aliases`, else (RFC 8705
  /// §5 lets a server serve mTLS on its plain endpoints) `introspection_endpoint`.
  public func introspectionEndpoint(for method: ClientAuthMethod, trustStoreId: String?) -> String? {
    guard method.usesMutualTLS else { return introspectionEndpoint }
    if let trustStoreId, let alias = mtlsAdditionalIntrospectionEndpoints[trustStoreId] { return alias }
    return mtlsIntrospectionEndpoint ?? introspectionEndpoint
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
