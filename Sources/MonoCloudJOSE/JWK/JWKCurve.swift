/// A curve of an EC (`P-256`, `P-384`, `P-521`) or OKP (`Ed25519`) key.
public enum JWKCurve: Sendable, Equatable, CaseIterable {
  case p256, p384, p521, ed25519

  /// The `crv` value.
  public var name: String {
    switch self {
    case .p256: return "P-256"
    case .p384: return "P-384"
    case .p521: return "P-521"
    case .ed25519: return "Ed25519"
    }
  }

  /// The curve with exactly this `crv` (case-sensitive), or `nil`.
  public init?(name: String) {
    for curve in JWKCurve.allCases where curve.name.utf8Equals(name) {
      self = curve
      return
    }
    return nil
  }

  /// The length of one coordinate (EC) or of the public key (Ed25519) in bytes.
  public var coordinateByteCount: Int {
    switch self {
    case .p256: return 32
    case .p384: return 48
    case .p521: return 66
    case .ed25519: return 32
    }
  }
}
