/// An ECDSA public key on P-256, P-384 or P-521, validated on import: both coordinates have the
/// curve's exact length, are below p, and the point is on the curve (so it is not the identity).
public struct ECDSAPublicKey: Sendable {
  /// The curve of the key.
  public let curve: ECCurve
  /// The affine x coordinate, big-endian, `curve.coordinateByteCount` bytes.
  public let x: [UInt8]
  /// The affine y coordinate, big-endian, `curve.coordinateByteCount` bytes.
  public let y: [UInt8]
  /// Multiples of the point computed once at import, so that each verification needs a
  /// quarter of the doublings (see `VerificationTables.swift`).
  private let tables: Tables

  private enum Tables: Sendable {
    case p256(PublicKeyTables<P256Curve>)
    case p384(PublicKeyTables<P384Curve>)
  }

  /// A key from its affine coordinates (big-endian, exactly `curve.coordinateByteCount` bytes each).
  public init(curve: ECCurve, x: [UInt8], y: [UInt8]) throws(CryptoError) {
    guard x.count == curve.coordinateByteCount, y.count == curve.coordinateByteCount else {
      throw .invalidKey("EC public key coordinates must be \(curve.coordinateByteCount) bytes each")
    }
    if curve == .p521 { throw .unsupportedAlgorithm("P-521 arithmetic is not available yet") }
    let tables = x.withUnsafeBytes { xBytes in
      y.withUnsafeBytes { yBytes in Self.tables(curve: curve, x: xBytes, y: yBytes) }
    }
    guard let tables else { throw .invalidKey("EC public key is not a point on the curve") }
    self.curve = curve
    self.x = x
    self.y = y
    self.tables = tables
  }

  /// Whether r‖s (`curve.signatureByteCount` bytes) is a valid signature of a message whose
  /// digest is `digest`; the digest is truncated to the bit length of n (FIPS 186-5).
  package func isValidSignature(rawRS: UnsafeRawBufferPointer, digest: UnsafeRawBufferPointer) -> Bool {
    guard rawRS.count == curve.signatureByteCount else { return false }
    let half = curve.coordinateByteCount
    let r = UnsafeRawBufferPointer(rebasing: rawRS[0..<half])
    let s = UnsafeRawBufferPointer(rebasing: rawRS[half..<(2 * half)])
    switch tables {
    case .p256(let tables): return ECDSAArithmetic.verify(publicKey: tables, r: r, s: s, digest: digest)
    case .p384(let tables): return ECDSAArithmetic.verify(publicKey: tables, r: r, s: s, digest: digest)
    }
  }

  /// The verification tables of a valid point; nil when (x, y) is not on the curve.
  private static func tables(curve: ECCurve, x: UnsafeRawBufferPointer, y: UnsafeRawBufferPointer) -> Tables? {
    switch curve {
    case .p256: return ECDSAArithmetic<P256Curve>.publicPoint(x: x, y: y).map { .p256(PublicKeyTables($0)) }
    case .p384: return ECDSAArithmetic<P384Curve>.publicPoint(x: x, y: y).map { .p384(PublicKeyTables($0)) }
    case .p521: return nil
    }
  }
}
