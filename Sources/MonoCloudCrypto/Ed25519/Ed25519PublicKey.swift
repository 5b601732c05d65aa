/// An Ed25519 public key (RFC 8032), for verifying signatures.
///
/// The point is decoded and checked once, at import, and the key keeps a small table of its
/// multiples, so that verification does no decoding, no square root and no heap allocation.
public struct Ed25519PublicKey: Sendable {
  /// The 32-byte encoding, as hashed into every signature.
  private let encoding: [UInt8]
  /// Odd multiples of −A for the verification equation [S]B − [k]A = R.
  private let negatedMultiples: [Ed25519AffineNielsPoint]

  /// Imports a raw 32-byte public key. Throws when the length is wrong, the encoded y is not
  /// below p, the bytes do not decode to a curve point, or the point has small order.
  public init(rawRepresentation: [UInt8]) throws(CryptoError) {
    guard rawRepresentation.count == 32 else {
      throw .invalidKey("an Ed25519 public key has 32 bytes, not \(rawRepresentation.count)")
    }
    let decoded = rawRepresentation.withUnsafeBytes { Ed25519ExtendedPoint(decoding: $0) }
    guard let point = decoded else {
      throw .invalidKey("the Ed25519 public key is not the canonical encoding of a curve point")
    }
    // The eight points of small order are not keys anyone can hold a secret for, and with one
    // a fixed (R, S) verifies for a large share of all messages (with the identity, for all).
    guard !point.doubled().doubled().doubled().isIdentity else {
      throw .invalidKey("the Ed25519 public key is a point of small order")
    }
    self.init(point: point, encoding: rawRepresentation)
  }

  /// A key from a point known to be valid and its canonical encoding.
  init(point: Ed25519ExtendedPoint, encoding: [UInt8]) {
    self.encoding = encoding
    self.negatedMultiples = Ed25519ScalarMultiplication.verificationTable(negating: point)
  }

  /// The 32-byte encoding of the key.
  public var rawRepresentation: [UInt8] { encoding }

  /// Verifies a 64-byte signature R ‖ S over `message` (RFC 8032 §5.1.7, cofactorless):
  /// S must be below L, and [S]B − [k]A must encode to exactly the bytes of R, with
  /// k = SHA-512(R ‖ A ‖ message) mod L. Non-canonical or undecodable R never matches.
  public func isValidSignature(_ signature: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer) -> Bool {
    guard signature.count == 64 else { return false }
    let encodedR = UnsafeRawBufferPointer(rebasing: signature[0..<32])
    let s = Ed25519Scalar(littleEndianBytes: UnsafeRawBufferPointer(rebasing: signature[32..<64]))
    guard s.isCanonical else { return false }
    return withUnsafeTemporaryAllocation(byteCount: 96, alignment: 8) { scratch in
      let digest = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<64])
      var hasher = SHA512()
      hasher.update(encodedR)
      encoding.withUnsafeBytes { hasher.update($0) }
      hasher.update(message)
      hasher.finalize(into: digest)
      let k = Ed25519Scalar.reduced(wide: UnsafeRawBufferPointer(digest))
      let point = Ed25519ScalarMultiplication.doubleBaseMultiple(k, pointTable: negatedMultiples, s)
      let recomputedR = UnsafeMutableRawBufferPointer(rebasing: scratch[64..<96])
      point.encode(into: recomputedR)
      // Public data: an early-exit comparison is fine.
      for index in 0..<32 where recomputedR[index] != encodedR[index] { return false }
      return true
    }
  }

  /// Verifies a 64-byte signature R ‖ S over `message`; see the pointer-based overload.
  public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
    signature.withUnsafeBytes { signature in
      message.withUnsafeBytes { message in isValidSignature(signature, for: message) }
    }
  }
}
