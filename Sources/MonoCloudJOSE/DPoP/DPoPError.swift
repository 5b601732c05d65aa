/// Every failure of a DPoP check (RFC 9449), as one typed error: the `reason` says exactly what
/// failed, `code` is the RFC 9449 §7.1 / RFC 6750 error code that answers it. Messages name
/// claims and members, never their values (no proofs, tokens or keys).
public struct DPoPError: Error, Equatable, Sendable {
  /// The error codes a resource server answers with in `WWW-Authenticate`.
  public enum Code: Equatable, Sendable {
    /// `invalid_dpop_proof`: the proof is missing, malformed, badly signed or does not fit the request.
    case invalidDPoPProof
    /// `use_dpop_nonce`: the proof lacks the server's current nonce; answer with a `DPoP-Nonce` header.
    case useDPoPNonce
    /// `invalid_token`: the access token cannot be used this way (a DPoP-bound token sent with
    /// the `Bearer` scheme, or a token that is not DPoP-bound sent with the `DPoP` scheme).
    case invalidToken

    /// The wire name: `invalid_dpop_proof`, `use_dpop_nonce`, `invalid_token`.
    public var name: String {
      switch self {
      case .invalidDPoPProof: return "invalid_dpop_proof"
      case .useDPoPNonce: return "use_dpop_nonce"
      case .invalidToken: return "invalid_token"
      }
    }
  }

  /// What exactly failed.
  public enum Reason: Equatable, Sendable {
    /// The request has no proof although one is required.
    case missingProof
    /// The `DPoP` header holds more than one proof (a comma: several header lines were combined).
    case multipleProofs
    /// Not a compact JWS, bad base64url or JSON, a missing or mistyped claim, too long.
    case malformed
    /// The header `typ` is not exactly `dpop+jwt`.
    case wrongType
    /// `alg` is `none`, symmetric (`HS*`), unknown or not in the allow-list.
    case algorithmNotAllowed
    /// The header `jwk` is missing, not an object, not a usable key, or does not fit `alg`.
    case invalidKey
    /// The header `jwk` has a private member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, `k`).
    case privateKeyMember
    /// The signature does not verify with the header `jwk`.
    case badSignature
    /// `jti` is empty or longer than the configured bound.
    case invalidIdentifier
    /// `htm` is not the request's method.
    case methodMismatch
    /// `htu` is not the request's URL (after RFC 9449 §4.3 normalisation of both).
    case urlMismatch
    /// The request URL given by the server is not an absolute `http`/`https` URL.
    case invalidRequestURL
    /// `iat` is older than the allowed proof age or too far in the future.
    case iatOutOfWindow
    /// An access token is presented and the proof has no `ath`.
    case athMissing
    /// `ath` is not the base64url SHA-256 of the access token.
    case athMismatch
    /// The thumbprint of the proof's key is not the token's `cnf.jkt`.
    case thumbprintMismatch
    /// The server requires a nonce and the proof has none (`use_dpop_nonce`).
    case nonceRequired
    /// The proof's nonce is not one the server currently accepts (`use_dpop_nonce`).
    case nonceMismatch
    /// This proof (`jti` for this key and URL) was already used.
    case replayed
    /// The replay cache is full of unexpired entries and refuses new ones (fail closed).
    case replayCacheFull
    /// A DPoP-bound access token (`cnf.jkt`) was sent with the `Bearer` scheme (`invalid_token`).
    case boundTokenAsBearer
    /// The `DPoP` scheme was used with a token that is not DPoP-bound (`invalid_token`).
    case tokenNotBound
    /// The token's `cnf` is not an object or its `jkt` is not a non-empty string (`invalid_token`).
    case malformedConfirmation

    /// The error code that answers this failure.
    public var code: Code {
      switch self {
      case .nonceRequired, .nonceMismatch: return .useDPoPNonce
      case .boundTokenAsBearer, .tokenNotBound, .malformedConfirmation: return .invalidToken
      default: return .invalidDPoPProof
      }
    }
  }

  /// What failed.
  public var reason: Reason
  /// A description for people (never contains the proof, the token or key material).
  public var message: String

  /// The error code for the response (derived from `reason`).
  public var code: Code { reason.code }

  public init(_ reason: Reason, _ message: String) {
    self.reason = reason
    self.message = message
  }

  /// Compares UTF-8 bytes of the messages, so that Embedded builds need no Unicode tables.
  public static func == (lhs: DPoPError, rhs: DPoPError) -> Bool {
    lhs.reason == rhs.reason && lhs.message.utf8Equals(rhs.message)
  }
}
