import MonoCloudJOSE

// The tenant's discovery document and key set, as cached by the client.
extension MonoCloudBackendClient {
  // MARK: - Metadata and keys

  /// The tenant's discovery document (cached, or static).
  public func metadata(forceRefresh: Bool = false) async throws(MonoCloudError) -> AuthorizationServerMetadata {
    try await metadataCache.value(forceRefresh: forceRefresh).get()
  }

  /// The tenant's JWKS (cached, or static); unusable keys are listed in `skipped`.
  public func jwks(forceRefresh: Bool = false) async throws(MonoCloudError) -> JWKSet {
    try await jwksCache.value(forceRefresh: forceRefresh).get().verifier.keySet
  }

  /// Splits and decodes a JWT without verifying anything (for logging and debugging only).
  public static func decodeJWT(_ token: String) throws(MonoCloudError) -> DecodedJWT {
    try DecodedJWT(compact: token)
  }

  @available(*, deprecated, renamed: "decodeJWT(_:)")
  public static func decodeJwt(_ token: String) throws(MonoCloudError) -> DecodedJWT {
    try decodeJWT(token)
  }

  /// The `metadataResolver`'s document, held to the same issuer rule as a fetched one.
  static func resolveMetadata(
    _ resolver: @Sendable () async throws -> AuthorizationServerMetadata, tenant: String
  ) async -> Result<AuthorizationServerMetadata, MonoCloudError> {
    let metadata: AuthorizationServerMetadata
    do {
      metadata = try await resolver()
    } catch let error as MonoCloudError {
      return .failure(error)
    } catch {
      return .failure(.http(.network, "metadataResolver failed: no discovery document"))
    }
    guard metadata.issuer == tenant else {
      return .failure(.http(.malformedResponse, "the metadataResolver's document: its issuer is not the tenant domain"))
    }
    return .success(metadata)
  }

  static func loadMetadata(tenant: String, transport: TenantTransport) async -> Result<
    AuthorizationServerMetadata, MonoCloudError
  > {
    let url = tenant + "/.well-known/openid-configuration"
    switch await transport.getJSONObject(url, for: .metadata) {
    case .failure(let error): return .failure(error)
    case .success(let document):
      do throws(MonoCloudError) {
        let metadata = try AuthorizationServerMetadata(document: document)
        guard metadata.issuer == tenant else {
          throw .http(.malformedResponse, "the discovery document's issuer is not the tenant domain")
        }
        return .success(metadata)
      } catch {
        return .failure(error)
      }
    }
  }
}
