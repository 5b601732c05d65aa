/// The authorization scheme a request used for its access token.
public enum AccessTokenScheme: Sendable, Equatable {
  /// `Authorization: Bearer …` (RFC 6750).
  case bearer
  /// `Authorization: DPoP …` (RFC 9449 §7.1).
  case dpop
}

/// Whether a token is DPoP-bound and what the request must then bring (RFC 9449 §6, §7).
public enum DPoPBinding {
  /// The token's `cnf.jkt` (the SHA-256 JWK thumbprint it is bound to), or `nil` when the
  /// token is not DPoP-bound (no `cnf`, or a `cnf` without `jkt`). A `cnf` that is not an object
  /// or a `jkt` that is not a non-empty string makes the token invalid.
  public static func confirmationThumbprint(in claims: JSONObject) throws(DPoPError) -> String? {
    guard let confirmation = claims["cnf"] else { return nil }
    guard let cnf = confirmation.objectValue else {
      throw DPoPError(.malformedConfirmation, "the cnf claim is not an object")
    }
    guard let value = cnf["jkt"] else { return nil }
    guard let thumbprint = value.stringValue, !thumbprint.isEmpty else {
      throw DPoPError(.malformedConfirmation, "the cnf jkt member is not a non-empty string")
    }
    return thumbprint
  }

  /// Whether the request must carry a valid DPoP proof, given its scheme and the token's
  /// `cnf.jkt`: with the `DPoP` scheme always. A DPoP-bound token sent as `Bearer` (a
  /// downgrade, RFC 9449 §7.2) and a token that is not bound sent as `DPoP` (nothing for the
  /// proof's key to match, §7.1) are `invalid_token`.
  public static func requiresProof(scheme: AccessTokenScheme, confirmationThumbprint: String?) throws(DPoPError) -> Bool
  {
    switch (scheme, confirmationThumbprint) {
    case (.bearer, nil):
      return false
    case (.bearer, .some):
      throw DPoPError(.boundTokenAsBearer, "the access token is DPoP-bound and must be sent with the DPoP scheme")
    case (.dpop, nil):
      throw DPoPError(.tokenNotBound, "the access token is not DPoP-bound but was sent with the DPoP scheme")
    case (.dpop, .some):
      return true
    }
  }
}
