/// DER and PEM import of RSA keys: SubjectPublicKeyInfo and PKCS #1 `RSAPublicKey`, PKCS #8
/// and PKCS #1 `RSAPrivateKey` (RFC 8017 Appendix A.1, RFC 5958), via the shared DER reader.
enum RSAKeyEncoding {
  static let publicKeyLabel = Array("PUBLIC KEY".utf8)
  static let rsaPublicKeyLabel = Array("RSA PUBLIC KEY".utf8)
  static let privateKeyLabel = Array("PRIVATE KEY".utf8)
  static let rsaPrivateKeyLabel = Array("RSA PRIVATE KEY".utf8)

  /// `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }`.
  static func publicKeyComponents(pkcs1 der: [UInt8]) throws(CryptoError) -> (modulus: [UInt8], exponent: [UInt8]) {
    var reader = DERReader(der)
    let components = try reader.readSequence { (contents) throws(CryptoError) in
      (try contents.readInteger(), try contents.readInteger())
    }
    try reader.finish()
    return (components.0, components.1)
  }

  /// Checks that a SubjectPublicKeyInfo or PrivateKeyInfo names rsaEncryption with NULL (or
  /// absent) parameters.
  static func checkAlgorithm(_ algorithm: [UInt8], parameters: [UInt8]?) throws(CryptoError) {
    guard algorithm == ObjectIdentifiers.rsaEncryption else {
      throw .unsupportedAlgorithm("not an rsaEncryption key")
    }
    if let parameters, parameters != [0x05, 0x00] {
      throw .malformedEncoding("rsaEncryption parameters must be NULL")
    }
  }

  /// Whether the DER is a SEQUENCE whose first element is a SEQUENCE (SubjectPublicKeyInfo)
  /// rather than an INTEGER (PKCS #1).
  static func startsWithNestedSequence(_ der: [UInt8], afterVersion: Bool) throws(CryptoError) -> Bool {
    var reader = DERReader(der)
    var contents = try reader.readSequence()
    if afterVersion { _ = try contents.readSmallInteger() }
    return contents.peekTag() == DERTag.sequence
  }

  /// The nine integers of a PKCS #1 `RSAPrivateKey` (two-prime, version 0).
  static func privateKey(pkcs1 der: [UInt8]) throws(CryptoError) -> RSAPrivateKey {
    var reader = DERReader(der)
    let values = try reader.readSequence { (contents) throws(CryptoError) -> [[UInt8]] in
      let version = try contents.readSmallInteger()
      guard version == 0 else { throw .unsupportedAlgorithm("multi-prime RSA keys are not supported") }
      var values: [[UInt8]] = []
      for _ in 0..<8 { values.append(try contents.readInteger()) }
      return values
    }
    try reader.finish()
    return try RSAPrivateKey(
      modulus: values[0], publicExponent: values[1], privateExponent: values[2], prime1: values[3],
      prime2: values[4], exponent1: values[5], exponent2: values[6], coefficient: values[7])
  }
}

extension RSAPublicKey {
  /// Reads a DER SubjectPublicKeyInfo (rsaEncryption) or a PKCS #1 `RSAPublicKey`.
  public init(derEncoded: [UInt8]) throws(CryptoError) {
    if try RSAKeyEncoding.startsWithNestedSequence(derEncoded, afterVersion: false) {
      try self.init(subjectPublicKeyInfo: derEncoded)
    } else {
      try self.init(pkcs1: derEncoded)
    }
  }

  /// Reads PEM: `BEGIN PUBLIC KEY` (SubjectPublicKeyInfo) or `BEGIN RSA PUBLIC KEY` (PKCS #1).
  public init(pemEncoded: String) throws(CryptoError) {
    let (label, der) = try PEM.decode(pemEncoded)
    if label == RSAKeyEncoding.publicKeyLabel {
      try self.init(subjectPublicKeyInfo: der)
    } else if label == RSAKeyEncoding.rsaPublicKeyLabel {
      try self.init(pkcs1: der)
    } else {
      throw .malformedEncoding("PEM: expected PUBLIC KEY or RSA PUBLIC KEY")
    }
  }

  init(subjectPublicKeyInfo der: [UInt8]) throws(CryptoError) {
    let info = try SubjectPublicKeyInfo(derEncoded: der)
    try RSAKeyEncoding.checkAlgorithm(info.algorithm, parameters: info.parameters)
    try self.init(pkcs1: info.subjectPublicKey)
  }

  init(pkcs1 der: [UInt8]) throws(CryptoError) {
    let (modulus, exponent) = try RSAKeyEncoding.publicKeyComponents(pkcs1: der)
    try self.init(modulus: modulus, publicExponent: exponent)
  }
}

extension RSAPrivateKey {
  /// Reads a DER PKCS #8 `PrivateKeyInfo` (rsaEncryption) or a PKCS #1 `RSAPrivateKey`.
  public init(derEncoded: [UInt8]) throws(CryptoError) {
    if try RSAKeyEncoding.startsWithNestedSequence(derEncoded, afterVersion: true) {
      try self.init(pkcs8: derEncoded)
    } else {
      self = try RSAKeyEncoding.privateKey(pkcs1: derEncoded)
    }
  }

  /// Reads PEM: `BEGIN PRIVATE KEY` (PKCS #8) or `BEGIN RSA PRIVATE KEY` (PKCS #1).
  /// Encrypted PEM is not supported.
  public init(pemEncoded: String) throws(CryptoError) {
    let (label, der) = try PEM.decode(pemEncoded)
    if label == RSAKeyEncoding.privateKeyLabel {
      try self.init(pkcs8: der)
    } else if label == RSAKeyEncoding.rsaPrivateKeyLabel {
      self = try RSAKeyEncoding.privateKey(pkcs1: der)
    } else {
      throw .malformedEncoding("PEM: expected PRIVATE KEY or RSA PRIVATE KEY")
    }
  }

  init(pkcs8 der: [UInt8]) throws(CryptoError) {
    let info = try PrivateKeyInfo(derEncoded: der)
    try RSAKeyEncoding.checkAlgorithm(info.algorithm, parameters: info.parameters)
    self = try RSAKeyEncoding.privateKey(pkcs1: info.privateKey)
  }
}
