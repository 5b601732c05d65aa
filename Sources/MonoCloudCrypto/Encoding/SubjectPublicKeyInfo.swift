/// An X.509 SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), the DER inside `PUBLIC KEY` PEM files.
///
/// ```
/// SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
/// AlgorithmIdentifier  ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
/// ```
/// Parsed strictly: nothing may follow the structure or any of its parts. What the key bytes
/// mean is left to the RSA, EC and Ed25519 key types.
public struct SubjectPublicKeyInfo: Sendable {
  /// The algorithm OID's content bytes (compare with `ObjectIdentifiers`).
  public let algorithm: [UInt8]
  /// The parameters as one complete DER element (tag, length, value), or `nil` when absent.
  public let parameters: [UInt8]?
  /// The BIT STRING's bytes without the unused-bits byte (which must be 0).
  public let subjectPublicKey: [UInt8]

  /// The structure from its parts (`parameters` is one complete DER element or `nil`).
  public init(algorithm: [UInt8], parameters: [UInt8]?, subjectPublicKey: [UInt8]) {
    self.algorithm = algorithm
    self.parameters = parameters
    self.subjectPublicKey = subjectPublicKey
  }

  /// Parses the DER encoding strictly.
  public init(derEncoded: [UInt8]) throws(CryptoError) {
    var reader = DERReader(derEncoded)
    (algorithm, parameters, subjectPublicKey) = try reader.readSequence { (contents) throws(CryptoError) in
      let (algorithm, parameters) = try AlgorithmIdentifier.read(from: &contents)
      return (algorithm, parameters, try contents.readBitString())
    }
    try reader.finish()
  }

  /// The DER encoding.
  public var derEncoded: [UInt8] {
    DERWriter.sequence([
      AlgorithmIdentifier.encode(algorithm: algorithm, parameters: parameters),
      DERWriter.bitString(subjectPublicKey),
    ])
  }
}

/// Reading and writing the AlgorithmIdentifier SEQUENCE shared by SPKI and PKCS #8.
enum AlgorithmIdentifier {
  static func read(from reader: inout DERReader) throws(CryptoError) -> (algorithm: [UInt8], parameters: [UInt8]?) {
    try reader.readSequence { (contents) throws(CryptoError) in
      let algorithm = try contents.readObjectIdentifier()
      let parameters = contents.isAtEnd ? nil : try contents.readElement().encoded
      return (algorithm, parameters)
    }
  }

  static func encode(algorithm: [UInt8], parameters: [UInt8]?) -> [UInt8] {
    DERWriter.sequence([DERWriter.objectIdentifier(algorithm)] + (parameters.map { [$0] } ?? []))
  }
}
