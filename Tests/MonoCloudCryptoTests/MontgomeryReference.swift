import MonoCloudCrypto

// Reference paths over MontgomeryModulus that only the tests use: conversions in and out of
// Montgomery form, constant-time powers and Fermat inversion on arrays. They live here, not in
// the library, because no target calls them; they are built from the library's own primitives.
extension MontgomeryModulus {
  /// x·R mod N for a plain x < N.
  func montgomeryForm(of x: [UInt64]) -> [UInt64] {
    montgomeryProduct(x, rSquared)
  }

  /// The plain value of x·R mod N.
  func plainForm(of x: [UInt64]) -> [UInt64] {
    var one = [UInt64](repeating: 0, count: limbCount)
    one[0] = 1
    return montgomeryProduct(x, one)
  }

  /// x·y·R⁻¹ mod N for `limbCount`-limb x and y.
  func montgomeryProduct(_ x: [UInt64], _ y: [UInt64]) -> [UInt64] {
    precondition(x.count == limbCount && y.count == limbCount)
    var result = [UInt64](repeating: 0, count: limbCount)
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: scratchLimbCount) { scratch in
      withPointers { n, _ in
        result.withUnsafeMutableBufferPointer { r in
          multiply(x, y, into: r.baseAddress!, modulus: n, scratch: scratch.baseAddress!)
        }
      }
    }
    return result
  }

  /// x^d mod N for plain x < N, in constant time.
  func secretPower(_ x: [UInt64], exponent: [UInt64]) -> [UInt64] {
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
  func primeInverse(_ x: [UInt64]) -> [UInt64] {
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

  /// `result = a⁻¹` in Montgomery form for `a` in Montgomery form, when N is prime (Fermat:
  /// a^(N−2)); constant time; 0 maps to 0. `workspace` holds `secretPowerWorkspaceLimbCount + limbCount`.
  func primeInverse(
    _ a: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>, workspace: UnsafeMutablePointer<UInt64>
  ) {
    let exponent = workspace
    modulus.withUnsafeBufferPointer { n in
      exponent.update(from: n.baseAddress!, count: limbCount)
    }
    // N − 2: N is odd and > 2 for a prime, so only the low limb can borrow past… propagate anyway.
    var borrow: UInt64 = 2
    for index in 0..<limbCount {
      let (d, o) = exponent[index].subtractingReportingOverflow(borrow)
      exponent[index] = d
      borrow = o ? 1 : 0
    }
    secretPower(a, exponent: exponent, exponentLimbCount: limbCount, into: result, workspace: workspace + limbCount)
  }
}
