import MonoCloudJOSE

/// What a resource server knows of one request for a DPoP check (RFC 9449 §7): the `DPoP`
/// header value, the method, the absolute URL and the scheme of the `Authorization` header.
public struct DPoPContext: Sendable {
  /// The `DPoP` header value (one compact JWS), `nil` when the request has none.
  public var proof: String?
  /// The HTTP method, compared exactly with the proof's `htm`.
  public var method: String
  /// The absolute request URL; query and fragment are ignored (RFC 9449 §4.3).
  public var url: String
  /// The `Authorization` scheme the token came with (`authorize` sets it from the header).
  public var scheme: AccessTokenScheme

  public init(proof: String?, method: String, url: String, scheme: AccessTokenScheme = .dpop) {
    self.proof = proof
    self.method = method
    self.url = url
    self.scheme = scheme
  }
}
