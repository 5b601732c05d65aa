/// An ECDSA private key on P-256, P-384 or P-521. Signatures are deterministic (RFC 6979),
/// computed in constant time, and checked against the public key before they are returned.
public struct ECDSAPrivateKey: Sendable {
  /// The curve of the key.
  public let curve: ECCurve
  /// The public key d·G.
  public let publicKey: ECDSAPublicKey
  /// The private scalar d, big-endian, `curve.coordinateByteCount` bytes.
  public let d: [UInt8]

  /// A key from its scalar d (big-endian, exactly `curve.coordinateByteCount` bytes, 1 ≤ d < n).
  public init(curve: ECCurve, d: [UInt8]) throws(CryptoError) {
    guard d.count == curve.coordinateByteCount else {
      throw .invalidKey("EC private key: the scalar must be \(curve.coordinateByteCount) bytes")
    }
    let coordinates: (x: [UInt8], y: [UInt8])?
    switch curve {
    case .p256: coordinates = Self.publicCoordinates(P256Curve.self, d: d)
    case .p384: coordinates = Self.publicCoordinates(P384Curve.self, d: d)
    case .p521: coordinates = Self.publicCoordinates(P521Curve.self, d: d)
    }
    guard let coordinates else { throw .invalidKey("EC private key: the scalar is not in [1, n − 1]") }
    self.curve = curve
    self.d = d
    self.publicKey = try ECDSAPublicKey(curve: curve, x: coordinates.x, y: coordinates.y)
  }

  /// A key from DER: PKCS #8 (`PRIVATE KEY`) or SEC 1 / RFC 5915 ECPrivateKey (`EC PRIVATE KEY`).
  /// A public key stored in the structure must match the private scalar.
  public init(derEncoded: [UInt8]) throws(CryptoError) {
    self = try ECKeyEncoding.privateKey(derEncoded: derEncoded)
  }

  /// A key from PEM: `PRIVATE KEY` (PKCS #8) or `EC PRIVATE KEY` (SEC 1).
  public init(pemEncoded: String) throws(CryptoError) {
    let (label, der) = try PEM.decode(pemEncoded)
    guard label.elementsEqual("PRIVATE KEY".utf8) || label.elementsEqual("EC PRIVATE KEY".utf8) else {
      throw .malformedEncoding("PEM: expected PRIVATE KEY or EC PRIVATE KEY")
    }
    try self.init(derEncoded: der)
  }

  /// The raw signature r‖s (`curve.signatureByteCount` bytes, the JOSE encoding) of `message`
  /// hashed with `hash`, with the nonce of RFC 6979.
  public func signature(for message: [UInt8], hash: HashAlgorithm) throws(CryptoError) -> [UInt8] {
    let digest = hash.hash(message)
    let signature: [UInt8]?
    switch curve {
    case .p256: signature = Self.sign(P256Curve.self, d: d, digest: digest, hash: hash)
    case .p384: signature = Self.sign(P384Curve.self, d: d, digest: digest, hash: hash)
    case .p521: signature = Self.sign(P521Curve.self, d: d, digest: digest, hash: hash)
    }
    guard let signature else { throw .signingFailed("ECDSA: invalid private key") }
    // A fault or a wrong key must not leak a bad signature (or the key through it).
    guard publicKey.isValidSignature(rawRS: signature, for: message, hash: hash) else {
      throw .signingFailed("ECDSA: the signature did not verify")
    }
    return signature
  }

  /// The signature of `message` in DER (`SEQUENCE { r INTEGER, s INTEGER }`).
  public func derSignature(for message: [UInt8], hash: HashAlgorithm) throws(CryptoError) -> [UInt8] {
    ECDSASignature.derFromRaw(try signature(for: message, hash: hash))
  }

  private static func publicCoordinates<Curve: WeierstrassCurve>(_: Curve.Type, d: [UInt8]) -> (
    x: [UInt8], y: [UInt8]
  )? {
    guard let scalar = d.withUnsafeBytes({ Curve.Scalar(bigEndianBytes: $0) }), scalar.isZeroMask == 0 else {
      return nil
    }
    let point = ECDSAArithmetic<Curve>.publicPoint(privateKey: scalar)
    var x = [UInt8](repeating: 0, count: Curve.Field.byteCount)
    var y = x
    x.withUnsafeMutableBytes { point.x.write(bigEndianBytesInto: $0) }
    y.withUnsafeMutableBytes { point.y.write(bigEndianBytesInto: $0) }
    return (x, y)
  }

  /// r‖s with RFC 6979 nonces, or nil if d is not a valid scalar.
  private static func sign<Curve: WeierstrassCurve>(_: Curve.Type, d: [UInt8], digest: [UInt8], hash: HashAlgorithm)
    -> [UInt8]?
  {
    guard let scalar = d.withUnsafeBytes({ Curve.Scalar(bigEndianBytes: $0) }), scalar.isZeroMask == 0 else {
      return nil
    }
    return digest.withUnsafeBytes { digestBytes -> [UInt8]? in
      var nonces = RFC6979Nonces<Curve.Scalar>(hash: hash, privateKey: d, digest: digestBytes)
      // Each round fails with probability about 2^-128 or less; the bound only guards the loop.
      for _ in 0..<64 {
        guard let k = nonces.next(),
          let (r, s) = ECDSAArithmetic<Curve>.sign(privateKey: scalar, nonce: k, digest: digestBytes)
        else { continue }
        let width = Curve.Scalar.byteCount
        var signature = [UInt8](repeating: 0, count: 2 * width)
        signature.withUnsafeMutableBytes { bytes in
          r.write(bigEndianBytesInto: UnsafeMutableRawBufferPointer(rebasing: bytes[0..<width]))
          s.write(bigEndianBytesInto: UnsafeMutableRawBufferPointer(rebasing: bytes[width...]))
        }
        return signature
      }
      return nil
    }
  }
}
