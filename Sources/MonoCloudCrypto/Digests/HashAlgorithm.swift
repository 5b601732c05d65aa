/// A hash function chosen at run time (from a JOSE `alg`, a PSS parameter…), dispatching to
/// the statically typed implementations.
public enum HashAlgorithm: Sendable, Equatable {
  case sha1, sha224, sha256, sha384, sha512

  /// Bytes of the digest: 20, 28, 32, 48 or 64.
  @inlinable
  public var digestByteCount: Int { sizes.digest }

  /// Bytes of the compression function's block: 64 or 128 (also the HMAC key block size).
  @inlinable
  public var blockByteCount: Int { sizes.block }

  /// The digest and block sizes of the statically typed function.
  @inlinable
  var sizes: (digest: Int, block: Int) {
    switch self {
    case .sha1: return (SHA1.digestByteCount, SHA1.blockByteCount)
    case .sha224: return (SHA224.digestByteCount, SHA224.blockByteCount)
    case .sha256: return (SHA256.digestByteCount, SHA256.blockByteCount)
    case .sha384: return (SHA384.digestByteCount, SHA384.blockByteCount)
    case .sha512: return (SHA512.digestByteCount, SHA512.blockByteCount)
    }
  }

  /// Writes the digest of `bytes` into the first `digestByteCount` bytes of `output` (a prefix
  /// of it when `output` is shorter).
  @inlinable
  public func hash(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
    switch self {
    case .sha1: SHA1.hash(bytes, into: output)
    case .sha224: SHA224.hash(bytes, into: output)
    case .sha256: SHA256.hash(bytes, into: output)
    case .sha384: SHA384.hash(bytes, into: output)
    case .sha512: SHA512.hash(bytes, into: output)
    }
  }

  /// The digest of `bytes`.
  @inlinable
  public func hash(_ bytes: [UInt8]) -> [UInt8] {
    let count = digestByteCount
    return [UInt8](unsafeUninitializedCapacity: count) { buffer, initializedCount in
      bytes.withUnsafeBytes { hash($0, into: UnsafeMutableRawBufferPointer(buffer)) }
      initializedCount = count
    }
  }

  /// Writes HMAC(key, message) into the first `digestByteCount` bytes of `output` (a prefix of
  /// it when `output` is shorter).
  @inlinable
  public func authenticationCode(
    key: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
  ) {
    switch self {
    case .sha1: HMAC<SHA1>.authenticationCode(for: message, key: key, into: output)
    case .sha224: HMAC<SHA224>.authenticationCode(for: message, key: key, into: output)
    case .sha256: HMAC<SHA256>.authenticationCode(for: message, key: key, into: output)
    case .sha384: HMAC<SHA384>.authenticationCode(for: message, key: key, into: output)
    case .sha512: HMAC<SHA512>.authenticationCode(for: message, key: key, into: output)
    }
  }

  /// HMAC(key, message).
  @inlinable
  public func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
    let count = digestByteCount
    return [UInt8](unsafeUninitializedCapacity: count) { buffer, initializedCount in
      key.withUnsafeBytes { key in
        message.withUnsafeBytes { message in
          authenticationCode(key: key, message: message, into: UnsafeMutableRawBufferPointer(buffer))
        }
      }
      initializedCount = count
    }
  }
}
