/// A PKCS #8 private key (RFC 5208 PrivateKeyInfo, version 0, and RFC 5958 OneAsymmetricKey,
/// version 1): the DER inside `PRIVATE KEY` PEM files. Encrypted keys are not supported.
///
/// ```
/// OneAsymmetricKey ::= SEQUENCE {
///   version                   INTEGER { v1(0), v2(1) },
///   privateKeyAlgorithm       AlgorithmIdentifier,
///   privateKey                OCTET STRING,
///   attributes            [0] IMPLICIT Attributes OPTIONAL,
///   publicKey             [1] IMPLICIT BIT STRING OPTIONAL }   -- version 1 only
/// ```
/// Attributes are checked to be well-formed DER and ignored; nothing else may follow.
public struct PrivateKeyInfo: Sendable {
  /// The algorithm OID's content bytes (compare with `ObjectIdentifiers`).
  public let algorithm: [UInt8]
  /// The parameters as one complete DER element, or `nil` when absent.
  public let parameters: [UInt8]?
  /// The OCTET STRING's contents: the algorithm-specific private key encoding.
  public let privateKey: [UInt8]
  /// The optional public key of a version 1 (RFC 5958) structure, without the unused-bits byte.
  public let publicKey: [UInt8]?

  /// The structure from its parts (`parameters` is one complete DER element or `nil`).
  public init(algorithm: [UInt8], parameters: [UInt8]?, privateKey: [UInt8], publicKey: [UInt8]? = nil) {
    self.algorithm = algorithm
    self.parameters = parameters
    self.privateKey = privateKey
    self.publicKey = publicKey
  }

  /// Parses the DER encoding strictly.
  public init(derEncoded: [UInt8]) throws(CryptoError) {
    var reader = DERReader(derEncoded)
    (algorithm, parameters, privateKey, publicKey) = try reader.readSequence { (contents) throws(CryptoError) in
      let version = try contents.readSmallInteger()
      guard version == 0 || version == 1 else { throw .malformedEncoding("PKCS #8: unsupported version") }
      let (algorithm, parameters) = try AlgorithmIdentifier.read(from: &contents)
      let privateKey = try contents.readOctetString()
      if let attributes = try contents.readOptionalElement(tag: DERTag.contextSpecificConstructed(0)) {
        var attributeReader = try attributes.contentReader()
        while !attributeReader.isAtEnd { _ = try attributeReader.readElement(tag: DERTag.sequence) }
      }
      var publicKey: [UInt8]? = nil
      if let element = try contents.readOptionalElement(tag: DERTag.contextSpecificPrimitive(1)) {
        guard version == 1 else { throw .malformedEncoding("PKCS #8: public key in a version 0 structure") }
        publicKey = try DERReader.bitStringContents(element)
      }
      return (algorithm, parameters, privateKey, publicKey)
    }
    try reader.finish()
  }

  /// The DER encoding (version 0 without a public key, version 1 with one).
  public var derEncoded: [UInt8] {
    var elements = [
      DERWriter.integer(publicKey == nil ? 0 : 1),
      AlgorithmIdentifier.encode(algorithm: algorithm, parameters: parameters),
      DERWriter.octetString(privateKey),
    ]
    if let publicKey {
      elements.append(DERWriter.element(tag: DERTag.contextSpecificPrimitive(1), content: [0] + publicKey))
    }
    return DERWriter.sequence(elements)
  }
}
