import MonoCloudJOSE
import Testing

/// Checks `doubleValue` against the standard library's correctly rounded parser (used here in
/// the tests only; the library itself must not depend on it).
@Suite struct JSONNumberConversionTests {
  /// A small deterministic generator (SplitMix64), so that every run checks the same numbers.
  struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  }

  static func randomNumberText(_ random: inout SplitMix, maxDigits: Int, exponentRange: Int) -> String {
    var text = random.below(2) == 0 ? "" : "-"
    let digits = 1 + random.below(maxDigits)
    var significand = String(1 + random.below(9))
    for _ in 1..<digits { significand += String(random.below(10)) }
    let point = random.below(digits + 1)
    if point == 0 || point == digits {
      text += significand
    } else {
      text += String(significand.prefix(point)) + "." + String(significand.dropFirst(point))
    }
    if random.below(2) == 0 {
      text += "e" + String(random.below(2 * exponentRange + 1) - exponentRange)
    }
    return text
  }

  func units(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / b.ulp
  }

  @Test func typicalNumbersAreCorrectlyRounded() throws {
    // Up to 15 significant digits and small exponents: the exact fast path.
    var random = SplitMix(state: 1)
    var count = 0
    for _ in 0..<20_000 {
      let text = Self.randomNumberText(&random, maxDigits: 15, exponentRange: 7)
      guard let number = JSONNumber(text: text) else {
        Issue.record("generated invalid number text \(text)")
        continue
      }
      let expected = Double(text)!
      let actual = number.doubleValue
      #expect(actual == expected, "\(text)")
      count += 1
    }
    #expect(count == 20_000)
  }

  @Test func otherNumbersAreWithinAFewUnitsInTheLastPlace() throws {
    var random = SplitMix(state: 2)
    var count = 0
    var worst = 0.0
    for _ in 0..<20_000 {
      let text = Self.randomNumberText(&random, maxDigits: 25, exponentRange: 300)
      let expected = Double(text)!
      guard let number = JSONNumber(text: text) else {
        Issue.record("generated invalid number text \(text)")
        continue
      }
      if !expected.isFinite {
        #expect(number.doubleValue == nil, "\(text)")
      } else if let actual = number.doubleValue {
        let error = units(actual, expected)
        worst = max(worst, error)
        #expect(error <= 8, "\(text): \(actual) vs \(expected)")
      } else {
        Issue.record("\(text): nil, expected \(expected)")
      }
      count += 1
    }
    #expect(count == 20_000)
    #expect(worst <= 8, "worst \(worst)")
  }
}
