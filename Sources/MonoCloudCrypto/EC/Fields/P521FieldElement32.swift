// The hand-written part of the radix-2^29 P-521 field: constants, encoding (through the radix-2^58
// element, whose limbs split exactly in two), the inversion chain and the zero test. The limb
// storage, carries and unrolled products are generated (EC/Generated/P521FieldElement32Limbs.swift,
// from Scripts/generate-p521-field.py).
extension P521FieldElement32 {
  package static var byteCount: Int { 66 }

  @inlinable package static var zero: Self { Self(P521FieldElement.zero) }
  @inlinable package static var one: Self { Self(P521FieldElement.one) }

  /// Reads exactly 66 big-endian bytes; `nil` for any other length or a value not below p.
  @inlinable
  package init?(bigEndianBytes bytes: UnsafeRawBufferPointer) {
    guard let wide = P521FieldElement(bigEndianBytes: bytes) else { return nil }
    self.init(wide)
  }

  /// Writes the canonical big-endian encoding into the first 66 bytes of `output`.
  @inlinable
  package func write(bigEndianBytesInto output: UnsafeMutableRawBufferPointer) {
    wide.write(bigEndianBytesInto: output)
  }

  /// The canonical 66-byte big-endian encoding.
  @inlinable
  package var bigEndianBytes: [UInt8] { wide.bigEndianBytes }

  @inlinable @inline(__always)
  package func negated() -> Self {
    Self.zero - self
  }

  @inlinable
  package static func * (a: Self, b: Self) -> Self {
    product(a, b)
  }

  @inlinable
  package func squared() -> Self {
    Self.square(self)
  }

  /// `self` squared `count` times.
  @inlinable
  package func squared(times count: Int) -> Self {
    var x = self
    for _ in 0..<count { x = x.squared() }
    return x
  }

  /// `self · constant`: eighteen limb products, cheaper than a general multiplication.
  @inlinable
  package func multipliedBy(smallConstant constant: UInt32) -> Self {
    Self.scaled(self, UInt64(constant))
  }

  /// a^(p − 2) = a^(2^521 − 3): the addition chain of `P521FieldElement.inverted()` (520
  /// squarings, 13 multiplications). 0 maps to 0.
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
    let any =
      c.l0 | c.l1 | c.l2 | c.l3 | c.l4 | c.l5 | c.l6 | c.l7 | c.l8 | c.l9 | c.l10 | c.l11 | c.l12 | c.l13 | c.l14
      | c.l15 | c.l16 | c.l17
    return P521FieldElement.zeroMask(UInt64(any))
  }
}
