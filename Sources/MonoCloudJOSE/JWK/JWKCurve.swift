/// A curve of an EC (`P-256`, `P-384`, `P-521`) or OKP (`Ed25519`) key.
public enum JWKCurve: Sendable, Equatable, CaseIterable, JOSERegisteredName {
  case p256, p384, p521, ed25519

  /// The `crv` value.
  public var name: String { parameters.name }

  /// The curve with exactly this `crv` (case-sensitive), or `nil`.
  public init?(name: String) {
    guard let curve = JWKCurve.withName(name) else { return nil }
    self = curve
  }

  /// The length of one coordinate (EC) or of the public key (Ed25519) in bytes.
  public var coordinateByteCount: Int { parameters.coordinateByteCount }

  /// The curve's row in the registry: its `crv` name and coordinate length.
  private var parameters: (name: String, coordinateByteCount: Int) {
    switch self {
    case .p256: return ("P-256", 32)
    case .p384: return ("P-384", 48)
    case .p521: return ("P-521", 66)
    case .ed25519: return ("Ed25519", 32)
    }
  }
}
