// Encodings of EC keys: the uncompressed point of SEC 1 §2.3.3, the named-curve parameters of
// RFC 5480, SubjectPublicKeyInfo, and the ECPrivateKey structure of RFC 5915 (SEC 1 §C.4),
// bare or inside PKCS #8.

extension ECCurve {
  /// The curve's OBJECT IDENTIFIER content bytes (RFC 5480 §2.1.1.1).
  var objectIdentifier: [UInt8] {
    switch self {
    case .p256: return ObjectIdentifiers.secp256r1
    case .p384: return ObjectIdentifiers.secp384r1
    case .p521: return ObjectIdentifiers.secp521r1
    }
  }

  /// The curve named by ECParameters, one complete DER element: `namedCurve OBJECT IDENTIFIER`.
  /// Explicit curve parameters (a SEQUENCE) and implicitCA (NULL) are not supported.
  init(parameters: [UInt8]) throws(CryptoError) {
    var reader = DERReader(parameters)
    guard reader.peekTag() == DERTag.objectIdentifier else {
      throw .unsupportedAlgorithm("EC key: only named curves are supported")
    }
    let identifier = try reader.readObjectIdentifier()
    try reader.finish()
    if identifier == ObjectIdentifiers.secp256r1 {
      self = .p256
    } else if identifier == ObjectIdentifiers.secp384r1 {
      self = .p384
    } else if identifier == ObjectIdentifiers.secp521r1 {
      self = .p521
    } else {
      throw .unsupportedAlgorithm("EC key: unsupported curve")
    }
  }

  /// The named-curve parameters as one DER element.
  var parameters: [UInt8] { DERWriter.objectIdentifier(objectIdentifier) }
}

enum ECKeyEncoding {
  /// The coordinates of an uncompressed point 04‖X‖Y of `curve`.
  static func coordinates(ofPoint point: [UInt8], curve: ECCurve) throws(CryptoError) -> (x: [UInt8], y: [UInt8]) {
    let size = curve.coordinateByteCount
    guard let format = point.first else { throw .invalidKey("EC public key: empty point") }
    switch format {
    case 0x04:
      guard point.count == 1 + 2 * size else { throw .invalidKey("EC public key: wrong point length for the curve") }
      return (Array(point[1...size]), Array(point[(1 + size)...]))
    case 0x02, 0x03:
      throw .unsupportedAlgorithm("EC public key: compressed points are not supported")
    case 0x00:
      throw .invalidKey("EC public key: the point at infinity")
    default:
      throw .invalidKey("EC public key: unknown point format")
    }
  }

  /// 04‖X‖Y.
  static func uncompressedPoint(x: [UInt8], y: [UInt8]) -> [UInt8] { [0x04] + x + y }

  /// The curve and point of an id-ecPublicKey SubjectPublicKeyInfo.
  static func publicKey(subjectPublicKeyInfo der: [UInt8]) throws(CryptoError) -> ECDSAPublicKey {
    let info = try SubjectPublicKeyInfo(derEncoded: der)
    guard info.algorithm == ObjectIdentifiers.ecPublicKey else {
      throw .unsupportedAlgorithm("public key is not an EC key (id-ecPublicKey)")
    }
    guard let parameters = info.parameters else { throw .malformedEncoding("EC public key: missing curve parameters") }
    let curve = try ECCurve(parameters: parameters)
    return try ECDSAPublicKey(x963Representation: info.subjectPublicKey, curve: curve)
  }

  /// The parts of an ECPrivateKey (RFC 5915):
  /// `SEQUENCE { version INTEGER (1), privateKey OCTET STRING, [0] ECParameters OPTIONAL,
  /// [1] BIT STRING publicKey OPTIONAL }`.
  static func ecPrivateKey(_ der: [UInt8]) throws(CryptoError) -> (
    privateKey: [UInt8], parameters: [UInt8]?, publicKey: [UInt8]?
  ) {
    var reader = DERReader(der)
    let parts = try reader.readSequence { (contents) throws(CryptoError) in
      guard try contents.readSmallInteger() == 1 else { throw .malformedEncoding("EC private key: version is not 1") }
      let privateKey = try contents.readOctetString()
      var parameters: [UInt8]? = nil
      if var explicit = try contents.readOptionalExplicit(tagNumber: 0) {
        parameters = try explicit.readElement().encoded
        try explicit.finish()
      }
      var publicKey: [UInt8]? = nil
      if var explicit = try contents.readOptionalExplicit(tagNumber: 1) {
        publicKey = try explicit.readBitString()
        try explicit.finish()
      }
      return (privateKey, parameters, publicKey)
    }
    try reader.finish()
    return parts
  }

  /// An EC private key from PKCS #8 or a bare ECPrivateKey, told apart by their structure
  /// (a PKCS #8 version is followed by an AlgorithmIdentifier SEQUENCE, ECPrivateKey's by an
  /// OCTET STRING).
  static func privateKey(derEncoded der: [UInt8]) throws(CryptoError) -> ECDSAPrivateKey {
    if isPKCS8(der) {
      let info = try PrivateKeyInfo(derEncoded: der)
      guard info.algorithm == ObjectIdentifiers.ecPublicKey else {
        throw .unsupportedAlgorithm("private key is not an EC key (id-ecPublicKey)")
      }
      guard let outerParameters = info.parameters else {
        throw .malformedEncoding("EC private key: missing curve parameters")
      }
      let curve = try ECCurve(parameters: outerParameters)
      let inner = try ecPrivateKey(info.privateKey)
      if let innerParameters = inner.parameters, try ECCurve(parameters: innerParameters) != curve {
        throw .invalidKey("EC private key: inconsistent curve parameters")
      }
      return try makePrivateKey(curve: curve, d: inner.privateKey, publicKey: inner.publicKey ?? info.publicKey)
    }
    let inner = try ecPrivateKey(der)
    guard let parameters = inner.parameters else {
      throw .malformedEncoding("EC private key: missing curve parameters")
    }
    return try makePrivateKey(
      curve: try ECCurve(parameters: parameters), d: inner.privateKey, publicKey: inner.publicKey)
  }

  /// A structural probe only: when it fails the input is parsed as ECPrivateKey, and that
  /// parse reports what is wrong with it, so no failure is hidden from the caller.
  private static func isPKCS8(_ der: [UInt8]) -> Bool {
    var reader = DERReader(der)
    guard var contents = try? reader.readSequence() else { return false }
    guard (try? contents.readSmallInteger()) != nil else { return false }
    return contents.peekTag() == DERTag.sequence
  }

  /// The key, checked against the public key stored beside it, if any.
  private static func makePrivateKey(curve: ECCurve, d: [UInt8], publicKey: [UInt8]?) throws(CryptoError)
    -> ECDSAPrivateKey
  {
    guard d.count == curve.coordinateByteCount else {
      throw .invalidKey("EC private key: the scalar must be \(curve.coordinateByteCount) bytes")
    }
    let key = try ECDSAPrivateKey(curve: curve, d: d)
    if let publicKey {
      let (x, y) = try coordinates(ofPoint: publicKey, curve: curve)
      guard x == key.publicKey.x, y == key.publicKey.y else {
        throw .invalidKey("EC private key: the stored public key does not match")
      }
    }
    return key
  }
}
