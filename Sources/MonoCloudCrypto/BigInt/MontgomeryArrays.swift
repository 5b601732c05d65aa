// MARK: - Array conveniences (allocate; for key setup and tests, not hot paths)

extension MontgomeryModulus {
  /// x·R mod N for a plain x < N.
  package func montgomeryForm(of x: [UInt64]) -> [UInt64] {
    precondition(x.count == limbCount)
    var result = [UInt64](repeating: 0, count: limbCount)
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: scratchLimbCount) { scratch in
      withPointers { n, r2 in
        result.withUnsafeMutableBufferPointer { r in
          multiply(x, r2, into: r.baseAddress!, modulus: n, scratch: scratch.baseAddress!)
        }
      }
    }
    return result
  }

  /// The plain value of x·R mod N.
  package func plainForm(of x: [UInt64]) -> [UInt64] {
    precondition(x.count == limbCount)
    var one = [UInt64](repeating: 0, count: limbCount)
    one[0] = 1
    var result = [UInt64](repeating: 0, count: limbCount)
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: scratchLimbCount) { scratch in
      withPointers { n, _ in
        result.withUnsafeMutableBufferPointer { r in
          multiply(x, one, into: r.baseAddress!, modulus: n, scratch: scratch.baseAddress!)
        }
      }
    }
    return result
  }

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

  /// x^d mod N for plain x < N, in constant time.
  package func secretPower(_ x: [UInt64], exponent: [UInt64]) -> [UInt64] {
    let base = montgomeryForm(of: x)
    var result = [UInt64](repeating: 0, count: limbCount)
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: secretPowerWorkspaceLimbCount) { workspace in
      result.withUnsafeMutableBufferPointer { r in
        secretPower(
          base, exponent: exponent, exponentLimbCount: exponent.count, into: r.baseAddress!,
          workspace: workspace.baseAddress!)
      }
    }
    return plainForm(of: result)
  }

  /// x⁻¹ mod N for a prime N and plain x < N (0 maps to 0), in constant time.
  package func primeInverse(_ x: [UInt64]) -> [UInt64] {
    let base = montgomeryForm(of: x)
    var result = [UInt64](repeating: 0, count: limbCount)
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: secretPowerWorkspaceLimbCount &+ limbCount) {
      workspace in
      result.withUnsafeMutableBufferPointer { r in
        primeInverse(base, into: r.baseAddress!, workspace: workspace.baseAddress!)
      }
    }
    return plainForm(of: result)
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
