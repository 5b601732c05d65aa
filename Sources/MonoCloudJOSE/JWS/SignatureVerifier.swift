import MonoCloudCrypto

/// A public key (or HMAC key schedule) bound to its algorithm. Indirect: a copy (array growth,
/// selection) is one retain of the case's box, not a copy of every field of the key.
indirect enum SignatureVerifier: Sendable {
  case rsaPKCS1(RSAPublicKey, HashAlgorithm)
  case rsaPSS(RSAPublicKey, HashAlgorithm)
  case ecdsa(ECDSAPublicKey, HashAlgorithm)
  case ed25519(Ed25519PublicKey)
  case hmacSHA256(HMAC<SHA256>)
  case hmacSHA384(HMAC<SHA384>)
  case hmacSHA512(HMAC<SHA512>)

  /// Whether `signature` (of the length the key requires, checked by the caller) is valid for
  /// `message`. HMAC tags are compared in constant time.
  func isValid(_ signature: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer) -> Bool {
    switch self {
    case .rsaPKCS1(let key, let hash):
      return key.isValidPKCS1v15Signature(signature, for: message, hash: hash)
    case .rsaPSS(let key, let hash):
      // JOSE (RFC 7518 §3.5): MGF1 with the same hash, salt length = hash length.
      return key.isValidPSSSignature(
        signature, for: message, hash: hash, mgfHash: hash, saltLength: hash.digestByteCount)
    case .ecdsa(let key, let hash):
      return key.isValidSignature(rawRS: signature, for: message, hash: hash)
    case .ed25519(let key):
      return key.isValidSignature(signature, for: message)
    case .hmacSHA256(let keyed):
      return SignatureVerifier.checkTag(keyed, signature, message)
    case .hmacSHA384(let keyed):
      return SignatureVerifier.checkTag(keyed, signature, message)
    case .hmacSHA512(let keyed):
      return SignatureVerifier.checkTag(keyed, signature, message)
    }
  }

  /// `isValid`, also giving the SHA-256 state after `message` when the algorithm hashes it
  /// with SHA-256 for an ECDSA key (ES256); `nil` for the others. The digest is the same as
  /// `isValid` computes, so the check is unchanged.
  func isValid(
    _ signature: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer, messageHash: inout SHA256?
  ) -> Bool {
    guard isECDSAWithSHA256 else {
      messageHash = nil
      return isValid(signature, for: message)
    }
    var hash = SHA256()
    hash.update(message)
    messageHash = hash
    return isValid(signature, hashed: hash)
  }

  /// Whether this is an ECDSA key used with SHA-256 (ES256), whose message hash can be
  /// continued from a `SHA256Prefix`.
  var isECDSAWithSHA256: Bool {
    if case .ecdsa(_, .sha256) = self { return true }
    return false
  }

  /// `isValid` for an ES256 key, the message being `prefix`'s bytes followed by `rest`;
  /// `false` for any other verifier.
  func isValid(_ signature: UnsafeRawBufferPointer, prefix: SHA256, rest: UnsafeRawBufferPointer) -> Bool {
    var hash = prefix
    hash.update(rest)
    return isValid(signature, hashed: hash)
  }

  /// The ES256 check of `signature` against the digest `hash` finalizes; `false` for any other verifier.
  private func isValid(_ signature: UnsafeRawBufferPointer, hashed hash: SHA256) -> Bool {
    guard case .ecdsa(let key, .sha256) = self else { return false }
    var hash = hash
    var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    return withUnsafeMutableBytes(of: &digest) { raw in
      hash.finalize(into: raw)
      return key.isValidSignature(rawRS: signature, digest: UnsafeRawBufferPointer(raw))
    }
  }

  @inline(__always)
  static func checkTag<H: HashFunction>(
    _ keyed: HMAC<H>, _ tag: UnsafeRawBufferPointer, _ message: UnsafeRawBufferPointer
  ) -> Bool {
    var mac = keyed
    mac.update(message)
    var digest: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    let count = H.digestByteCount
    guard count <= 64, tag.count == count else { return false }
    return withUnsafeMutableBytes(of: &digest) { raw in
      let output = UnsafeMutableRawBufferPointer(rebasing: raw[0..<count])
      mac.finalize(into: output)
      return ConstantTime.equals(UnsafeRawBufferPointer(output), tag)
    }
  }
}
