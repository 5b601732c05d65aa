/// EMSA-PKCS1-v1_5 encoding (RFC 8017 §9.2): `00 01 FF…FF 00 ‖ DigestInfo(hash, H(M))`.
enum PKCS1v15 {
  /// DER of `DigestInfo` up to the digest bytes, with NULL parameters (RFC 8017 §9.2 note 1).
  static func digestInfoPrefix(_ hash: HashAlgorithm) -> [UInt8] {
    switch hash {
    case .sha1: return sha1Prefix
    case .sha224: return sha224Prefix
    case .sha256: return sha256Prefix
    case .sha384: return sha384Prefix
    case .sha512: return sha512Prefix
    }
  }

  static let sha1Prefix: [UInt8] = [
    0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14,
  ]
  static let sha224Prefix: [UInt8] = sha2Prefix(oidLastByte: 0x04, digestByteCount: 28)
  static let sha256Prefix: [UInt8] = sha2Prefix(oidLastByte: 0x01, digestByteCount: 32)
  static let sha384Prefix: [UInt8] = sha2Prefix(oidLastByte: 0x02, digestByteCount: 48)
  static let sha512Prefix: [UInt8] = sha2Prefix(oidLastByte: 0x03, digestByteCount: 64)

  /// `SEQUENCE { SEQUENCE { OID 2.16.840.1.101.3.4.2.x, NULL }, OCTET STRING (digest) }` header.
  static func sha2Prefix(oidLastByte: UInt8, digestByteCount: UInt8) -> [UInt8] {
    [
      0x30, 0x11 &+ digestByteCount, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
      oidLastByte, 0x05, 0x00, 0x04, digestByteCount,
    ]
  }

  /// Writes the encoding of `message`'s digest into all of `output` (the modulus length).
  /// False when the modulus is too short for this hash (fewer than 8 bytes of FF padding).
  static func encode(message: UnsafeRawBufferPointer, hash: HashAlgorithm, into output: UnsafeMutableRawBufferPointer)
    -> Bool
  {
    let prefix = digestInfoPrefix(hash)
    let digestCount = hash.digestByteCount
    let trailerCount = prefix.count &+ digestCount
    let length = output.count
    guard length >= trailerCount &+ 11 else { return false }
    output[0] = 0x00
    output[1] = 0x01
    let separator = length &- trailerCount &- 1
    for index in 2..<separator { output[index] = 0xff }
    output[separator] = 0x00
    for index in 0..<prefix.count { output[separator &+ 1 &+ index] = prefix[index] }
    hash.hash(message, into: UnsafeMutableRawBufferPointer(rebasing: output[(length &- digestCount)...]))
    return true
  }

  /// Whether `recovered` (sᵉ mod n, modulus length) equals the encoding of `message`'s digest,
  /// byte for byte. Built then compared: the recovered block is never parsed. `scratch` holds
  /// at least `recovered.count` bytes.
  static func matches(
    _ recovered: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer, hash: HashAlgorithm,
    scratch: UnsafeMutableRawBufferPointer
  ) -> Bool {
    let expected = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<recovered.count])
    guard encode(message: message, hash: hash, into: expected) else { return false }
    // Public data on both sides: an early exit leaks nothing secret.
    for index in 0..<recovered.count where recovered[index] != expected[index] { return false }
    return true
  }
}
