import Testing

@testable import MonoCloudCrypto

// The radix-2^25.5 field (selected on 32-bit targets) against the radix-2^51 one (native):
// every operation on pseudo-random and edge-case inputs must give the same canonical encoding.
// The Ed25519 vectors run through it with `swift test -Xswiftc -DMONOCLOUD_32BIT_LIMBS`.

private struct Generator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return state ^ (state >> 29)
  }

  /// 32 bytes; every eighth draw is an edge pattern (all ones, near p, sparse), the rest random.
  mutating func bytes(_ round: Int) -> [UInt8] {
    var result = [UInt8](repeating: 0, count: 32)
    switch round % 8 {
    case 0: result = [UInt8](repeating: 0xff, count: 32)
    case 1:
      result = [0xed &- UInt8(truncatingIfNeeded: next() % 4)] + [UInt8](repeating: 0xff, count: 30) + [0x7f]
    case 2: result[Int(next() % 32)] = UInt8(truncatingIfNeeded: next())
    default: for index in 0..<32 { result[index] = UInt8(truncatingIfNeeded: next() >> 17) }
    }
    return result
  }
}

private func decode64(_ bytes: [UInt8]) -> (Curve25519FieldElement, Bool) {
  var isCanonical = true
  let value = bytes.withUnsafeBytes { Curve25519FieldElement(littleEndianBytes: $0, isCanonical: &isCanonical) }
  return (value, isCanonical)
}

private func decode32(_ bytes: [UInt8]) -> (Curve25519FieldElement32, Bool) {
  var isCanonical = true
  let value = bytes.withUnsafeBytes { Curve25519FieldElement32(littleEndianBytes: $0, isCanonical: &isCanonical) }
  return (value, isCanonical)
}

private func encoding(_ value: Curve25519FieldElement) -> [UInt8] {
  var output = [UInt8](repeating: 0, count: 32)
  output.withUnsafeMutableBytes { value.write(littleEndianBytesInto: $0) }
  return output
}

private func encoding(_ value: Curve25519FieldElement32) -> [UInt8] {
  var output = [UInt8](repeating: 0, count: 32)
  output.withUnsafeMutableBytes { value.write(littleEndianBytesInto: $0) }
  return output
}

@Suite struct Curve25519Field32Tests {
  @Test func theCompilationConditionSelectsTheField() {
    // The ci step that runs the Ed25519 suites with -DMONOCLOUD_32BIT_LIMBS relies on this.
    #if MONOCLOUD_32BIT_LIMBS
      #expect(FieldElement.self == Curve25519FieldElement32.self)
    #else
      #expect(FieldElement.self == Curve25519FieldElement.self)
    #endif
  }

  @Test func constantsMatchTheRadix51Ones() {
    #expect(encoding(Curve25519FieldElement32.edwardsD) == encoding(Curve25519FieldElement.edwardsD))
    #expect(encoding(Curve25519FieldElement32.edwardsD2) == encoding(Curve25519FieldElement.edwardsD2))
    #expect(
      encoding(Curve25519FieldElement32.squareRootOfMinusOne)
        == encoding(Curve25519FieldElement.squareRootOfMinusOne))
    #expect(encoding(Curve25519FieldElement32.one.negated()) == encoding(Curve25519FieldElement.one.negated()))
  }

  @Test func everyOperationMatchesTheRadix51Field() {
    var generator = Generator(state: 0x2555_1900_dead_beef)
    var rounds = 0
    var nonCanonical = 0
    for round in 0..<2_000 {
      let bytesA = generator.bytes(round)
      let bytesB = generator.bytes(round / 3)
      let (a64, canonicalA64) = decode64(bytesA)
      let (a32, canonicalA32) = decode32(bytesA)
      let (b64, _) = decode64(bytesB)
      let (b32, _) = decode32(bytesB)
      #expect(canonicalA32 == canonicalA64)
      if !canonicalA32 { nonCanonical += 1 }
      #expect(encoding(a32) == encoding(a64))
      #expect(encoding(a32 * b32) == encoding(a64 * b64))
      #expect(encoding(a32.squared()) == encoding(a64.squared()))
      #expect(encoding(a32 - b32) == encoding(a64 - b64))
      #expect(encoding(b32.negated()) == encoding(b64.negated()))
      #expect(a32.parityBit == a64.parityBit)
      #expect(a32.isZero == a64.isZero)
      // The unreduced inputs the point formulas use: sums of two and three into a product or a
      // square, a sum of two subtracted.
      let c32 = (a32 - b32) * b32
      let c64 = (a64 - b64) * b64
      #expect(encoding((a32 + b32 + c32) * (b32 + c32)) == encoding((a64 + b64 + c64) * (b64 + c64)))
      #expect(encoding((a32 + b32).squared()) == encoding((a64 + b64).squared()))
      #expect(encoding((c32 + c32 + a32) - (a32 + b32)) == encoding((c64 + c64 + a64) - (a64 + b64)))
      let mask: UInt64 = round % 2 == 0 ? 0 : ~0
      #expect(
        encoding(Curve25519FieldElement32.select(a32, b32, mask: mask))
          == encoding(Curve25519FieldElement.select(a64, b64, mask: mask)))
      if round % 50 == 0 {
        #expect(encoding(a32.inverted()) == encoding(a64.inverted()))
        #expect(encoding(a32.powerP58()) == encoding(a64.powerP58()))
      }
      rounds += 1
    }
    #expect(rounds == 2_000)
    #expect(nonCanonical > 50)  // the near-p patterns (p − 3 … p, and 2^255 − 1) reached the check
  }

  @Test func longChainsStayInRange() {
    // 10,000 dependent multiplications and squarings of full-width limbs: any bound violation
    // compounds, so the two fields would drift apart.
    var x32 = decode32([UInt8](repeating: 0xff, count: 32)).0
    var x64 = decode64([UInt8](repeating: 0xff, count: 32)).0
    var y32 = Curve25519FieldElement32.edwardsD2.negated()
    var y64 = Curve25519FieldElement.edwardsD2.negated()
    var steps = 0
    for _ in 0..<5_000 {
      x32 = (x32 + y32 + x32) * (y32 + y32)
      x64 = (x64 + y64 + x64) * (y64 + y64)
      y32 = (x32 - y32).squared()
      y64 = (x64 - y64).squared()
      steps += 2
    }
    #expect(steps == 10_000)
    #expect(encoding(x32) == encoding(x64))
    #expect(encoding(y32) == encoding(y64))
  }
}
