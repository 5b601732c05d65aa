import Testing

@testable import MonoCloudCrypto

/// Tests of `P384FieldElement32` (the P-384 field of 32-bit targets, wasm32): random-looking
/// operands and edge values against the Montgomery-form `P384FieldElement` and against
/// independently computed constants.
@Suite struct P384Field32Tests {
  typealias F = P384FieldElement32
  typealias Wide = P384FieldElement
  static let p: [UInt8] = hexBytes(
    "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff")

  static func element(_ bytes: [UInt8]) -> F? { bytes.withUnsafeBytes { F(bigEndianBytes: $0) } }
  static func wide(_ bytes: [UInt8]) -> Wide? { bytes.withUnsafeBytes { Wide(bigEndianBytes: $0) } }
  static func bytes(_ x: some PrimeFieldElement) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 48)
    out.withUnsafeMutableBytes { x.write(bigEndianBytesInto: $0) }
    return out
  }

  /// Random bytes, with runs of 0x00 and 0xff (limbs at their extremes) and values just below p.
  static func randomBytes(_ generator: inout some RandomNumberGenerator) -> [UInt8] {
    var bytes = (0..<48).map { _ in UInt8.random(in: 0...255, using: &generator) }
    switch generator.next() % 4 {
    case 0:
      for index in 0..<48 where generator.next() % 2 == 0 { bytes[index] = 0xff }
    case 1:
      for index in 0..<48 where generator.next() % 2 == 0 { bytes[index] = 0 }
    case 2:
      bytes = p
      bytes[47] &-= UInt8(truncatingIfNeeded: 1 + generator.next() % 200)
    default: break
    }
    return bytes
  }

  @Test func agreesWithMontgomeryField() throws {
    var generator = P521TestRandom(seed: 0x384)
    var count = 0
    while count < 1000 {
      let aBytes = Self.randomBytes(&generator)
      let bBytes = Self.randomBytes(&generator)
      guard let a = Self.element(aBytes), let b = Self.element(bBytes) else {
        // Only values not below p are rejected; the Montgomery field agrees.
        #expect(Self.wide(aBytes) == nil || Self.wide(bBytes) == nil)
        continue
      }
      let x = try #require(Self.wide(aBytes))
      let y = try #require(Self.wide(bBytes))
      #expect(Self.bytes(a) == aBytes)
      #expect(Self.bytes(a + b) == Self.bytes(x + y))
      #expect(Self.bytes(a - b) == Self.bytes(x - y))
      #expect(Self.bytes(b - a) == Self.bytes(y - x))
      #expect(Self.bytes(a * b) == Self.bytes(x * y))
      #expect(Self.bytes(a.squared()) == Self.bytes(x.squared()))
      #expect(Self.bytes(a.negated()) == Self.bytes(x.negated()))
      #expect((a.isZeroMask == 0) == (x.isZeroMask == 0))
      #expect(Self.bytes(F.select(a, b, mask: 0)) == aBytes)
      #expect(Self.bytes(F.select(a, b, mask: .max)) == bBytes)
      if count % 20 == 0 {
        #expect(Self.bytes(a.inverted()) == Self.bytes(x.inverted()))
      }
      count += 1
    }
    #expect(count == 1000)
  }

  @Test func edgeValues() throws {
    var pMinusOneBytes = Self.p
    pMinusOneBytes[47] = 0xfe
    let pMinusOne = try #require(Self.element(pMinusOneBytes))
    #expect(Self.element(Self.p) == nil)
    #expect(Self.element([UInt8](repeating: 0xff, count: 48)) == nil)
    #expect(Self.element([UInt8](repeating: 0, count: 47)) == nil)
    #expect(Self.bytes(F.zero - F.one) == pMinusOneBytes)
    #expect(Self.bytes(pMinusOne * pMinusOne) == Self.bytes(F.one))  // (−1)² = 1
    #expect(Self.bytes(pMinusOne.squared()) == Self.bytes(F.one))
    #expect((pMinusOne + F.one).isZero)
    #expect(Self.bytes(pMinusOne + pMinusOne) == Self.bytes(pMinusOne - F.one))
    #expect(F.zero.inverted().isZero)
    #expect(Self.bytes(pMinusOne.inverted()) == pMinusOneBytes)
    // 2^383 squared repeatedly, against the Montgomery field.
    var high = [UInt8](repeating: 0, count: 48)
    high[0] = 0x80
    var x = try #require(Self.element(high))
    var y = try #require(Self.wide(high))
    var steps = 0
    for _ in 0..<200 {
      x = x.squared() * x
      y = y.squared() * y
      #expect(Self.bytes(x) == Self.bytes(y))
      steps += 1
    }
    #expect(steps == 200)
  }
}
