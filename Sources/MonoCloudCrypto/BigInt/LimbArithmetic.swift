// Word-level building blocks of the fixed-limb field arithmetic; the compiler turns them into
// mul/adc/sbb chains. Optimized builds use UInt128, which gives the shortest code. Debug
// builds (SwiftPM defines DEBUG) use the concrete UInt64 overflow operations instead: the
// UInt128 conversions are generic and, unoptimized, make the test suite many times slower.

/// a·b + c + d as a two-limb value; it never overflows ((2^64−1)² + 2·(2^64−1) = 2^128 − 1).
@inline(__always)
func multiplyAdd(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> (low: UInt64, high: UInt64) {
  // wasm32 lowers a UInt128 product to a `__multi3` call; 32×32→64 products are inlined there.
  #if arch(wasm32)
    let (high, low) = multiplyAddPortable(a, b, c, d)
    return (low, high)
  #elseif DEBUG
    let (high, low) = wideMultiply(a, b)
    let (sum, carry1) = low.addingReportingOverflow(c)
    let (total, carry2) = sum.addingReportingOverflow(d)
    return (total, high &+ (carry1 ? 1 : 0) &+ (carry2 ? 1 : 0))
  #else
    let product = UInt128(a) &* UInt128(b) &+ UInt128(c) &+ UInt128(d)
    return (UInt64(truncatingIfNeeded: product), UInt64(truncatingIfNeeded: product &>> 64))
  #endif
}

/// a + b + carry (carry 0 or 1), with the carry out (0 or 1).
@inline(__always)
func addWithCarry(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (sum: UInt64, carry: UInt64) {
  #if DEBUG
    let (partial, carry1) = a.addingReportingOverflow(b)
    let (sum, carry2) = partial.addingReportingOverflow(carry)
    return (sum, (carry1 ? 1 : 0) | (carry2 ? 1 : 0))
  #else
    let sum = UInt128(a) &+ UInt128(b) &+ UInt128(carry)
    return (UInt64(truncatingIfNeeded: sum), UInt64(truncatingIfNeeded: sum &>> 64))
  #endif
}

/// a − b − borrow (borrow 0 or 1), with the borrow out (0 or 1).
@inline(__always)
func subtractWithBorrow(_ a: UInt64, _ b: UInt64, _ borrow: UInt64) -> (difference: UInt64, borrow: UInt64) {
  #if DEBUG
    let (partial, borrow1) = a.subtractingReportingOverflow(b)
    let (difference, borrow2) = partial.subtractingReportingOverflow(borrow)
    return (difference, (borrow1 ? 1 : 0) | (borrow2 ? 1 : 0))
  #else
    let difference = UInt128(a) &- UInt128(b) &- UInt128(borrow)
    return (UInt64(truncatingIfNeeded: difference), UInt64(truncatingIfNeeded: difference &>> 64) & 1)
  #endif
}
/// Limb `index` (least significant first) of a big-endian integer; missing leading bytes are zero.
@inline(__always)
func bigEndianLimb(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> UInt64 {
  let end = bytes.count - 8 * index
  var value: UInt64 = 0
  var position = max(0, end - 8)
  while position < end {
    value = value << 8 | UInt64(bytes[position])
    position += 1
  }
  return value
}

/// Stores limb `index` of an integer into the big-endian encoding of `byteCount` bytes.
@inline(__always)
func storeBigEndianLimb(_ value: UInt64, _ index: Int, _ output: UnsafeMutableRawBufferPointer, byteCount: Int) {
  let end = byteCount - 8 * index
  var position = end - 1
  var remaining = value
  while position >= max(0, end - 8) {
    output[position] = UInt8(truncatingIfNeeded: remaining)
    remaining >>= 8
    position -= 1
  }
}

/// An element of the integers modulo a curve's group order n (the scalars of ECDSA).
package protocol ScalarFieldElement: PrimeFieldElement {
  /// Bits of n.
  static var bitCount: Int { get }
  /// Reads exactly `byteCount` big-endian bytes of a value below 2n and reduces it modulo n.
  init(reducingBigEndianBytes bytes: UnsafeRawBufferPointer)
}
