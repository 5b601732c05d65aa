/// The deterministic nonces of RFC 6979 §3.2: HMAC_DRBG keyed with the private key and the
/// message digest, so that signing needs no randomness and never repeats a nonce for
/// different messages.
struct RFC6979Nonces<Scalar: ScalarFieldElement> {
  private let hash: HashAlgorithm
  private var key: [UInt8]
  private var value: [UInt8]

  /// Steps a–f of §3.2: `privateKey` is int2octets(x) and `digest` the message hash h1.
  init(hash: HashAlgorithm, privateKey: [UInt8], digest: UnsafeRawBufferPointer) {
    self.hash = hash
    key = [UInt8](repeating: 0x00, count: hash.digestByteCount)
    value = [UInt8](repeating: 0x01, count: hash.digestByteCount)
    // bits2octets(h1) = int2octets(bits2int(h1) mod q).
    var reducedDigest = [UInt8](repeating: 0, count: Scalar.byteCount)
    let digestScalar = withUnsafeTemporaryAllocation(byteCount: Scalar.byteCount, alignment: 8) { buffer in
      leftmostBits(of: digest, into: buffer, scalar: Scalar.self)
      return Scalar(reducingBigEndianBytes: UnsafeRawBufferPointer(buffer))
    }
    reducedDigest.withUnsafeMutableBytes { digestScalar.write(bigEndianBytesInto: $0) }
    let seed = privateKey + reducedDigest
    key = mac(key, value + [0x00] + seed)
    value = mac(key, value)
    key = mac(key, value + [0x01] + seed)
    value = mac(key, value)
  }

  /// Step h: the next candidate k, or nil when the candidate is 0 or not below q (the caller
  /// then asks again). Call `next()` again also when k gave r = 0 or s = 0.
  mutating func next() -> Scalar? {
    var generated: [UInt8] = []
    while generated.count < Scalar.byteCount {
      value = mac(key, value)
      generated += value
    }
    let candidate = generated.withUnsafeBytes { generatedBytes in
      withUnsafeTemporaryAllocation(byteCount: Scalar.byteCount, alignment: 8) { buffer -> Scalar? in
        leftmostBits(of: generatedBytes, into: buffer, scalar: Scalar.self)
        let scalar = Scalar(bigEndianBytes: UnsafeRawBufferPointer(buffer))
        for index in 0..<buffer.count { buffer[index] = 0 }
        return scalar
      }
    }
    // Prepare the following candidate (step h.3), whether or not this one is used.
    key = mac(key, value + [0x00])
    value = mac(key, value)
    guard let candidate, candidate.isZeroMask == 0 else { return nil }
    return candidate
  }

  private func mac(_ key: [UInt8], _ message: [UInt8]) -> [UInt8] {
    hash.authenticationCode(key: key, message: message)
  }
}

/// Writes the leftmost `Scalar.bitCount` bits of `input` as a `Scalar.byteCount`-byte integer
/// (bits2int of RFC 6979 §2.3.2, the hash truncation of FIPS 186-5 §6.4.1). Shifts only:
/// no branch depends on the bytes.
func leftmostBits<Scalar: ScalarFieldElement>(
  of input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, scalar: Scalar.Type
) {
  let byteCount = Scalar.byteCount
  for index in 0..<byteCount { output[index] = 0 }
  if input.count * 8 <= Scalar.bitCount {
    // Not longer than n: the whole input, right-aligned.
    for index in 0..<input.count { output[byteCount - input.count + index] = input[index] }
    return
  }
  // Longer: the first byteCount bytes, shifted right by the bits they hold beyond bitCount.
  let shift = UInt8(8 * byteCount - Scalar.bitCount)
  var previous: UInt8 = 0
  for index in 0..<byteCount {
    let byte = input[index]
    output[index] = (byte >> shift) | (shift == 0 ? 0 : previous << (8 - shift))
    previous = byte
  }
}
