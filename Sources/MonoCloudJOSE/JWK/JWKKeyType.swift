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
    guard let type = JWKKeyType.withName(name) else { return nil }
    self = type
  }
}

extension JWKKeyType: JOSERegisteredName {}

/// A registry value named by a case-sensitive string (`kty`, `crv`): one lookup for all of them.
protocol JOSERegisteredName: CaseIterable {
  var name: String { get }
}

extension JOSERegisteredName {
  /// The case whose name has exactly the UTF-8 bytes of `name`, or `nil`.
  static func withName(_ name: String) -> Self? {
    for candidate in allCases where candidate.name.utf8Equals(name) { return candidate }
    return nil
  }
}
