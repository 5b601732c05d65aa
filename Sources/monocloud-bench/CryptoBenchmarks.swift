import MonoCloudCrypto

/// Raw primitives of MonoCloudCrypto: digests, HMAC, RSA.
func cryptoBenchmarks() -> [Benchmark] {
  [
    Benchmark(name: "hs256", openssl: .hmacSHA256(bytes: 300)) {
      // A JWS signing input of typical size, and a 32-byte key; the tag is checked each time.
      let key = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
      let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) }
      let expected = HMAC<SHA256>.authenticationCode(for: message, key: key)
      return {
        var tag: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &tag) { output in
          key.withUnsafeBytes { key in
            message.withUnsafeBytes { message in
              HMAC<SHA256>.authenticationCode(for: message, key: key, into: output)
            }
          }
          return expected.withUnsafeBytes { ConstantTime.equals(UnsafeRawBufferPointer(output), $0) }
        }
      }
    },
    Benchmark(name: "sha256-1k", openssl: .sha256(bytes: 1024)) {
      let message = (0..<1024).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 3) }
      let expected = SHA256.hash(message)
      return {
        var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &digest) { output in
          message.withUnsafeBytes { SHA256.hash($0, into: output) }
          return expected.withUnsafeBytes { ConstantTime.equals(UnsafeRawBufferPointer(output), $0) }
        }
      }
    },
  ]
}
