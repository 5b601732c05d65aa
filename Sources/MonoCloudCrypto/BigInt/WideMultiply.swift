// The 64×64→128-bit limb product. On wasm32, `multipliedFullWidth` lowers to a call to
// `__multi3` (a full 128×128 multiply whose result goes through linear memory); wasm has a
// native 64-bit multiply, so four 32×32→64 partial products inline are much faster there.
// Every other target keeps `multipliedFullWidth` (one `mul`/`umulh` on 64-bit CPUs).

/// The full 128-bit product a·b as (high, low) words.
@inlinable @inline(__always)
package func wideMultiply(_ a: UInt64, _ b: UInt64) -> (high: UInt64, low: UInt64) {
  #if arch(wasm32)
    return wideMultiplyPortable(a, b)
  #else
    return a.multipliedFullWidth(by: b)
  #endif
}

/// The full 128-bit product a·b from four 32×32→64 partial products (schoolbook), with
/// only 64-bit wrapping arithmetic; available everywhere so native tests can check it.
@inlinable @inline(__always)
package func wideMultiplyPortable(_ a: UInt64, _ b: UInt64) -> (high: UInt64, low: UInt64) {
  let mask: UInt64 = 0xffff_ffff
  let a0 = a & mask
  let a1 = a >> 32
  let b0 = b & mask
  let b1 = b >> 32
  let p00 = a0 &* b0
  let p01 = a0 &* b1
  let p10 = a1 &* b0
  let p11 = a1 &* b1
  // At most 3·(2^32 − 1) < 2^64: no overflow.
  let middle = (p00 >> 32) &+ (p01 & mask) &+ (p10 & mask)
  let low = (p00 & mask) | (middle << 32)
  let high = p11 &+ (p01 >> 32) &+ (p10 >> 32) &+ (middle >> 32)
  return (high, low)
}

/// a·b + addend + carry as (high, low) words, from four 32×32→64 partial products with the two
/// addends folded into them, so that no carry needs detecting: every partial sum is at most
/// (2³²−1)² + 2·(2³²−1) = 2⁶⁴ − 1, and the total at most 2¹²⁸ − 1. This is the inner step of
/// every multi-limb product on wasm32; available everywhere so native tests can check it.
@inlinable @inline(__always)
package func multiplyAddPortable(
  _ a: UInt64, _ b: UInt64, _ addend: UInt64, _ carry: UInt64
) -> (high: UInt64, low: UInt64) {
  let mask: UInt64 = 0xffff_ffff
  let a0 = a & mask
  let a1 = a &>> 32
  let b0 = b & mask
  let b1 = b &>> 32
  // Weight 2⁰, then the two products of weight 2³² (each absorbing a half-word), then 2⁶⁴.
  let p00 = a0 &* b0 &+ (addend & mask) &+ (carry & mask)
  let p01 = a0 &* b1 &+ (p00 &>> 32) &+ (addend &>> 32)
  let p10 = a1 &* b0 &+ (p01 & mask) &+ (carry &>> 32)
  let p11 = a1 &* b1 &+ (p01 &>> 32) &+ (p10 &>> 32)
  return (p11, (p00 & mask) | (p10 &<< 32))
}
