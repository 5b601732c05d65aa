/// The NIST prime curves supported for ECDSA.
public enum ECCurve: Sendable, Equatable {
  /// P-256 (secp256r1), used by ES256.
  case p256
  /// P-384 (secp384r1), used by ES384.
  case p384
  /// P-521 (secp521r1), used by ES512.
  case p521

  /// Bytes of one coordinate or one scalar: 32, 48, 66.
  public var coordinateByteCount: Int {
    switch self {
    case .p256: return 32
    case .p384: return 48
    case .p521: return 66
    }
  }

  /// Bytes of a raw (IEEE P1363, JOSE) signature r‖s: 64, 96, 132.
  public var signatureByteCount: Int { 2 * coordinateByteCount }
}
