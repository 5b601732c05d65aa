import MonoCloudCrypto
import Testing

/// `inverted()` of the generated Montgomery fields (fixed 4-bit windows over m − 2): a·a⁻¹ = 1
/// for random and edge elements, and 0 maps to 0.
@Suite("Field inversion")
struct FieldInversionTests {
  static func check<Element: PrimeFieldElement & Equatable>(_: Element.Type) -> (cases: Int, failures: Int) {
    var generator = SystemRandomNumberGenerator()
    var elements: [Element] = [.one, Element.zero - Element.one, Element.one + Element.one]
    while elements.count < 40 {
      var bytes = (0..<Element.byteCount).map { _ in UInt8.random(in: 0 ... .max, using: &generator) }
      if Element.byteCount == 66 { bytes[0] &= 1 }  // 521 bits
      if let element = bytes.withUnsafeBytes({ Element(bigEndianBytes: $0) }), element != .zero {
        elements.append(element)
      }
    }
    var failures = Element.zero.inverted() == .zero ? 0 : 1
    for element in elements where element * element.inverted() != .one { failures += 1 }
    return (elements.count + 1, failures)
  }

  @Test func everyGeneratedFieldInverts() {
    let results = [
      Self.check(P256FieldElement.self), Self.check(P384FieldElement.self), Self.check(P256Scalar.self),
      Self.check(P384Scalar.self), Self.check(P521Scalar.self),
    ]
    #expect(results.map(\.failures) == [0, 0, 0, 0, 0])
    #expect(results.map(\.cases) == [41, 41, 41, 41, 41])
  }
}
