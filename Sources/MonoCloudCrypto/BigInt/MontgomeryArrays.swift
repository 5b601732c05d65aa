// Array conveniences on a modulus: they allocate, so they serve key setup and tests, not hot paths.
extension MontgomeryModulus {
  /// x^e mod N for plain x < N and an odd public e > 1.
  package func publicPower(_ x: [UInt64], exponent: UInt64) -> [UInt64] {
    precondition(x.count == limbCount && exponent & 1 == 1 && exponent > 1)
    var result = [UInt64](repeating: 0, count: limbCount)
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 &* limbCount &+ scratchLimbCount) { workspace in
      result.withUnsafeMutableBufferPointer { r in
        publicPower(x, exponent: exponent, into: r.baseAddress!, workspace: workspace.baseAddress!)
      }
    }
    return result
  }
}

extension Limbs {
  /// The big-endian bytes as exactly `count` limbs, or nil when they do not fit.
  package static func fromBigEndian(_ bytes: [UInt8], count: Int) -> [UInt64]? {
    var limbs = [UInt64](repeating: 0, count: count)
    let fits = bytes.withUnsafeBytes { b in
      limbs.withUnsafeMutableBufferPointer { l in load(bigEndian: b, into: l.baseAddress!, count: count) }
    }
    return fits ? limbs : nil
  }

  /// The value as `byteCount` big-endian bytes (high limbs beyond that are dropped).
  package static func toBigEndian(_ limbs: [UInt64], byteCount: Int) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: byteCount)
    limbs.withUnsafeBufferPointer { l in
      bytes.withUnsafeMutableBytes { b in store(l.baseAddress!, count: l.count, bigEndianInto: b) }
    }
    return bytes
  }
}
