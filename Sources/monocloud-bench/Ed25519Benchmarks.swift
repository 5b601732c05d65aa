import MonoCloudCrypto

/// Ed25519 verification and signing of a 300-byte message (a typical JWS signing input).
func ed25519Benchmarks() -> [Benchmark] {
  let seed = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 3) }
  let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
  return [
    Benchmark(name: "ed25519", openssl: .ed25519Verify) {
      guard let key = try? Ed25519PrivateKey(seed: seed) else { return { false } }
      let publicKey = key.publicKey
      let signature = key.signature(for: message)
      return { publicKey.isValidSignature(signature, for: message) }
    },
    Benchmark(name: "ed25519-sign", openssl: .ed25519Sign) {
      guard let key = try? Ed25519PrivateKey(seed: seed) else { return { false } }
      return { key.signature(for: message).count == 64 }
    },
  ]
}
