/// EMSA-PSS encoding and verification (RFC 8017 §9.1) with MGF1 (§B.2.1).
enum PSS {
  /// XORs MGF1(seed, mask.count) over `hash` into `mask`.
  static func xorMask(seed: UnsafeRawBufferPointer, hash: HashAlgorithm, into mask: UnsafeMutableRawBufferPointer) {
    let digestCount = hash.digestByteCount
    withUnsafeTemporaryAllocation(byteCount: seed.count &+ 4 &+ 64, alignment: 8) { buffer in
      let input = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<(seed.count &+ 4)])
      let digest = UnsafeMutableRawBufferPointer(rebasing: buffer[(seed.count &+ 4)...])
      for index in 0..<seed.count { input[index] = seed[index] }
      var counter: UInt32 = 0
      var offset = 0
      while offset < mask.count {
        input[seed.count] = UInt8(truncatingIfNeeded: counter &>> 24)
        input[seed.count &+ 1] = UInt8(truncatingIfNeeded: counter &>> 16)
        input[seed.count &+ 2] = UInt8(truncatingIfNeeded: counter &>> 8)
        input[seed.count &+ 3] = UInt8(truncatingIfNeeded: counter)
        hash.hash(UnsafeRawBufferPointer(input), into: digest)
        var index = 0
        while index < digestCount, offset < mask.count {
          mask[offset] ^= digest[index]
          index &+= 1
          offset &+= 1
        }
        counter &+= 1
      }
    }
  }

  /// H(0x00 × 8 ‖ mHash ‖ salt) into `output`, building M′ in `scratch` (at least
  /// 8 + digest + salt bytes).
  static func saltedHash(
    digest: UnsafeRawBufferPointer, salt: UnsafeRawBufferPointer, hash: HashAlgorithm,
    into output: UnsafeMutableRawBufferPointer, scratch: UnsafeMutableRawBufferPointer
  ) {
    let buffer = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<(8 &+ digest.count &+ salt.count)])
    for index in 0..<8 { buffer[index] = 0 }
    for index in 0..<digest.count { buffer[8 &+ index] = digest[index] }
    for index in 0..<salt.count { buffer[8 &+ digest.count &+ index] = salt[index] }
    hash.hash(UnsafeRawBufferPointer(buffer), into: output)
  }

  /// EMSA-PSS-VERIFY of `recovered` (sᵉ mod n, modulus length, big-endian). `scratch` holds at
  /// least `2·recovered.count + 256` bytes.
  static func matches(
    _ recovered: UnsafeRawBufferPointer, modulusBitCount: Int, message: UnsafeRawBufferPointer,
    hash: HashAlgorithm, mgfHash: HashAlgorithm, saltLength: Int, scratch buffer: UnsafeMutableRawBufferPointer
  ) -> Bool {
    let encodedBits = modulusBitCount &- 1
    let encodedCount = (encodedBits &+ 7) / 8
    let digestCount = hash.digestByteCount
    // EM is the low emLen bytes; an extra leading byte (when emBits is a multiple of 8) must be 0.
    let leading = recovered.count &- encodedCount
    for index in 0..<leading where recovered[index] != 0 { return false }
    guard saltLength <= encodedCount, encodedCount >= digestCount &+ saltLength &+ 2 else { return false }
    guard recovered[recovered.count &- 1] == 0xbc else { return false }
    let maskedCount = encodedCount &- digestCount &- 1
    let topMask = UInt8(truncatingIfNeeded: 0xff &>> (8 &* encodedCount &- encodedBits))
    guard recovered[leading] & ~topMask == 0 else { return false }
    let h = UnsafeRawBufferPointer(rebasing: recovered[(leading &+ maskedCount)..<(recovered.count &- 1)])
    // Scratch layout: DB (maskedCount) | mHash (64) | H′ (64) | M′ (8 + digest + salt).
    let db = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<maskedCount])
    let digest = UnsafeMutableRawBufferPointer(rebasing: buffer[maskedCount..<(maskedCount &+ digestCount)])
    let expected = UnsafeMutableRawBufferPointer(
      rebasing: buffer[(maskedCount &+ 64)..<(maskedCount &+ 64 &+ digestCount)])
    let saltedInput = UnsafeMutableRawBufferPointer(rebasing: buffer[(maskedCount &+ 128)...])
    for index in 0..<maskedCount { db[index] = recovered[leading &+ index] }
    xorMask(seed: h, hash: mgfHash, into: db)
    db[0] &= topMask
    let separator = maskedCount &- saltLength &- 1
    for index in 0..<separator where db[index] != 0 { return false }
    guard db[separator] == 0x01 else { return false }
    hash.hash(message, into: digest)
    saltedHash(
      digest: UnsafeRawBufferPointer(digest), salt: UnsafeRawBufferPointer(rebasing: db[(separator &+ 1)...]),
      hash: hash, into: expected, scratch: saltedInput)
    for index in 0..<digestCount where expected[index] != h[index] { return false }
    return true
  }

  /// EMSA-PSS-ENCODE into `output` (modulus length; a leading zero byte when emBits is a multiple
  /// of 8). False when the modulus is too short for this digest and salt.
  static func encode(
    message: UnsafeRawBufferPointer, salt: UnsafeRawBufferPointer, modulusBitCount: Int, hash: HashAlgorithm,
    mgfHash: HashAlgorithm, into output: UnsafeMutableRawBufferPointer
  ) -> Bool {
    let encodedBits = modulusBitCount &- 1
    let encodedCount = (encodedBits &+ 7) / 8
    let digestCount = hash.digestByteCount
    guard salt.count <= encodedCount, encodedCount >= digestCount &+ salt.count &+ 2 else { return false }
    let leading = output.count &- encodedCount
    let maskedCount = encodedCount &- digestCount &- 1
    for index in 0..<output.count { output[index] = 0 }
    let db = UnsafeMutableRawBufferPointer(rebasing: output[leading..<(leading &+ maskedCount)])
    let h = UnsafeMutableRawBufferPointer(rebasing: output[(leading &+ maskedCount)..<(output.count &- 1)])
    withUnsafeTemporaryAllocation(byteCount: 64 &+ 8 &+ 64 &+ salt.count, alignment: 8) { buffer in
      let digest = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<digestCount])
      hash.hash(message, into: digest)
      saltedHash(
        digest: UnsafeRawBufferPointer(digest), salt: salt, hash: hash, into: h,
        scratch: UnsafeMutableRawBufferPointer(rebasing: buffer[64...]))
    }
    let separator = maskedCount &- salt.count &- 1
    db[separator] = 0x01
    for index in 0..<salt.count { db[separator &+ 1 &+ index] = salt[index] }
    xorMask(seed: UnsafeRawBufferPointer(h), hash: mgfHash, into: db)
    db[0] &= UInt8(truncatingIfNeeded: 0xff &>> (8 &* encodedCount &- encodedBits))
    output[output.count &- 1] = 0xbc
    return true
  }
}
