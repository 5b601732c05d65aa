/// An odd modulus N of `limbCount` 64-bit limbs with what Montgomery arithmetic needs, computed
/// once: -N⁻¹ mod 2⁶⁴ and R² mod N (R = 2^(64·limbCount)).
///
/// Values are `limbCount` limbs in caller-owned storage. "Montgomery form" of x is x·R mod N.
/// `multiply` and `square` never allocate; their scratch space (`scratchLimbCount` limbs) comes
/// from the caller, typically `withUnsafeTemporaryAllocation` once per whole operation.
/// Multiplication, squaring, reduction and `secretPower` run in time independent of the
/// values (the final subtraction is masked); `publicPower` branches on its public exponent.
/// The modulus may have leading zero limbs (CRT primes share one width), but must be odd and > 1.
package struct MontgomeryModulus: Sendable {
  /// Limbs of every value modulo N.
  package let limbCount: Int
  /// N, little-endian limbs.
  package let modulus: [UInt64]
  /// -N⁻¹ mod 2⁶⁴.
  package let negatedInverse: UInt64
  /// R² mod N, the factor that brings a value into Montgomery form.
  package let rSquared: [UInt64]
  /// Significant bits of N.
  package let bitCount: Int

  /// Scratch limbs that `multiply`, `square` and `reduce` need (product scanning copies its
  /// operands into the scratch; wasm32's operand scanning needs less).
  package var scratchLimbCount: Int {
    #if arch(wasm32)
      2 &* limbCount &+ 2
    #else
      max(2 &* limbCount &+ 2, Self.productScanningScratchLimbCount(count: limbCount))
    #endif
  }

  /// `nil` unless the limbs hold an odd value > 1.
  package init?(limbs: [UInt64]) {
    guard let low = limbs.first, low & 1 == 1 else { return nil }
    let bits = limbs.withUnsafeBufferPointer { Limbs.bitCount($0.baseAddress!, count: $0.count) }
    guard bits > 1 else { return nil }
    limbCount = limbs.count
    modulus = limbs
    bitCount = bits
    // Newton iteration for N⁻¹ mod 2⁶⁴: N·N ≡ 1 mod 8 for odd N (3 bits), each step doubles.
    var inverse = low
    for _ in 0..<5 { inverse = inverse &* (2 &- low &* inverse) }
    negatedInverse = 0 &- inverse
    // R² mod N by doubling 2^(bits-1) (which is < N) up to 2^(2·64·limbCount), reducing each time.
    let count = limbs.count
    var value = [UInt64](repeating: 0, count: count)
    value[(bits &- 1) / 64] = 1 &<< UInt64((bits &- 1) % 64)
    limbs.withUnsafeBufferPointer { n in
      value.withUnsafeMutableBufferPointer { v in
        let n = n.baseAddress!
        let v = v.baseAddress!
        for _ in 0..<(2 &* 64 &* count &- bits &+ 1) {
          let top = v[count &- 1] &>> 63
          var index = count &- 1
          while index > 0 {
            v[index] = (v[index] &<< 1) | (v[index &- 1] &>> 63)
            index &-= 1
          }
          v[0] &<<= 1
          // v < 2N: subtract N when v ≥ N (top bit out, or no borrow).
          withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { d in
            let d = d.baseAddress!
            let borrow = Limbs.subtract(v, n, into: d, count: count)
            let keep = 0 &- (borrow & ~top & 1)
            Limbs.conditionalCopy(d, into: v, count: count, mask: ~keep)
          }
        }
      }
    }
    rSquared = value
  }

  /// Runs `body` with pointers to N and R² mod N (no allocation, no copy).
  @inline(__always)
  package func withPointers<Result>(
    _ body: (_ modulus: UnsafePointer<UInt64>, _ rSquared: UnsafePointer<UInt64>) -> Result
  ) -> Result {
    modulus.withUnsafeBufferPointer { n in
      rSquared.withUnsafeBufferPointer { r2 in body(n.baseAddress!, r2.baseAddress!) }
    }
  }
}
