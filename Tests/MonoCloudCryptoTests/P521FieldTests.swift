import Foundation
import MonoCloudCrypto
import Testing

/// Tests of `P521FieldElement` against Python big-integer results
/// (`Fixtures/p521_field_vectors.json`, made by `Scripts/generate-p521-field-vectors.py`)
/// and algebraic identities.
@Suite struct P521FieldTests {
  typealias F = P521FieldElement
  static let p = [UInt8](p521Hex: "01" + String(repeating: "ff", count: 65))

  struct Vector {
    var a, b, sum, difference, product, aSquared, aInverse: [UInt8]
  }

  static func loadVectors() throws -> [Vector] {
    var path = #filePath
    while let last = path.last, last != "/" { path.removeLast() }
    let data = try Data(contentsOf: URL(fileURLWithPath: path + "Fixtures/p521_field_vectors.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let cases = try #require(root["cases"] as? [[String: String]])
    return try cases.map { c in
      func field(_ name: String) throws -> [UInt8] { [UInt8](p521Hex: try #require(c[name])) }
      return Vector(
        a: try field("a"), b: try field("b"), sum: try field("sum"), difference: try field("difference"),
        product: try field("product"), aSquared: try field("aSquared"), aInverse: try field("aInverse"))
    }
  }

  static func element(_ bytes: [UInt8]) -> F? {
    bytes.withUnsafeBytes { F(bigEndianBytes: $0) }
  }

  static func random(_ generator: inout some RandomNumberGenerator) -> F {
    var bytes = (0..<66).map { _ in UInt8.random(in: 0...255, using: &generator) }
    bytes[0] &= 1
    return element(bytes) ?? .zero  // p itself (probability 2^-521) maps to zero
  }

  @Test func vectorsMatchBigIntegerOracle() throws {
    var count = 0
    for v in try Self.loadVectors() {
      let a = try #require(Self.element(v.a))
      let b = try #require(Self.element(v.b))
      #expect(a.bigEndianBytes == v.a)
      #expect((a + b).bigEndianBytes == v.sum)
      #expect((a - b).bigEndianBytes == v.difference)
      #expect((a * b).bigEndianBytes == v.product)
      #expect((b * a).bigEndianBytes == v.product)
      #expect(a.squared().bigEndianBytes == v.aSquared)
      #expect(F.portableProduct(a, b).bigEndianBytes == v.product)
      #expect(a.portableSquared().bigEndianBytes == v.aSquared)
      #expect(a.inverted().bigEndianBytes == v.aInverse)
      count += 1
    }
    #expect(count == 200)
  }

  @Test func encodingRejectsNonCanonicalValues() {
    var rejected = 0
    var pPlus = Self.p
    #expect(Self.element(pPlus) == nil)  // exactly p
    rejected += 1
    pPlus[65] = 0  // 2^521 − 256: below p, accepted
    #expect(Self.element(pPlus) != nil)
    for top: UInt8 in [0x02, 0x03, 0x80, 0xFF] {  // 2^521 and above
      var bytes = [UInt8](repeating: 0, count: 66)
      bytes[0] = top
      #expect(Self.element(bytes) == nil)
      rejected += 1
    }
    #expect(Self.element([UInt8](repeating: 0xFF, count: 66)) == nil)
    rejected += 1
    for length in [0, 1, 65, 67, 132] {
      #expect(Self.element([UInt8](repeating: 0, count: length)) == nil)
      rejected += 1
    }
    #expect(rejected == 11)
    var pMinusOne = Self.p
    pMinusOne[65] = 0xFE
    #expect(Self.element(pMinusOne)?.bigEndianBytes == pMinusOne)
  }

  @Test func algebraicIdentities() {
    var generator = P521TestRandom(seed: 0x5021)
    var count = 0
    for _ in 0..<300 {
      let a = Self.random(&generator)
      let b = Self.random(&generator)
      let c = Self.random(&generator)
      #expect(((a + b) - b).bigEndianBytes == a.bigEndianBytes)
      #expect((a - b + b).bigEndianBytes == a.bigEndianBytes)
      #expect((a * (b + c)).bigEndianBytes == (a * b + a * c).bigEndianBytes)
      #expect(((a * b) * c).bigEndianBytes == (a * (b * c)).bigEndianBytes)
      #expect(a.squared().bigEndianBytes == (a * a).bigEndianBytes)
      #expect(F.portableProduct(a, b).bigEndianBytes == (a * b).bigEndianBytes)
      #expect(a.portableSquared().bigEndianBytes == a.squared().bigEndianBytes)
      #expect((a + a.negated()).isZero)
      #expect(a.negated().bigEndianBytes == (F.zero - a).bigEndianBytes)
      #expect((a * a.inverted()).bigEndianBytes == F.one.bigEndianBytes)
      #expect(Self.element(a.bigEndianBytes)?.bigEndianBytes == a.bigEndianBytes)
      let k = UInt32.random(in: 0...UInt32.max, using: &generator)
      let kElement = Self.element([UInt8](repeating: 0, count: 62) + withUnsafeBytes(of: k.bigEndian, Array.init))!
      #expect(a.multipliedBy(smallConstant: k).bigEndianBytes == (a * kElement).bigEndianBytes)
      #expect(F.select(a, b, mask: 0).bigEndianBytes == a.bigEndianBytes)
      #expect(F.select(a, b, mask: .max).bigEndianBytes == b.bigEndianBytes)
      count += 1
    }
    #expect(count == 300)
  }

  /// Long chains keep limbs loose; the results must still agree with direct computation.
  @Test func repeatedOperationsStayInBounds() {
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
    // (p − 1)^2 = 1; repeated squaring of the largest value and of sums of it.
    var x = pMinusOne + pMinusOne + pMinusOne  // = −3
    for _ in 0..<100 { x = x.squared() }
    #expect(x.bigEndianBytes == F(minusThreeToTheTwoToThe: 100).bigEndianBytes)
    #expect(pMinusOne.squared().bigEndianBytes == F.one.bigEndianBytes)
    #expect((pMinusOne * pMinusOne).bigEndianBytes == F.one.bigEndianBytes)
  }

  @Test func zeroMask() {
    #expect(F.zero.isZeroMask == .max)
    #expect(F.one.isZeroMask == 0)
    #expect((F.one - F.one).isZeroMask == .max)
    #expect((F.one + (F.zero - F.one)).isZeroMask == .max)  // reaches p in loose form
    let pMinusOne = F.zero - F.one
    #expect(pMinusOne.isZeroMask == 0)
    #expect(F.zero.inverted().isZero)
    #expect(F.zero.negated().isZero)
  }

  @Test func generatorIsOnTheCurve() {
    let x = F.generatorX
    let y = F.generatorY
    let rightSide = x.squared() * x - x.multipliedBy(smallConstant: 3) + F.curveB
    #expect(y.squared().bigEndianBytes == rightSide.bigEndianBytes)
    #expect(
      x.bigEndianBytes
        == [UInt8](
          p521Hex:
            "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66"
        ))
    #expect(
      y.bigEndianBytes
        == [UInt8](
          p521Hex:
            "011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650"
        ))
    #expect(
      F.curveB.bigEndianBytes
        == [UInt8](
          p521Hex:
            "0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00"
        ))
  }
}

extension P521FieldElement {
  /// (−3)^(2^k) by square-and-multiply on small exponents: an independent route to the value.
  fileprivate init(minusThreeToTheTwoToThe k: Int) {
    // By Fermat, x^(2^k) = x^(2^k mod (p − 1)); 2^k for k ≤ 520 is below p − 1, so compute
    // (−3)^(2^k) as ((−3)^2)^(2^(k−1)) = 9^(2^(k−1)) with multiplications only.
    var x = Self.one.multipliedBy(smallConstant: 9)
    for _ in 1..<k { x = x * x }
    self = x
  }
}

extension [UInt8] {
  fileprivate init(p521Hex hex: String) {
    var bytes: [UInt8] = []
    var high: UInt8?
    for c in hex.utf8 {
      let v: UInt8 = c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10
      if let h = high {
        bytes.append(h << 4 | v)
        high = nil
      } else {
        high = v
      }
    }
    self = bytes
  }
}

/// A small deterministic generator (SplitMix64) so property tests are repeatable.
struct P521TestRandom: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
