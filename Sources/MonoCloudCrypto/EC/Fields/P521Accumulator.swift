/// A 128-bit column sum of limb products (below 2^122 in use).
@usableFromInline
protocol P521Accumulator {
  /// Starts with the product a · b.
  init(_ a: UInt64, _ b: UInt64)
  /// Adds the product a · b.
  mutating func add(_ a: UInt64, _ b: UInt64)
  /// Adds a 64-bit value.
  mutating func add(carry: UInt64)
  /// The low 64 bits.
  var low: UInt64 { get }
  /// The sum shifted right by 58 bits (fits 64 bits for sums below 2^122).
  var shiftedRight58: UInt64 { get }
  /// The sum shifted right by 57 bits (fits 64 bits for sums below 2^121).
  var shiftedRight57: UInt64 { get }
}

/// The accumulator from two `UInt64` words with explicit carries: works on every target.
@usableFromInline
struct P521PortableAccumulator: P521Accumulator {
  @usableFromInline var low: UInt64
  @usableFromInline var high: UInt64

  @inlinable @inline(__always)
  init(_ a: UInt64, _ b: UInt64) {
    (high, low) = wideMultiply(a, b)
  }

  @inlinable @inline(__always)
  mutating func add(_ a: UInt64, _ b: UInt64) {
    let product = wideMultiply(a, b)
    let (sum, overflow) = low.addingReportingOverflow(product.low)
    low = sum
    high = high &+ product.high &+ (overflow ? 1 : 0)
  }

  @inlinable @inline(__always)
  mutating func add(carry: UInt64) {
    let (sum, overflow) = low.addingReportingOverflow(carry)
    low = sum
    high = high &+ (overflow ? 1 : 0)
  }

  @inlinable @inline(__always)
  var shiftedRight58: UInt64 { low &>> 58 | high &<< 6 }

  @inlinable @inline(__always)
  var shiftedRight57: UInt64 { low &>> 57 | high &<< 7 }
}

// On 64-bit non-Apple targets the stdlib `UInt128` (always available there) lets LLVM see the
// column sums as 128-bit additions and emit add/adc pairs (measured ~33 ns against ~36 ns per
// product on x86-64). Apple platforms gate `UInt128` behind OS availability and 32-bit targets
// would need a 128-bit multiply routine, so they use the portable accumulator. So do debug
// builds (SwiftPM defines DEBUG): unoptimized, the generic `UInt128` conversions make every
// P-521 product many times slower (see LimbArithmetic.swift).
#if (arch(x86_64) || arch(arm64)) && !canImport(Darwin) && !DEBUG
  /// The accumulator as a stdlib `UInt128`.
  @usableFromInline
  struct P521NativeAccumulator: P521Accumulator {
    @usableFromInline var value: UInt128

    @inlinable @inline(__always)
    init(_ a: UInt64, _ b: UInt64) {
      value = UInt128(a) &* UInt128(b)
    }

    @inlinable @inline(__always)
    mutating func add(_ a: UInt64, _ b: UInt64) {
      value &+= UInt128(a) &* UInt128(b)
    }

    @inlinable @inline(__always)
    mutating func add(carry: UInt64) { value &+= UInt128(carry) }

    @inlinable @inline(__always)
    var low: UInt64 { UInt64(truncatingIfNeeded: value) }

    @inlinable @inline(__always)
    var shiftedRight58: UInt64 { UInt64(truncatingIfNeeded: value &>> 58) }

    @inlinable @inline(__always)
    var shiftedRight57: UInt64 { UInt64(truncatingIfNeeded: value &>> 57) }
  }
#else
  @usableFromInline typealias P521NativeAccumulator = P521PortableAccumulator
#endif
