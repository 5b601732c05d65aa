import MonoCloudCrypto

/// ECDSA verification and signing (scratch version on digests).
func ecBenchmarks() -> [Benchmark] {
  [
    Benchmark(name: "es256", openssl: .ecdsaVerify(bits: 256)) { scratchVerify(P256Curve.self) },
    Benchmark(name: "es384", openssl: .ecdsaVerify(bits: 384)) { scratchVerify(P384Curve.self) },
  ]
}

private func scratchVerify<C: WeierstrassCurve>(_: C.Type) -> () -> Bool {
  var dBytes = [UInt8](repeating: 0x5a, count: C.Scalar.byteCount)
  dBytes[0] = 0x12
  let d = dBytes.withUnsafeBytes { C.Scalar(bigEndianBytes: $0) }!
  let q = ECDSAArithmetic<C>.publicPoint(privateKey: d)
  let digest = [UInt8](repeating: 0xa7, count: C.Scalar.byteCount)
  let k = d + d + C.Scalar.one
  let sig = digest.withUnsafeBytes { ECDSAArithmetic<C>.sign(privateKey: d, nonce: k, digest: $0) }!
  var r = [UInt8](repeating: 0, count: C.Scalar.byteCount)
  var s = r
  r.withUnsafeMutableBytes { sig.r.write(bigEndianBytesInto: $0) }
  s.withUnsafeMutableBytes { sig.s.write(bigEndianBytesInto: $0) }
  var x = r
  var y = r
  x.withUnsafeMutableBytes { q.x.write(bigEndianBytesInto: $0) }
  y.withUnsafeMutableBytes { q.y.write(bigEndianBytesInto: $0) }
  let key = try! ECDSAPublicKey(curve: C.Scalar.byteCount == 32 ? .p256 : .p384, x: x, y: y)
  let rs = r + s
  return {
    rs.withUnsafeBytes { rsb in
      digest.withUnsafeBytes { db in key.isValidSignature(rawRS: rsb, digest: db) }
    }
  }
}
