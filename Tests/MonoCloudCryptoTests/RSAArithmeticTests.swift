import Foundation
import MonoCloudCrypto
import Testing

/// Fixed-width Montgomery arithmetic against values computed once with Python's `pow`
/// (RSAFixtures/arithmetic.json): public and secret exponentiation for 1024…8192-bit moduli
/// (including an odd bit length) and Fermat inversion modulo the P-256 group order.
@Suite struct RSAArithmeticTests {
  struct PowerCase: Decodable, Sendable, CustomTestStringConvertible {
    let bits: Int
    let modulus, base, pow65537, pow3, powMax64, secretExponent, secretPower: String
    var testDescription: String { "\(bits) bits" }
  }
  struct InverseCase: Decodable { let modulus, value, inverse: String }
  struct Fixture: Decodable {
    let power: [PowerCase]
    let primeInverse: [InverseCase]
  }

  static let fixture: Fixture = {
    let url = URL(fileURLWithPath: RSAFixtureFiles.directory + "/arithmetic.json")
    return try! JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
  }()

  static func limbs(_ hex: String, count: Int) -> [UInt64] {
    Limbs.fromBigEndian(RSAFixtureFiles.bytes(hex), count: count)!
  }

  /// One case per modulus size, so that the sizes run in parallel (the 8192-bit secret power
  /// alone takes seconds in a debug build).
  @Test(arguments: fixture.power)
  func powers(test: PowerCase) {
    let count = (test.bits + 63) / 64
    let modulus = MontgomeryModulus(limbs: Self.limbs(test.modulus, count: count))!
    let byteCount = (test.bits + 7) / 8
    let base = Self.limbs(test.base, count: count)
    func hex(_ value: [UInt64]) -> String { RSAFixtureFiles.hex(Limbs.toBigEndian(value, byteCount: byteCount)) }
    #expect(hex(modulus.publicPower(base, exponent: 65537)) == test.pow65537, "\(test.bits)")
    #expect(hex(modulus.publicPower(base, exponent: 3)) == test.pow3, "\(test.bits)")
    #expect(hex(modulus.publicPower(base, exponent: UInt64.max)) == test.powMax64, "\(test.bits)")
    let exponent = Self.limbs(test.secretExponent, count: (test.secretExponent.utf8.count / 2 + 7) / 8)
    #expect(hex(modulus.secretPower(base, exponent: exponent)) == test.secretPower, "\(test.bits)")
    #expect(modulus.plainForm(of: modulus.montgomeryForm(of: base)) == base)
  }

  @Test func powerCaseCount() {
    #expect(Self.fixture.power.count == 21)
  }

  @Test func primeInverse() {
    var ran = 0
    for test in Self.fixture.primeInverse {
      let modulus = MontgomeryModulus(limbs: Self.limbs(test.modulus, count: 4))!
      let inverse = modulus.primeInverse(Self.limbs(test.value, count: 4))
      #expect(RSAFixtureFiles.hex(Limbs.toBigEndian(inverse, byteCount: 32)) == test.inverse)
      ran += 1
    }
    #expect(ran == 5)
    let modulus = MontgomeryModulus(limbs: Self.limbs(Self.fixture.primeInverse[0].modulus, count: 4))!
    #expect(modulus.primeInverse([0, 0, 0, 0]) == [0, 0, 0, 0])
  }

  @Test func rejectsEvenOrTrivialModuli() {
    #expect(MontgomeryModulus(limbs: [4, 1]) == nil)
    #expect(MontgomeryModulus(limbs: [1, 0]) == nil)
    #expect(MontgomeryModulus(limbs: []) == nil)
    #expect(MontgomeryModulus(limbs: [3]) != nil)
  }

  @Test func loadRejectsOversizedValues() {
    #expect(Limbs.fromBigEndian([0, 0, 1] + [UInt8](repeating: 0, count: 8), count: 1) == nil)
    #expect(Limbs.fromBigEndian([0, 0, 0] + [UInt8](repeating: 0xff, count: 8), count: 1) == [UInt64.max])
    #expect(Limbs.fromBigEndian([], count: 2) == [0, 0])
  }
}
