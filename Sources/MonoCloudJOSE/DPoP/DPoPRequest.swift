/// The request a DPoP proof must fit.
public struct DPoPRequest: Sendable {
  /// The value of the request's `DPoP` header field (one compact JWS).
  public var proof: String
  /// The HTTP method (`GET`, `POST`, …), compared exactly with `htm`.
  public var method: String
  /// The absolute request URL (`https://api.example.com/orders?id=1`); its query and fragment
  /// are ignored and it is compared with `htu` after normalising both (see `DPoPTargetURI`).
  public var url: String
  /// The server nonces the proof may carry (say the current and the previous one). Empty: no
  /// nonce is required and a proof's `nonce` is not checked.
  public var acceptedNonces: [String]

  public init(proof: String, method: String, url: String, acceptedNonces: [String] = []) {
    self.proof = proof
    self.method = method
    self.url = url
    self.acceptedNonces = acceptedNonces
  }
}
