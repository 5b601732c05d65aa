import MonoCloudCrypto
import Testing

/// Deterministic random inputs: every parser must end in a value or a typed error, never a trap.
@Suite struct DERFuzzTests {
  /// Random bytes biased towards DER's interesting values (tags, long-form lengths, zero).
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }
    mutating func bytes(maximumCount: Int) -> [UInt8] {
      let interesting: [UInt8] = [
        0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x30, 0x80, 0x81, 0x82, 0x84, 0xa0, 0xa1, 0xff,
      ]
      return (0..<Int(next() % UInt64(maximumCount + 1))).map { _ in
        next() % 2 == 0 ? interesting[Int(next() % UInt64(interesting.count))] : UInt8(truncatingIfNeeded: next())
      }
    }
  }

  /// Reads every element, descending into constructed ones and trying the typed readers on
  /// primitive ones; returns how many elements were read.
  func walk(_ reader: inout DERReader) -> Int {
    var count = 0
    while !reader.isAtEnd {
      guard let element = try? reader.readElement() else { return count }
      count += 1
      if element.isConstructed {
        if var inner = try? element.contentReader() { count += walk(&inner) }
      } else {
        var single = DERReader(element.encoded)
        _ = try? single.readInteger()
        single = DERReader(element.encoded)
        _ = try? single.readInteger(allowingNonMinimal: true)
        single = DERReader(element.encoded)
        _ = try? single.readSmallInteger()
        single = DERReader(element.encoded)
        _ = try? single.readObjectIdentifier()
        single = DERReader(element.encoded)
        _ = try? single.readBitString()
        single = DERReader(element.encoded)
        _ = try? single.readNull()
      }
    }
    return count
  }

  @Test func randomDER() {
    var generator = Generator(state: 42)
    var inputs = 0
    var elements = 0
    for _ in 0..<20_000 {
      let bytes = generator.bytes(maximumCount: 48)
      var reader = DERReader(bytes)
      elements += walk(&reader)
      _ = try? SubjectPublicKeyInfo(derEncoded: bytes)
      _ = try? PrivateKeyInfo(derEncoded: bytes)
      inputs += 1
    }
    #expect(inputs == 20_000)
    #expect(elements > 5_000)  // the generator does produce parseable structure
  }

  @Test func randomPEM() throws {
    let valid = try HashTestData.fixture("ec-p256-spki.pem")
    let bytes = Array(valid.utf8)
    var generator = Generator(state: 7)
    var accepted = 0
    var runs = 0
    for _ in 0..<5_000 {
      var mutated = bytes
      for _ in 0..<Int(1 + generator.next() % 3) {
        let index = Int(generator.next() % UInt64(mutated.count))
        mutated[index] = UInt8(truncatingIfNeeded: generator.next() % 128)
      }
      if let decoded = try? PEM.decode(String(decoding: mutated, as: UTF8.self)) {
        accepted += 1
        _ = try? SubjectPublicKeyInfo(derEncoded: decoded.der)
      }
      runs += 1
    }
    #expect(runs == 5_000)
    #expect(accepted < runs)
  }
}
