import MonoCloudCrypto

/// ECDSA: raw verification of a 300-byte message (hashing included, P1363 signature) with a
/// key imported beforehand, and deterministic signing.
func ecBenchmarks() -> [Benchmark] {
  [
    Benchmark(name: "es256", openssl: .ecdsaVerify(bits: 256)) { verification(curve: .p256, hash: .sha256) },
    Benchmark(name: "es384", openssl: .ecdsaVerify(bits: 384)) { verification(curve: .p384, hash: .sha384) },
    Benchmark(name: "es512", openssl: .ecdsaVerify(bits: 521)) { verification(curve: .p521, hash: .sha512) },
    Benchmark(name: "es256-sign", openssl: .ecdsaSign(bits: 256)) {
      let key = benchmarkKey(curve: .p256)
      let message = benchmarkMessage()
      return { (try? key.signature(for: message, hash: .sha256))?.count == 64 }
    },
  ]
}

/// A fixed private key (d = 0x5a5a…, a valid scalar on every curve).
private func benchmarkKey(curve: ECCurve) -> ECDSAPrivateKey {
  var d = [UInt8](repeating: 0x5a, count: curve.coordinateByteCount)
  d[0] = curve == .p521 ? 0x01 : 0x5a
  return try! ECDSAPrivateKey(curve: curve, d: d)
}

private func benchmarkMessage() -> [UInt8] {
  (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
}

private func verification(curve: ECCurve, hash: HashAlgorithm) -> () -> Bool {
  let privateKey = benchmarkKey(curve: curve)
  let message = benchmarkMessage()
  let signature = try! privateKey.signature(for: message, hash: hash)
  // Imported from its encoding, as a verifier would.
  let key = try! ECDSAPublicKey(x963Representation: privateKey.publicKey.x963Representation, curve: curve)
  return {
    signature.withUnsafeBytes { signature in
      message.withUnsafeBytes { key.isValidSignature(rawRS: signature, for: $0, hash: hash) }
    }
  }
}
