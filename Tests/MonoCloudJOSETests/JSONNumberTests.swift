import MonoCloudJOSE
import Testing

@Suite struct JSONNumberTests {
  func number(_ text: String) throws -> JSONNumber {
    guard case .number(let number) = try JSONReader.parse(text) else {
      throw JOSEError(.invalidInput, "not a number")
    }
    return number
  }

  static let integers: [(text: String, value: Int64?)] = [
    ("0", 0),
    ("-0", 0),
    ("7", 7),
    ("-7", -7),
    ("1700000000", 1_700_000_000),
    ("9223372036854775807", Int64.max),
    ("-9223372036854775808", Int64.min),
    ("9223372036854775808", nil),
    ("-9223372036854775809", nil),
    ("18446744073709551616", nil),
    ("99999999999999999999999999999999999999", nil),
    ("1e3", nil),
    ("1.0", nil),
    ("1E0", nil),
    ("-1.5", nil),
  ]

  @Test func int64Values() throws {
    var count = 0
    for (text, value) in Self.integers {
      #expect(try number(text).int64Value == value, "\(text)")
      #expect(try number(text).isInteger == !(text.contains(".") || text.contains("e") || text.contains("E")))
      count += 1
    }
    #expect(count == 15)
  }

  static let doubles: [(text: String, value: Double?)] = [
    ("0", 0),
    ("-0", -0.0),
    ("1", 1),
    ("1700000000", 1_700_000_000),
    ("1700000000.5", 1_700_000_000.5),
    ("1.7e9", 1_700_000_000),
    ("1.7E+9", 1_700_000_000),
    ("17e8", 1_700_000_000),
    ("0.1", 0.1),
    ("-2.5", -2.5),
    ("3.14159", 3.14159),
    ("1e-7", 1e-7),
    ("123456789012345", 123_456_789_012_345),
    ("9007199254740993", 9_007_199_254_740_992),  // 2^53 + 1 rounds to even
    ("9223372036854775807", 9.223372036854775808e18),
    ("1e22", 1e22),
    ("1e23", 1e23),
    ("1.5e300", 1.5e300),
    ("2.5e-300", 2.5e-300),
    ("0.000001", 0.000001),
    ("123456789012345678901234567890", 1.2345678901234568e29),
    ("1e308", 1e308),
    ("1e309", nil),
    ("-1e400", nil),
    ("1e-400", 0),
    ("1e999999999999999999999", nil),
    ("1e-999999999999999999999", 0),
    ("0e999999", 0),
    ("0.0000000000000000000000000000001", 1e-31),
    ("4.9406564584124654e-324", Double.leastNonzeroMagnitude),
  ]

  /// Relative error within a few units in the last place (exact for the fast path).
  func close(_ a: Double, _ b: Double) -> Bool {
    if a == b { return true }
    let scale = max(abs(a), abs(b))
    return abs(a - b) <= scale * 4 * Double.ulpOfOne
  }

  @Test func doubleValues() throws {
    var count = 0
    for (text, expected) in Self.doubles {
      let actual = try number(text).doubleValue
      if let expected, let actual {
        #expect(close(actual, expected), "\(text): \(actual) vs \(expected)")
      } else {
        #expect(actual == nil && expected == nil, "\(text)")
      }
      count += 1
    }
    #expect(count == 30)
  }

  @Test func fastPathIsExact() throws {
    #expect(try number("1700000000.5").doubleValue == 1_700_000_000.5)
    #expect(try number("1.7e9").doubleValue == 1_700_000_000)
    #expect(try number("0.1").doubleValue == 0.1)
    #expect(try number("0.3").doubleValue == 0.3)
    #expect(try number("-123.456e-2").doubleValue == -1.23456)
    #expect(try number("-0").doubleValue?.sign == .minus)
  }

  @Test func textInitValidates() {
    #expect(JSONNumber(text: "12.5e-3")?.text == "12.5e-3")
    #expect(JSONNumber(text: "") == nil)
    #expect(JSONNumber(text: "01") == nil)
    #expect(JSONNumber(text: "1 ") == nil)
    #expect(JSONNumber(text: "+1") == nil)
    #expect(JSONNumber(text: "NaN") == nil)
    #expect(JSONNumber(Int64.min).text == "-9223372036854775808")
    #expect(JSONNumber(42).int64Value == 42)
    #expect(JSONNumber(text: "1") != JSONNumber(text: "1.0"))
  }
}
