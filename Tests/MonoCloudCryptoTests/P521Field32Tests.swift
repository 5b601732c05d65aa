import Testing

@testable import MonoCloudCrypto

/// Tests of the radix-2^29 `P521FieldElement32` (the P-521 field of 32-bit targets, wasm32)
/// against the Python big-integer vectors and against the radix-2^58 `P521FieldElement`.
@Suite struct P521Field32Tests {
  typealias F = P521FieldElement32
  typealias Wide = P521FieldElement

  static func element(_ bytes: [UInt8]) -> F? {
    bytes.withUnsafeBytes { F(bigEndianBytes: $0) }
  }

  @Test func vectorsMatchBigIntegerOracle() throws {
    var count = 0
    for v in try P521FieldTests.loadVectors() {
      let a = try #require(Self.element(v.a))
      let b = try #require(Self.element(v.b))
      #expect(a.bigEndianBytes == v.a)
      #expect((a + b).bigEndianBytes == v.sum)
      #expect((a - b).bigEndianBytes == v.difference)
      #expect((a * b).bigEndianBytes == v.product)
      #expect((b * a).bigEndianBytes == v.product)
      #expect(a.squared().bigEndianBytes == v.aSquared)
      #expect(a.inverted().bigEndianBytes == v.aInverse)
      count += 1
    }
    #expect(count == 200)
  }

  /// Random-looking operands (including loosely reduced ones, from sums and differences) give
  /// the same results in both representations.
  @Test func agreesWithRadix58Field() {
    var generator = P521TestRandom(seed: 0x3229)
    var count = 0
    for _ in 0..<300 {
      let a = P521FieldTests.random(&generator)
      let b = P521FieldTests.random(&generator)
      let c = P521FieldTests.random(&generator)
      let (x, y, z) = (F(a), F(b), F(c))
      // Loose operands: sums and differences go into products without a canonical form.
      let looseWide = (a - b) + c
      let loose = (x - y) + z
      #expect(loose.bigEndianBytes == looseWide.bigEndianBytes)
      #expect((x * y).bigEndianBytes == (a * b).bigEndianBytes)
      #expect((loose * loose).bigEndianBytes == (looseWide * looseWide).bigEndianBytes)
      #expect(loose.squared().bigEndianBytes == looseWide.squared().bigEndianBytes)
      #expect(((x * y) * z - x).bigEndianBytes == ((a * b) * c - a).bigEndianBytes)
      #expect((x * x.inverted()).bigEndianBytes == F.one.bigEndianBytes)
      #expect((x + x.negated()).isZero)
      let k = UInt32.random(in: 0...UInt32.max, using: &generator)
      #expect(x.multipliedBy(smallConstant: k).bigEndianBytes == a.multipliedBy(smallConstant: k).bigEndianBytes)
      #expect(F.select(x, y, mask: 0).bigEndianBytes == a.bigEndianBytes)
      #expect(F.select(x, y, mask: .max).bigEndianBytes == b.bigEndianBytes)
      #expect(Self.element(x.bigEndianBytes)?.bigEndianBytes == a.bigEndianBytes)
      count += 1
    }
    #expect(count == 300)
  }

  /// The largest values and long chains of loose results stay in bounds.
  @Test func extremeValuesStayInBounds() {
    let pMinusOne = F.zero - F.one
    var sum = F.zero
    var difference = F.zero
    for _ in 0..<1000 {
      sum = sum + pMinusOne
      difference = difference - pMinusOne
    }
    let expectedSum = pMinusOne.multipliedBy(smallConstant: 1000)
    #expect(sum.bigEndianBytes == expectedSum.bigEndianBytes)
    #expect(difference.bigEndianBytes == expectedSum.negated().bigEndianBytes)
    #expect((sum + difference).isZero)
    #expect(pMinusOne.squared().bigEndianBytes == F.one.bigEndianBytes)
    #expect((pMinusOne * pMinusOne).bigEndianBytes == F.one.bigEndianBytes)
    // Squaring −3 repeatedly, compared with the radix-2^58 field step by step.
    var x = pMinusOne + pMinusOne + pMinusOne
    var wideX = Wide.zero - Wide.one.multipliedBy(smallConstant: 3)
    var steps = 0
    for _ in 0..<100 {
      x = x.squared()
      wideX = wideX.squared()
      #expect(x.bigEndianBytes == wideX.bigEndianBytes)
      steps += 1
    }
    #expect(steps == 100)
    // Limbs all at their loose maxima: every limb 2^29 + 2^7 − 1 (not a canonical value).
    let heavy = F(
      0x2000_007F, 0x2000_007F, 0x2000_007F, 0x2000_007F, 0x2000_007F, 0x2000_007F, 0x2000_007F, 0x2000_007F,
      0x2000_007F, 0x2000_007F, 0x2000_007F, 0x2000_007F, 0x2000_007F, 0x2000_007F, 0x2000_007F, 0x2000_007F,
      0x2000_007F, 0x1000_000F)
    let heavyWide = heavy.wide
    #expect((heavy * heavy).bigEndianBytes == (heavyWide * heavyWide).bigEndianBytes)
    #expect(heavy.squared().bigEndianBytes == heavyWide.squared().bigEndianBytes)
    #expect((heavy - heavy).isZero)
  }

  @Test func zeroMaskAndEncoding() {
    #expect(F.zero.isZeroMask == .max)
    #expect(F.one.isZeroMask == 0)
    #expect((F.one + (F.zero - F.one)).isZeroMask == .max)  // reaches p in loose form
    #expect(F.zero.inverted().isZero)
    let p = [UInt8](repeating: 0xFF, count: 66).enumerated().map { $0.offset == 0 ? 0x01 : $0.element }
    #expect(Self.element(p) == nil)
    #expect(Self.element([UInt8](repeating: 0, count: 65)) == nil)
    var pMinusOne = p
    pMinusOne[65] = 0xFE
    #expect(Self.element(pMinusOne)?.bigEndianBytes == pMinusOne)
  }
}
