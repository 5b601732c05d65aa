/// An RSA public key (n, e) for PKCS#1 v1.5 and PSS signature verification (RFC 8017).
///
/// The modulus has 1024…8192 bits and is odd; the exponent is odd, greater than 1 and fits in
/// 64 bits (every exponent in use: 3, 17, 65537, …). Montgomery constants are computed once here,
/// so a verification allocates nothing.
public struct RSAPublicKey: Sendable {
  /// n with its Montgomery constants.
  let montgomery: MontgomeryModulus
  /// e.
  let exponent: UInt64
  #if arch(wasm32) || MONOCLOUD_32BIT_LIMBS
    /// n in radix 2²⁸, which verifies several times faster where 64-bit limb products are
    /// emulated (wasm32); MONOCLOUD_32BIT_LIMBS selects it natively for tests.
    let radix28: Radix28Modulus
  #endif

  /// Whether public operations (sᵉ mod n) run in radix 2²⁸ (wasm32, or natively under
  /// MONOCLOUD_32BIT_LIMBS) instead of on 64-bit limbs.
  package static var publicOperationsUseRadix28: Bool {
    #if arch(wasm32) || MONOCLOUD_32BIT_LIMBS
      true
    #else
      false
    #endif
  }

  /// Smallest and largest modulus sizes accepted, in bits.
  static let modulusBitRange = 1024...8192

  /// Makes a key from the big-endian modulus and public exponent (leading zero bytes allowed).
  public init(modulus: [UInt8], publicExponent: [UInt8]) throws(CryptoError) {
    let modulusBytes = Self.trimmingLeadingZeros(modulus)
    let exponentBytes = Self.trimmingLeadingZeros(publicExponent)
    guard modulusBytes.count <= Self.modulusBitRange.upperBound / 8 else {
      throw .invalidKey("RSA modulus is larger than 8192 bits")
    }
    let limbCount = (modulusBytes.count &+ 7) / 8
    guard let limbs = Limbs.fromBigEndian(modulusBytes, count: limbCount), limbCount > 0,
      let montgomery = MontgomeryModulus(limbs: limbs)
    else { throw .invalidKey("RSA modulus must be odd") }
    guard Self.modulusBitRange.contains(montgomery.bitCount) else {
      throw .invalidKey("RSA modulus must have 1024 to 8192 bits")
    }
    guard !exponentBytes.isEmpty, exponentBytes.count <= 8 else {
      throw .invalidKey("RSA public exponent must be between 3 and 2^64-1")
    }
    var exponent: UInt64 = 0
    for byte in exponentBytes { exponent = exponent &<< 8 | UInt64(byte) }
    guard exponent & 1 == 1, exponent > 1 else { throw .invalidKey("RSA public exponent must be odd and > 1") }
    self.montgomery = montgomery
    self.exponent = exponent
    #if arch(wasm32) || MONOCLOUD_32BIT_LIMBS
      self.radix28 = Radix28Modulus(montgomery)
    #endif
  }

  /// Significant bits of the modulus.
  public var modulusBitCount: Int { montgomery.bitCount }
  /// Bytes of the modulus, and of every signature under this key.
  public var modulusByteCount: Int { (montgomery.bitCount &+ 7) / 8 }

  /// The modulus, minimal big-endian.
  public var modulus: [UInt8] { Limbs.toBigEndian(montgomery.modulus, byteCount: modulusByteCount) }

  /// The public exponent, minimal big-endian.
  public var publicExponent: [UInt8] {
    let byteCount = (64 &- exponent.leadingZeroBitCount &+ 7) / 8
    return Limbs.toBigEndian([exponent], byteCount: byteCount)
  }

  static func trimmingLeadingZeros(_ bytes: [UInt8]) -> [UInt8] {
    var start = 0
    while start < bytes.count, bytes[start] == 0 { start &+= 1 }
    return Array(bytes[start...])
  }

  /// Computes sᵉ mod n for a signature of exactly `modulusByteCount` bytes whose integer is < n,
  /// and passes it (big-endian, `modulusByteCount` bytes) to `check` together with a scratch
  /// area of at least `2·modulusByteCount + 256` bytes. False, without calling `check`, for a
  /// signature of the wrong length or out of range. Everything lives on the stack: no allocation.
  func withRecoveredMessage(
    _ signature: UnsafeRawBufferPointer,
    _ check: (_ recovered: UnsafeRawBufferPointer, _ scratch: UnsafeMutableRawBufferPointer) -> Bool
  ) -> Bool {
    let byteCount = modulusByteCount
    guard signature.count == byteCount else { return false }
    let count = montgomery.limbCount
    // value, then message (n) | result (n) | power workspace (2n + scratch, or the radix-2²⁸
    // one), then check scratch (2n + 32): the power's input and workspace are free once the
    // result is out.
    #if arch(wasm32) || MONOCLOUD_32BIT_LIMBS
      let powerCount = radix28.publicPowerWorkspaceWordCount
    #else
      let powerCount = 2 &* count &+ montgomery.scratchLimbCount
    #endif
    let checkCount = 2 &* count &+ 32
    return Limbs.withStackScratch(2 &* count &+ max(powerCount, checkCount)) { limbs in
      let value = limbs
      let result = limbs + count
      let workspace = result + count
      let message = value
      let checkScratch = workspace
      guard Limbs.load(bigEndian: signature, into: value, count: count) else { return false }
      let inRange = montgomery.modulus.withUnsafeBufferPointer { n in
        Limbs.lessThanMask(value, n.baseAddress!, count: count) != 0
      }
      guard inRange else { return false }
      #if arch(wasm32) || MONOCLOUD_32BIT_LIMBS
        radix28.publicPower(value, exponent: exponent, into: result, workspace: workspace)
      #else
        montgomery.publicPower(value, exponent: exponent, into: result, workspace: workspace)
      #endif
      let messageBytes = UnsafeMutableRawBufferPointer(start: message, count: byteCount)
      Limbs.store(result, count: count, bigEndianInto: messageBytes)
      return check(
        UnsafeRawBufferPointer(messageBytes), UnsafeMutableRawBufferPointer(start: checkScratch, count: checkCount &* 8)
      )
    }
  }

  // MARK: - Verification

  /// Whether `signature` is a valid RSASSA-PKCS1-v1_5 signature of `message` (RFC 8017 §8.2.2).
  /// The expected encoded block is built from the digest and compared whole; the recovered block
  /// is never parsed. A `DigestInfo` without the NULL parameters is rejected.
  public func isValidPKCS1v15Signature(
    _ signature: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer, hash: HashAlgorithm
  ) -> Bool {
    withRecoveredMessage(signature) { recovered, scratch in
      PKCS1v15.matches(recovered, message: message, hash: hash, scratch: scratch)
    }
  }

  /// Whether `signature` is a valid RSASSA-PSS signature of `message` (RFC 8017 §8.1.2) with
  /// MGF1 over `mgfHash` (default: `hash`) and a salt of exactly `saltLength` bytes (default: the
  /// digest length).
  public func isValidPSSSignature(
    _ signature: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer, hash: HashAlgorithm,
    mgfHash: HashAlgorithm? = nil, saltLength: Int? = nil
  ) -> Bool {
    let salt = saltLength ?? hash.digestByteCount
    guard salt >= 0 else { return false }
    let bits = modulusBitCount
    return withRecoveredMessage(signature) { recovered, scratch in
      PSS.matches(
        recovered, modulusBitCount: bits, message: message, hash: hash, mgfHash: mgfHash ?? hash, saltLength: salt,
        scratch: scratch)
    }
  }

  /// `[UInt8]` form of `isValidPKCS1v15Signature(_:for:hash:)`.
  public func isValidPKCS1v15Signature(_ signature: [UInt8], for message: [UInt8], hash: HashAlgorithm) -> Bool {
    signature.withUnsafeBytes { s in
      message.withUnsafeBytes { m in isValidPKCS1v15Signature(s, for: m, hash: hash) }
    }
  }

  /// `[UInt8]` form of `isValidPSSSignature(_:for:hash:mgfHash:saltLength:)`.
  public func isValidPSSSignature(
    _ signature: [UInt8], for message: [UInt8], hash: HashAlgorithm, mgfHash: HashAlgorithm? = nil,
    saltLength: Int? = nil
  ) -> Bool {
    signature.withUnsafeBytes { s in
      message.withUnsafeBytes { m in
        isValidPSSSignature(s, for: m, hash: hash, mgfHash: mgfHash, saltLength: saltLength)
      }
    }
  }
}
