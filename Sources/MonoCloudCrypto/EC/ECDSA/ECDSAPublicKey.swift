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
    case p521(PublicKeyTables<P521Curve>)
  }

  /// A key from its affine coordinates (big-endian, exactly `curve.coordinateByteCount` bytes each).
  public init(curve: ECCurve, x: [UInt8], y: [UInt8]) throws(CryptoError) {
    guard x.count == curve.coordinateByteCount, y.count == curve.coordinateByteCount else {
      throw .invalidKey("EC public key coordinates must be \(curve.coordinateByteCount) bytes each")
    }
    let tables = x.withUnsafeBytes { xBytes in
      y.withUnsafeBytes { yBytes in Self.tables(curve: curve, x: xBytes, y: yBytes) }
    }
    guard let tables else { throw .invalidKey("EC public key is not a point on the curve") }
    self.curve = curve
    self.x = x
    self.y = y
    self.tables = tables
  }

  /// A key from its uncompressed SEC 1 encoding 04‖X‖Y (compressed points are not supported).
  public init(x963Representation: [UInt8], curve: ECCurve) throws(CryptoError) {
    let (x, y) = try ECKeyEncoding.coordinates(ofPoint: x963Representation, curve: curve)
    try self.init(curve: curve, x: x, y: y)
  }

  /// A key from a DER SubjectPublicKeyInfo with id-ecPublicKey and a named curve.
  public init(derEncoded: [UInt8]) throws(CryptoError) {
    self = try ECKeyEncoding.publicKey(subjectPublicKeyInfo: derEncoded)
  }

  /// A key from a `PUBLIC KEY` PEM block (SubjectPublicKeyInfo).
  public init(pemEncoded: String) throws(CryptoError) {
    let (label, der) = try PEM.decode(pemEncoded)
    guard label.elementsEqual("PUBLIC KEY".utf8) else { throw .malformedEncoding("PEM: expected PUBLIC KEY") }
    try self.init(derEncoded: der)
  }

  /// The uncompressed SEC 1 encoding 04‖X‖Y.
  public var x963Representation: [UInt8] { ECKeyEncoding.uncompressedPoint(x: x, y: y) }

  /// The DER SubjectPublicKeyInfo.
  public var derRepresentation: [UInt8] {
    SubjectPublicKeyInfo(
      algorithm: ObjectIdentifiers.ecPublicKey, parameters: curve.parameters, subjectPublicKey: x963Representation
    ).derEncoded
  }

  /// Whether `rawRS` (r‖s, `curve.signatureByteCount` bytes, the JOSE encoding) is a valid
  /// signature of `message` hashed with `hash`. Requires 1 ≤ r, s ≤ n − 1. The digest is
  /// truncated to the bit length of n (FIPS 186-5), so any hash works with any curve.
  public func isValidSignature(
    rawRS: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer, hash: HashAlgorithm
  ) -> Bool {
    withUnsafeTemporaryAllocation(byteCount: hash.digestByteCount, alignment: 8) { digest in
      hash.hash(message, into: digest)
      return isValidSignature(rawRS: rawRS, digest: UnsafeRawBufferPointer(digest))
    }
  }

  /// Whether `derEncoded` (strict DER `SEQUENCE { r INTEGER, s INTEGER }`, nothing after it)
  /// is a valid signature of `message` hashed with `hash`.
  public func isValidSignature(
    derEncoded: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer, hash: HashAlgorithm
  ) -> Bool {
    withUnsafeTemporaryAllocation(byteCount: curve.signatureByteCount, alignment: 8) { raw in
      guard ECDSASignature.rawFromDER(derEncoded, width: curve.coordinateByteCount, into: raw) else { return false }
      return isValidSignature(rawRS: UnsafeRawBufferPointer(raw), for: message, hash: hash)
    }
  }

  /// `isValidSignature(rawRS:for:hash:)` for arrays.
  public func isValidSignature(rawRS: [UInt8], for message: [UInt8], hash: HashAlgorithm) -> Bool {
    rawRS.withUnsafeBytes { signature in
      message.withUnsafeBytes { isValidSignature(rawRS: signature, for: $0, hash: hash) }
    }
  }

  /// `isValidSignature(derEncoded:for:hash:)` for arrays.
  public func isValidSignature(derEncoded: [UInt8], for message: [UInt8], hash: HashAlgorithm) -> Bool {
    derEncoded.withUnsafeBytes { signature in
      message.withUnsafeBytes { isValidSignature(derEncoded: signature, for: $0, hash: hash) }
    }
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
    case .p521(let tables): return ECDSAArithmetic.verify(publicKey: tables, r: r, s: s, digest: digest)
    }
  }

  /// The verification tables of a valid point; nil when (x, y) is not on the curve.
  private static func tables(curve: ECCurve, x: UnsafeRawBufferPointer, y: UnsafeRawBufferPointer) -> Tables? {
    switch curve {
    case .p256: return ECDSAArithmetic<P256Curve>.publicPoint(x: x, y: y).map { .p256(PublicKeyTables($0)) }
    case .p384: return ECDSAArithmetic<P384Curve>.publicPoint(x: x, y: y).map { .p384(PublicKeyTables($0)) }
    case .p521: return ECDSAArithmetic<P521Curve>.publicPoint(x: x, y: y).map { .p521(PublicKeyTables($0)) }
    }
  }
}
