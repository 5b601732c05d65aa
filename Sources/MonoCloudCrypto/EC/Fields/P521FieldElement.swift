// The hand-written part of the P-521 field: constants, the platform's choice of product, the
// inversion chain and the zero test. The limb storage, carries and unrolled products are
// generated (EC/Generated/P521FieldLimbs.swift, from Scripts/generate-p521-field.py).
extension P521FieldElement {
  package static var byteCount: Int { 66 }

  @inlinable package static var zero: Self { Self(0, 0, 0, 0, 0, 0, 0, 0, 0) }
  @inlinable package static var one: Self { Self(1, 0, 0, 0, 0, 0, 0, 0, 0) }

  /// The coefficient b of P-521 (y² = x³ − 3x + b), from SEC 2 / FIPS 186-4.
  package static let curveB = Self(
    0x3451fd46b503f00, 0x0f7e20f4b0d3c7b, 0x00bd3bb1bf07357, 0x147b1fa4dec594b, 0x18ef109e1561939,
    0x26cc57cee2d2264, 0x0540eea2da725b9, 0x2687e4a688682da, 0x051953eb9618e1c)

  /// The x coordinate of the P-521 base point G (SEC 2 / FIPS 186-4).
  package static let generatorX = Self(
    0x17e7e31c2e5bd66, 0x22cf0615a90a6fe, 0x0127a2ffa8de334, 0x1dfbf9d64a3f877, 0x06b4d3dbaa14b5e,
    0x14fed487e0a2bd8, 0x15b4429c6481390, 0x3a73678fb2d988e, 0x0c6858e06b70404)

  /// The y coordinate of the P-521 base point G (SEC 2 / FIPS 186-4).
  package static let generatorY = Self(
    0x0be94769fd16650, 0x31c21a89cb09022, 0x39013fad0761353, 0x2657bd099031542, 0x3273e662c97ee72,
    0x1e6d11a05ebef45, 0x3d1bd998f544495, 0x3001172297ed0b1, 0x11839296a789a3b)

  /// All ones when `x` is zero, else zero, without branching.
  @inlinable @inline(__always)
  static func zeroMask(_ x: UInt64) -> UInt64 {
    ((x | (0 &- x)) &>> 63) &- 1
  }

  @inlinable @inline(__always)
  package func negated() -> Self {
    Self.zero - self
  }

  @inlinable
  package static func * (a: Self, b: Self) -> Self {
    product(a, b, P521NativeAccumulator.self)
  }

  @inlinable
  package func squared() -> Self {
    Self.square(self, P521NativeAccumulator.self)
  }

  /// `self` squared `count` times.
  @inlinable
  package func squared(times count: Int) -> Self {
    var x = self
    for _ in 0..<count { x = x.squared() }
    return x
  }

  /// `self · constant`: nine limb products, cheaper than a general multiplication (for the
  /// 2, 3, 4, 8 of curve formulas).
  @inlinable
  package func multipliedBy(smallConstant constant: UInt32) -> Self {
    Self.scaled(self, UInt64(constant), P521NativeAccumulator.self)
  }

  /// `a · b` through the portable accumulator (two `UInt64` words), whatever the platform
  /// uses natively; lets tests check the code path of 32-bit and Apple targets on any machine.
  @inlinable
  package static func portableProduct(_ a: Self, _ b: Self) -> Self {
    product(a, b, P521PortableAccumulator.self)
  }

  /// `self²` through the portable accumulator; see `portableProduct`.
  @inlinable
  package func portableSquared() -> Self {
    Self.square(self, P521PortableAccumulator.self)
  }

  /// a^(p − 2) = a^(2^521 − 3): an addition chain of 520 squarings and 13 multiplications,
  /// built from x_k = a^(2^k − 1). 0 maps to 0.
  @inlinable
  package func inverted() -> Self {
    let x1 = self
    let x2 = x1.squared() * x1
    let x3 = x2.squared() * x1
    let x6 = x3.squared(times: 3) * x3
    let x7 = x6.squared() * x1
    // Doubling the run of ones, x_2k = x_k^(2^k) · x_k, from x_8 up to x_512.
    var ones = x7.squared() * x1
    var k = 8
    while k <= 256 {
      ones = ones.squared(times: k) * ones
      k &<<= 1
    }
    let x519 = ones.squared(times: 7) * x7
    // (2^519 − 1) · 4 + 1 = 2^521 − 3.
    return x519.squared(times: 2) * x1
  }

  @inlinable
  package var isZeroMask: UInt64 {
    let c = canonicalized()
    return Self.zeroMask(c.l0 | c.l1 | c.l2 | c.l3 | c.l4 | c.l5 | c.l6 | c.l7 | c.l8)
  }
}
