import MonoCloudCrypto
import Testing

@Suite("WideMultiply")
struct WideMultiplyTests {
  static let edgeValues: [UInt64] = [
    0, 1, 2, 0xffff_ffff, 0x1_0000_0000, 0x1_0000_0001, 0xffff_fffe, 0x8000_0000_0000_0000,
    0x7fff_ffff_ffff_ffff, 0xffff_ffff_0000_0000, 0x0000_0000_ffff_ffff, .max - 1, .max,
  ]

  @Test func edgeValuesMatchMultipliedFullWidth() {
    var count = 0
    for a in Self.edgeValues {
      for b in Self.edgeValues {
        let expected = a.multipliedFullWidth(by: b)
        let portable = wideMultiplyPortable(a, b)
        let selected = wideMultiply(a, b)
        #expect(portable.high == expected.high && portable.low == expected.low, "\(a) × \(b)")
        #expect(selected.high == expected.high && selected.low == expected.low, "\(a) × \(b)")
        count += 1
      }
    }
    #expect(count == Self.edgeValues.count * Self.edgeValues.count)
  }

  @Test func randomPairsMatchMultipliedFullWidth() {
    var generator = SystemRandomNumberGenerator()
    var mismatches = 0
    var count = 0
    for _ in 0..<10_000 {
      let a = UInt64.random(in: 0 ... .max, using: &generator)
      let b = UInt64.random(in: 0 ... .max, using: &generator)
      let expected = a.multipliedFullWidth(by: b)
      let portable = wideMultiplyPortable(a, b)
      if portable.high != expected.high || portable.low != expected.low { mismatches += 1 }
      count += 1
    }
    #expect(mismatches == 0)
    #expect(count == 10_000)
  }

  @Test func multiplyAddMatchesTheWideProductPlusBothAddends() {
    // Every edge value as a, b, addend and carry (13⁴ cases), then random quadruples; the
    // reference is UInt128 arithmetic.
    var mismatches = 0
    var count = 0
    func check(_ a: UInt64, _ b: UInt64, _ addend: UInt64, _ carry: UInt64) {
      let expected = UInt128(a) * UInt128(b) + UInt128(addend) + UInt128(carry)
      let (high, low) = multiplyAddPortable(a, b, addend, carry)
      if UInt128(high) << 64 | UInt128(low) != expected { mismatches += 1 }
      count += 1
    }
    for a in Self.edgeValues {
      for b in Self.edgeValues {
        for addend in Self.edgeValues {
          for carry in Self.edgeValues { check(a, b, addend, carry) }
        }
      }
    }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<10_000 {
      check(
        UInt64.random(in: 0 ... .max, using: &generator), UInt64.random(in: 0 ... .max, using: &generator),
        UInt64.random(in: 0 ... .max, using: &generator), UInt64.random(in: 0 ... .max, using: &generator))
    }
    #expect(mismatches == 0)
    #expect(count == 13 * 13 * 13 * 13 + 10_000)
  }
}
