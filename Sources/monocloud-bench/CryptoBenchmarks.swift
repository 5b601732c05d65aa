import MonoCloudCrypto

/// Raw primitives of MonoCloudCrypto: digests, HMAC, RSA.
func cryptoBenchmarks() -> [Benchmark] {
  []
}
