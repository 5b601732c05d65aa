/// The inverse of a public scalar modulo n by the binary extended Euclidean algorithm.
///
/// Its running time depends on the value, which is fine for verification (s is public) and
/// several times faster than Fermat's exponentiation. Never use it for secrets.
func publicInverse<Scalar: ScalarFieldElement>(_ scalar: Scalar, order: [UInt8]) -> Scalar {
  let limbCount = (Scalar.byteCount + 7) / 8
  return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 5 * limbCount) { buffer in
    let limbs = BigLimbs(count: limbCount)
    let n = buffer.baseAddress!
    let u = n + limbCount
    let v = u + limbCount
    let x1 = v + limbCount
    let x2 = x1 + limbCount
    withUnsafeTemporaryAllocation(byteCount: Scalar.byteCount, alignment: 8) { bytes in
      scalar.write(bigEndianBytesInto: bytes)
      limbs.load(u, from: UnsafeRawBufferPointer(bytes))
    }
    order.withUnsafeBytes { limbs.load(n, from: $0) }
    limbs.copy(v, from: n)
    limbs.setOne(x1)
    limbs.setZero(x2)
    // Invariants: x1·a ≡ u and x2·a ≡ v (mod n); gcd(u, v) = 1 throughout.
    while !limbs.isOne(u) && !limbs.isOne(v) {
      if limbs.isZero(u) || limbs.isZero(v) { break }  // a was 0: no inverse; returns 0 below
      while u[0] & 1 == 0 {
        limbs.shiftRight(u, carry: 0)
        limbs.halveModulo(x1, n)
      }
      while v[0] & 1 == 0 {
        limbs.shiftRight(v, carry: 0)
        limbs.halveModulo(x2, n)
      }
      if limbs.compare(u, v) >= 0 {
        _ = limbs.subtract(u, v)
        limbs.subtractModulo(x1, x2, n)
      } else {
        _ = limbs.subtract(v, u)
        limbs.subtractModulo(x2, x1, n)
      }
    }
    let result = limbs.isOne(u) ? x1 : (limbs.isOne(v) ? x2 : u)
    return withUnsafeTemporaryAllocation(byteCount: Scalar.byteCount, alignment: 8) { bytes in
      limbs.store(result, into: bytes)
      return Scalar(bigEndianBytes: UnsafeRawBufferPointer(bytes)) ?? .zero
    }
  }
}

/// Little-endian multi-limb integers of a fixed limb count in caller-provided memory.
private struct BigLimbs {
  let count: Int

  func load(_ target: UnsafeMutablePointer<UInt64>, from bytes: UnsafeRawBufferPointer) {
    for index in 0..<count { target[index] = bigEndianLimb(bytes, index) }
  }

  func store(_ source: UnsafeMutablePointer<UInt64>, into bytes: UnsafeMutableRawBufferPointer) {
    for index in 0..<count { storeBigEndianLimb(source[index], index, bytes, byteCount: bytes.count) }
  }

  func copy(_ target: UnsafeMutablePointer<UInt64>, from source: UnsafeMutablePointer<UInt64>) {
    for index in 0..<count { target[index] = source[index] }
  }

  func setZero(_ target: UnsafeMutablePointer<UInt64>) {
    for index in 0..<count { target[index] = 0 }
  }

  func setOne(_ target: UnsafeMutablePointer<UInt64>) {
    setZero(target)
    target[0] = 1
  }

  func isZero(_ value: UnsafeMutablePointer<UInt64>) -> Bool {
    for index in 0..<count where value[index] != 0 { return false }
    return true
  }

  func isOne(_ value: UnsafeMutablePointer<UInt64>) -> Bool {
    if value[0] != 1 { return false }
    for index in 1..<count where value[index] != 0 { return false }
    return true
  }

  /// −1, 0 or 1 as a <, =, > b.
  func compare(_ a: UnsafeMutablePointer<UInt64>, _ b: UnsafeMutablePointer<UInt64>) -> Int {
    var index = count - 1
    while index >= 0 {
      if a[index] != b[index] { return a[index] < b[index] ? -1 : 1 }
      index -= 1
    }
    return 0
  }

  /// a −= b; returns the borrow.
  func subtract(_ a: UnsafeMutablePointer<UInt64>, _ b: UnsafeMutablePointer<UInt64>) -> UInt64 {
    Limbs.subtract(a, b, into: a, count: count)
  }

  /// a += b; returns the carry.
  func add(_ a: UnsafeMutablePointer<UInt64>, _ b: UnsafeMutablePointer<UInt64>) -> UInt64 {
    Limbs.add(a, b, into: a, count: count)
  }

  /// a = (carry·2^(64·count) + a) / 2.
  func shiftRight(_ a: UnsafeMutablePointer<UInt64>, carry: UInt64) {
    for index in 0..<(count - 1) { a[index] = a[index] >> 1 | a[index + 1] << 63 }
    a[count - 1] = a[count - 1] >> 1 | carry << 63
  }

  /// a = a/2 mod n for a < n, n odd.
  func halveModulo(_ a: UnsafeMutablePointer<UInt64>, _ n: UnsafeMutablePointer<UInt64>) {
    if a[0] & 1 == 0 {
      shiftRight(a, carry: 0)
    } else {
      shiftRight(a, carry: add(a, n))
    }
  }

  /// a = a − b mod n for a, b < n.
  func subtractModulo(
    _ a: UnsafeMutablePointer<UInt64>, _ b: UnsafeMutablePointer<UInt64>, _ n: UnsafeMutablePointer<UInt64>
  ) {
    if subtract(a, b) != 0 { _ = add(a, n) }
  }
}
