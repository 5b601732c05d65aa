/// A JWK key type (`kty`, RFC 7518 §6.1, RFC 8037 §2).
public enum JWKKeyType: Sendable, Equatable, CaseIterable {
  case rsa, ec, okp, oct

  /// The `kty` value: `RSA`, `EC`, `OKP`, `oct`.
  public var name: String {
    switch self {
    case .rsa: return "RSA"
    case .ec: return "EC"
    case .okp: return "OKP"
    case .oct: return "oct"
    }
  }

  /// The key type with exactly this `kty` (case-sensitive), or `nil`.
  public init?(name: String) {
    for type in JWKKeyType.allCases where type.name.utf8Equals(name) {
      self = type
      return
    }
    return nil
  }
}
