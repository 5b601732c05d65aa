import Foundation
import MonoCloudCrypto
import Testing

/// Tests of `P521Scalar` (arithmetic modulo the P-521 group order) against Python big-integer
/// results (`Fixtures/p521_scalar_vectors.json`) and algebraic identities.
@Suite struct P521ScalarTests {
  typealias S = P521Scalar
  static let n = [UInt8](
    hex:
      "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"
  )

  static func fixture() throws -> [String: Any] {
    var path = #filePath
    while let last = path.last, last != "/" { path.removeLast() }
    let data = try Data(contentsOf: URL(fileURLWithPath: path + "Fixtures/p521_scalar_vectors.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  static func scalar(_ bytes: [UInt8]) -> S? {
    bytes.withUnsafeBytes { S(bigEndianBytes: $0) }
  }

  static func reduced(_ bytes: [UInt8]) -> S? {
    bytes.withUnsafeBytes { S(reducingBigEndianBytes: $0) }
  }

  @Test func vectorsMatchBigIntegerOracle() throws {
    let cases = try #require(try Self.fixture()["cases"] as? [[String: String]])
    var count = 0
    for c in cases {
      func value(_ name: String) throws -> [UInt8] { [UInt8](hex: try #require(c[name])) }
      let a = try #require(Self.scalar(try value("a")))
      let b = try #require(Self.scalar(try value("b")))
      #expect(a.bigEndianBytes == (try value("a")))
      #expect((a + b).bigEndianBytes == (try value("sum")))
      #expect((a - b).bigEndianBytes == (try value("difference")))
      #expect((a * b).bigEndianBytes == (try value("product")))
      #expect(a.inverted().bigEndianBytes == (try value("aInverse")))
      count += 1
    }
    #expect(count == 120)
  }

  @Test func reductionMatchesBigIntegerOracle() throws {
    let cases = try #require(try Self.fixture()["reductions"] as? [[String: String]])
    var count = 0
    for c in cases {
      let input = [UInt8](hex: try #require(c["input"]))
      let expected = [UInt8](hex: try #require(c["reduced"]))
      #expect(Self.reduced(input)?.bigEndianBytes == expected)
      count += 1
    }
    #expect(count == 62)
    #expect(Self.reduced([UInt8](repeating: 0xFF, count: 73)) == nil)
  }

  @Test func encodingRejectsValuesNotBelowN() {
    var count = 0
    #expect(Self.scalar(Self.n) == nil)
    var above = Self.n
    above[65] = 0x0A  // n + 1
    #expect(Self.scalar(above) == nil)
    #expect(Self.scalar([UInt8](repeating: 0xFF, count: 66)) == nil)
    for length in [0, 65, 67] {
      #expect(Self.scalar([UInt8](repeating: 0, count: length)) == nil)
      count += 1
    }
    var below = Self.n
    below[65] = 0x08  // n − 1
    #expect(Self.scalar(below)?.bigEndianBytes == below)
    #expect(Self.scalar(below).map { ($0 + S.one).isZero } == true)
    count += 4
    #expect(count == 7)
  }

  @Test func algebraicIdentities() {
    var generator = SplitMix64(seed: 0x5022)
    func random() -> S {
      var bytes = (0..<66).map { _ in UInt8.random(in: 0...255, using: &generator) }
      bytes[0] &= 1
      return bytes.withUnsafeBytes { S(reducingBigEndianBytes: $0)! }
    }
    var count = 0
    for _ in 0..<100 {
      let a = random()
      let b = random()
      let c = random()
      #expect((a + b) - b == a)
      #expect(a * (b + c) == a * b + a * c)
      #expect((a * b) * c == a * (b * c))
      #expect(a.squared() == a * a)
      #expect((a + a.negated()).isZero)
      #expect(a * a.inverted() == S.one)
      #expect(S.select(a, b, mask: 0) == a && S.select(a, b, mask: .max) == b)
      #expect(a.bigEndianBytes.withUnsafeBytes { S(bigEndianBytes: $0) } == a)
      count += 1
    }
    #expect(count == 100)
    #expect(S.zero.inverted().isZero)
    #expect(S.zero.isZeroMask == .max && S.one.isZeroMask == 0)
    #expect(S.one.bigEndianBytes == [UInt8](repeating: 0, count: 65) + [1])
  }
}
