// Word-level building blocks of all limb arithmetic (the generated fields, MontgomeryModulus,
// Limbs, the Ed25519 scalars), defined once here; the compiler turns them into mul/adc/sbb chains. Optimized builds use UInt128, which gives the shortest code. Debug
// builds (SwiftPM defines DEBUG) use the concrete UInt64 overflow operations instead: the
// UInt128 conversions are generic and, unoptimized, make the test suite many times slower.

/// a·b + c + d as a two-limb value; it never overflows ((2^64−1)² + 2·(2^64−1) = 2^128 − 1).
@inline(__always)
func multiplyAdd(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> (low: UInt64, high: UInt64) {
  // wasm32 lowers a UInt128 product to a `__multi3` call; 32×32→64 products are inlined there.
  // Debug builds use them too: unoptimized, plain 64-bit operations run inline, while each
  // tuple local of `multipliedFullWidth`/`addingReportingOverflow` costs a memset call (most
  // of the test suite's time went there).
  #if arch(wasm32) || DEBUG
    let product = multiplyAddPortable(a, b, c, d)
    return (product.low, product.high)
  #else
    let product = UInt128(a) &* UInt128(b) &+ UInt128(c) &+ UInt128(d)
    return (UInt64(truncatingIfNeeded: product), UInt64(truncatingIfNeeded: product &>> 64))
  #endif
}

/// a·b + addend + carry with the high limb left in `carry`: the step of every limb loop
/// (RSA's Montgomery products, schoolbook products, the Ed25519 scalar products).
@inline(__always)
func multiplyAdd(_ a: UInt64, _ b: UInt64, _ addend: UInt64, _ carry: inout UInt64) -> UInt64 {
  let (low, high) = multiplyAdd(a, b, addend, carry)
  carry = high
  return low
}

/// a + b + carry (carry 0 or 1), with the carry out (0 or 1). Debug builds use the carry
/// formula of Hacker's Delight 2-13, which has no comparison the compiler could turn into a
/// branch; optimized builds let LLVM emit add/adc from the UInt128 sum.
@inline(__always)
func addWithCarry(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (sum: UInt64, carry: UInt64) {
  #if DEBUG
    let sum = a &+ b &+ carry
    return (sum, ((a & b) | ((a | b) & ~sum)) &>> 63)
  #else
    let sum = UInt128(a) &+ UInt128(b) &+ UInt128(carry)
    return (UInt64(truncatingIfNeeded: sum), UInt64(truncatingIfNeeded: sum &>> 64))
  #endif
}

/// a − b − borrow (borrow 0 or 1), with the borrow out (0 or 1); branch-free like `addWithCarry`.
@inline(__always)
func subtractWithBorrow(_ a: UInt64, _ b: UInt64, _ borrow: UInt64) -> (difference: UInt64, borrow: UInt64) {
  #if DEBUG
    let difference = a &- b &- borrow
    return (difference, ((~a & b) | (~(a ^ b) & difference)) &>> 63)
  #else
    let difference = UInt128(a) &- UInt128(b) &- UInt128(borrow)
    return (UInt64(truncatingIfNeeded: difference), UInt64(truncatingIfNeeded: difference &>> 64) & 1)
  #endif
}

/// Adds a·b into the three-limb accumulator (low, middle, high): the step of every
/// product-scanning (column by column) loop. The caller keeps the total below 2¹⁹²; the column
/// sums of a Montgomery product stay far below that. Optimized native builds let LLVM emit
/// `mul; add; adc; adc` from the UInt128 sum; debug and wasm32 builds go through `multiplyAdd`.
@inline(__always)
func multiplyAccumulate(
  _ a: UInt64, _ b: UInt64, _ low: inout UInt64, _ middle: inout UInt64, _ high: inout UInt64
) {
  #if arch(wasm32) || DEBUG
    let (productLow, productHigh) = multiplyAdd(a, b, low, 0)
    let (sum, carry) = addWithCarry(middle, productHigh, 0)
    low = productLow
    middle = sum
    high &+= carry
  #else
    let product = UInt128(a) &* UInt128(b)
    let (sum, overflow) = (UInt128(middle) &<< 64 | UInt128(low)).addingReportingOverflow(product)
    low = UInt64(truncatingIfNeeded: sum)
    middle = UInt64(truncatingIfNeeded: sum &>> 64)
    high &+= overflow ? 1 : 0
  #endif
}
