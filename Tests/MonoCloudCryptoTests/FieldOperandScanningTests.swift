import MonoCloudCrypto
import Testing

/// On wasm32 the generated fields multiply and square by operand scanning
/// (`productByOperandScanning`, P-256's field) or by MontgomeryModulus's limb loop
/// (`productByLimbLoop`, the others); elsewhere by product scanning. All must give the same
/// element for every pair: random elements plus 0, 1, −1 and 2, all pairs among 40. Each type
/// has only the wasm32 product it uses; there is no reference copy in the library.
@Suite("Field operand scanning")
struct FieldOperandScanningTests {
  static func check<Element: PrimeFieldElement & Equatable>(
    _: Element.Type, _ product: (Element, Element) -> Element
  ) -> (cases: Int, mismatches: Int) {
    var generator = SystemRandomNumberGenerator()
    var elements: [Element] = [.zero, .one, Element.zero - Element.one, Element.one + Element.one]
    while elements.count < 40 {
      var bytes = (0..<Element.byteCount).map { _ in UInt8.random(in: 0 ... .max, using: &generator) }
      if Element.byteCount == 66 { bytes[0] &= 1 }  // 521 bits
      if let element = bytes.withUnsafeBytes({ Element(bigEndianBytes: $0) }) { elements.append(element) }
    }
    var cases = 0
    var mismatches = 0
    for a in elements {
      for b in elements where product(a, b) != a * b { mismatches += 1 }
      if product(a, a) != a.squared() { mismatches += 1 }
      cases += elements.count + 1
    }
    return (cases, mismatches)
  }

  @Test func operandScanningMatchesProductScanning() {
    let results = [
      Self.check(P256FieldElement.self, P256FieldElement.productByOperandScanning)
    ]
    #expect(results.map(\.mismatches) == [0])
    #expect(results.map(\.cases) == [40 * 41])
  }

  @Test func limbLoopMatchesProductScanning() {
    let results = [
      Self.check(P384FieldElement.self, P384FieldElement.productByLimbLoop),
      Self.check(P256Scalar.self, P256Scalar.productByLimbLoop),
      Self.check(P384Scalar.self, P384Scalar.productByLimbLoop),
      Self.check(P521Scalar.self, P521Scalar.productByLimbLoop),
    ]
    #expect(results.map(\.mismatches) == [0, 0, 0, 0])
    #expect(results.map(\.cases) == [Int](repeating: 40 * 41, count: 4))
  }
}
