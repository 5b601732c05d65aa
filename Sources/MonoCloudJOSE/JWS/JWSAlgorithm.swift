import MonoCloudCrypto

/// A JWS signature algorithm (RFC 7518 §3, RFC 8037, RFC 9864). `none` is deliberately absent:
/// it cannot be named, allowed or parsed.
public enum JWSAlgorithm: Sendable, Equatable, CaseIterable {
  case rs256, rs384, rs512, ps256, ps384, ps512, es256, es384, es512, edDSA, ed25519, hs256, hs384, hs512

  /// How an algorithm signs, which decides the key type it needs.
  public enum Family: Sendable, Equatable {
    /// RSASSA-PKCS1-v1_5 (`RS*`), `kty` RSA.
    case rsaPKCS1
    /// RSASSA-PSS with MGF1 of the same hash and salt length = hash length (`PS*`), `kty` RSA.
    case rsaPSS
    /// ECDSA with the raw `r‖s` (IEEE P1363) signature form (`ES*`), `kty` EC.
    case ecdsa
    /// Ed25519 (`EdDSA` with `crv` Ed25519, or the fully specified `Ed25519`), `kty` OKP.
    case edDSA
    /// HMAC (`HS*`), `kty` oct.
    case hmac
  }

  /// The registered name: `RS256`, …, `EdDSA`, `Ed25519`, `HS512`.
  public var name: String {
    switch self {
    case .rs256: return "RS256"
    case .rs384: return "RS384"
    case .rs512: return "RS512"
    case .ps256: return "PS256"
    case .ps384: return "PS384"
    case .ps512: return "PS512"
    case .es256: return "ES256"
    case .es384: return "ES384"
    case .es512: return "ES512"
    case .edDSA: return "EdDSA"
    case .ed25519: return "Ed25519"
    case .hs256: return "HS256"
    case .hs384: return "HS384"
    case .hs512: return "HS512"
    }
  }

  /// The algorithm with exactly this name (case-sensitive, compared as UTF-8 bytes), or `nil`
  /// (always `nil` for `none` in any spelling).
  public init?(name: String) {
    guard let algorithm = name.withUTF8Raw({ JWSAlgorithm(nameBytes: $0) }) else { return nil }
    self = algorithm
  }

  /// The algorithm whose name is exactly `bytes`, or `nil`.
  package init?(nameBytes bytes: UnsafeRawBufferPointer) {
    // Every name is 5 to 7 ASCII bytes; check the length first so that most junk fails fast.
    guard bytes.count >= 5, bytes.count <= 7 else { return nil }
    for algorithm in JWSAlgorithm.allCases where algorithm.name.utf8Equals(bytes) {
      self = algorithm
      return
    }
    return nil
  }

  /// RS/PS/ES 256/384/512, EdDSA and Ed25519. No HMAC: callers must list `HS*` explicitly.
  public static let defaultAllowList: [JWSAlgorithm] = [
    .rs256, .rs384, .rs512, .ps256, .ps384, .ps512, .es256, .es384, .es512, .edDSA, .ed25519,
  ]

  /// The family, which fixes the key type.
  public var family: Family {
    switch self {
    case .rs256, .rs384, .rs512: return .rsaPKCS1
    case .ps256, .ps384, .ps512: return .rsaPSS
    case .es256, .es384, .es512: return .ecdsa
    case .edDSA, .ed25519: return .edDSA
    case .hs256, .hs384, .hs512: return .hmac
    }
  }

  /// The key type the algorithm needs.
  public var keyType: JWKKeyType {
    switch family {
    case .rsaPKCS1, .rsaPSS: return .rsa
    case .ecdsa: return .ec
    case .edDSA: return .okp
    case .hmac: return .oct
    }
  }

  /// The curve the key must be on (ES*, EdDSA, Ed25519), or `nil`.
  public var curve: JWKCurve? {
    switch self {
    case .es256: return .p256
    case .es384: return .p384
    case .es512: return .p521
    case .edDSA, .ed25519: return .ed25519
    default: return nil
    }
  }

  /// The digest the algorithm uses (none for EdDSA, which hashes internally).
  public var hash: HashAlgorithm? {
    switch self {
    case .rs256, .ps256, .es256, .hs256: return .sha256
    case .rs384, .ps384, .es384, .hs384: return .sha384
    case .rs512, .ps512, .es512, .hs512: return .sha512
    case .edDSA, .ed25519: return nil
    }
  }

  /// The exact signature length where it does not depend on the key (RSA: the modulus length).
  public var fixedSignatureByteCount: Int? {
    switch self {
    case .es256: return 64
    case .es384: return 96
    case .es512: return 132
    case .edDSA, .ed25519: return 64
    case .hs256: return 32
    case .hs384: return 48
    case .hs512: return 64
    default: return nil
    }
  }
}
