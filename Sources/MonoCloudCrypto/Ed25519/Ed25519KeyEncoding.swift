// Ed25519 keys in their standard containers (RFC 8410): SubjectPublicKeyInfo and PKCS#8
// PrivateKeyInfo with the algorithm id-Ed25519 (1.3.101.112) and absent parameters, in DER or PEM.

extension Ed25519PublicKey {
  /// Imports a DER SubjectPublicKeyInfo with algorithm id-Ed25519 and a 32-byte key.
  public init(derEncoded: [UInt8]) throws(CryptoError) {
    let info = try SubjectPublicKeyInfo(derEncoded: derEncoded)
    try checkEd25519Algorithm(
      info.algorithm, parameters: info.parameters, otherwise: "the public key is not an Ed25519 key")
    try self.init(rawRepresentation: info.subjectPublicKey)
  }

  /// Imports a PEM `PUBLIC KEY` (SubjectPublicKeyInfo) holding an Ed25519 key.
  public init(pemEncoded: String) throws(CryptoError) {
    try self.init(derEncoded: pemBlock(pemEncoded, label: "PUBLIC KEY"))
  }
}

extension Ed25519PrivateKey {
  /// Imports a DER PKCS#8 PrivateKeyInfo (or OneAsymmetricKey v2) with algorithm id-Ed25519,
  /// whose private key is the DER OCTET STRING of the 32-byte seed.
  public init(derEncoded: [UInt8]) throws(CryptoError) {
    let info = try PrivateKeyInfo(derEncoded: derEncoded)
    try checkEd25519Algorithm(
      info.algorithm, parameters: info.parameters, otherwise: "the private key is not an Ed25519 key")
    // CurvePrivateKey ::= OCTET STRING: exactly 04 20 followed by the seed.
    let inner = info.privateKey
    guard inner.count == 34, inner[0] == 0x04, inner[1] == 0x20 else {
      throw .malformedEncoding("an Ed25519 private key is an OCTET STRING of 32 bytes")
    }
    try self.init(seed: Array(inner[2..<34]))
    // A version 2 (RFC 5958) structure may carry the public key: it must be this key's.
    if let publicKey = info.publicKey, !publicKey.elementsEqual(self.publicKey.rawRepresentation) {
      throw .invalidKey("the PKCS #8 public key does not belong to the Ed25519 private key")
    }
  }

  /// Imports a PEM `PRIVATE KEY` (PKCS#8) holding an Ed25519 key.
  public init(pemEncoded: String) throws(CryptoError) {
    try self.init(derEncoded: pemBlock(pemEncoded, label: "PRIVATE KEY"))
  }
}

/// The RFC 8410 checks of a key's AlgorithmIdentifier: id-Ed25519 with its parameters absent.
private func checkEd25519Algorithm(
  _ algorithm: [UInt8], parameters: [UInt8]?, otherwise message: String
) throws(CryptoError) {
  guard algorithm.elementsEqual(ObjectIdentifiers.ed25519) else { throw .unsupportedAlgorithm(message) }
  guard parameters == nil else {
    throw .malformedEncoding("Ed25519 key algorithm parameters must be absent (RFC 8410)")
  }
}

/// The DER of a PEM block that must carry `label`.
private func pemBlock(_ pem: String, label expected: String) throws(CryptoError) -> [UInt8] {
  let (label, der) = try PEM.decode(pem)
  guard label.elementsEqual(expected.utf8) else { throw .malformedEncoding("expected a PEM \(expected) block") }
  return der
}
