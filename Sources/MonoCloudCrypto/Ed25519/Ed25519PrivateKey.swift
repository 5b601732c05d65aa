/// An Ed25519 private key (RFC 8032): a 32-byte seed, hashed into the secret scalar and the
/// nonce prefix. Signing is deterministic and constant time in the key and the nonce.
public struct Ed25519PrivateKey: Sendable {
  private let seedBytes: [UInt8]
  /// The clamped secret scalar s (below 2^255, not reduced mod L).
  private let secretScalar: Ed25519Scalar
  /// The second half of SHA-512(seed), hashed with the message into the nonce.
  private let noncePrefix: [UInt8]
  public let publicKey: Ed25519PublicKey

  /// A key from its 32-byte seed (the RFC 8032 private key).
  public init(seed: [UInt8]) throws(CryptoError) {
    guard seed.count == 32 else {
      throw .invalidKey("an Ed25519 private key seed has 32 bytes, not \(seed.count)")
    }
    var expanded = SHA512.hash(seed)
    // Clamp: clear the three low bits and bit 255, set bit 254.
    expanded[0] &= 248
    expanded[31] &= 127
    expanded[31] |= 64
    let scalar = expanded.withUnsafeBytes {
      Ed25519Scalar(littleEndianBytes: UnsafeRawBufferPointer(rebasing: $0[0..<32]))
    }
    let point = Ed25519ScalarMultiplication.baseMultiple(scalar)
    var encoding = [UInt8](repeating: 0, count: 32)
    encoding.withUnsafeMutableBytes { point.projective.encode(into: $0) }
    seedBytes = seed
    secretScalar = scalar
    noncePrefix = Array(expanded[32..<64])
    for index in expanded.indices { expanded[index] = 0 }
    publicKey = Ed25519PublicKey(point: point, encoding: encoding)
  }

  /// The 32-byte seed.
  public var seed: [UInt8] { seedBytes }

  /// The 64-byte signature R ‖ S of `message` (RFC 8032 §5.1.6).
  public func signature(for message: [UInt8]) -> [UInt8] {
    var signature = [UInt8](repeating: 0, count: 64)
    withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { digest in
      message.withUnsafeBytes { message in
        // r = SHA-512(prefix ‖ M) mod L; R = [r]B.
        var hasher = SHA512()
        noncePrefix.withUnsafeBytes { hasher.update($0) }
        hasher.update(message)
        hasher.finalize(into: digest)
        let r = Ed25519Scalar.reduced(wide: UnsafeRawBufferPointer(digest))
        let commitment = Ed25519ScalarMultiplication.baseMultiple(r).projective
        signature.withUnsafeMutableBytes {
          commitment.encode(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<32]))
        }
        // k = SHA-512(R ‖ A ‖ M) mod L; S = (r + k·s) mod L.
        hasher = SHA512()
        signature.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<32])) }
        publicKey.rawRepresentation.withUnsafeBytes { hasher.update($0) }
        hasher.update(message)
        hasher.finalize(into: digest)
        let k = Ed25519Scalar.reduced(wide: UnsafeRawBufferPointer(digest))
        let s = Ed25519Scalar.multiplyAdd(k, secretScalar, r)
        signature.withUnsafeMutableBytes {
          s.write(littleEndianBytesInto: UnsafeMutableRawBufferPointer(rebasing: $0[32..<64]))
        }
        for index in 0..<64 { digest[index] = 0 }
      }
    }
    return signature
  }
}
