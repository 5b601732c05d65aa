/// A JSON number kept exactly as its text (RFC 8259 §6 syntax), so that nothing is lost or
/// rounded until a caller asks for a specific type.
///
/// Equality compares the text: `1` and `1.0` are different numbers here.
public struct JSONNumber: Sendable, Equatable {
  /// The number's exact JSON text, e.g. `-12`, `1.5e3`.
  public let text: String

  /// Wraps text already checked by the reader.
  package init(uncheckedText: String) {
    self.text = uncheckedText
  }

  /// A number from JSON number text; `nil` if `text` is not exactly one RFC 8259 number.
  public init?(text: String) {
    let valid = text.withUTF8Raw { raw -> Bool in
      guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
      return JSONNumber.scan(base, 0, raw.count) == raw.count
    }
    guard valid else { return nil }
    self.text = text
  }

  /// The number for an integer.
  public init(_ value: Int64) {
    self.text = "\(value)"
  }

  /// The number for an integer.
  public init(_ value: Int) {
    self.text = "\(value)"
  }

  public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
    lhs.text.utf8Equals(rhs.text)
  }

  /// Whether the text is plain integer syntax (no fraction, no exponent).
  public var isInteger: Bool {
    for byte in text.utf8 where byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "e") {
      return false
    }
    return true
  }

  /// The value as `Int64` when the text is plain integer syntax (`-?[0-9]+`, no fraction or
  /// exponent) within `Int64` range; otherwise `nil`. Never traps.
  public var int64Value: Int64? {
    text.withUTF8Raw { raw -> Int64? in
      guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
      return JSONNumber.parseInt64(base, raw.count)
    }
  }

  /// The value as the nearest `Double` (`nil` when it is outside the finite `Double` range).
  /// Correctly rounded when the significand has at most 19 digits, fits 2^53 and the
  /// decimal exponent is within ±22 (all typical claims like `1700000000`, `1.7e9`,
  /// `1700000000.5`); otherwise within a few units in the last place.
  public var doubleValue: Double? {
    text.withUTF8Raw { raw -> Double? in
      guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
      return JSONNumber.parseDouble(base, raw.count)
    }
  }

  // MARK: - Scanning and conversion over bytes

  @inline(__always)
  static func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }

  /// Scans one RFC 8259 number starting at `start`; returns the index after it or `nil`.
  @inline(__always)
  static func scan(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
    var i = start
    if i < end && p[i] == UInt8(ascii: "-") { i &+= 1 }
    guard i < end else { return nil }
    if p[i] == UInt8(ascii: "0") {
      i &+= 1
    } else if isDigit(p[i]) {
      i &+= 1
      while i < end && isDigit(p[i]) { i &+= 1 }
    } else {
      return nil
    }
    if i < end && p[i] == UInt8(ascii: ".") {
      i &+= 1
      guard i < end && isDigit(p[i]) else { return nil }
      while i < end && isDigit(p[i]) { i &+= 1 }
    }
    if i < end && p[i] | 0x20 == UInt8(ascii: "e") {
      i &+= 1
      if i < end && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) { i &+= 1 }
      guard i < end && isDigit(p[i]) else { return nil }
      while i < end && isDigit(p[i]) { i &+= 1 }
    }
    return i
  }

  /// Whether the text starts with `-`, and where its digits start.
  @inline(__always)
  static func sign(_ p: UnsafePointer<UInt8>, _ count: Int) -> (negative: Bool, digitsStart: Int) {
    count > 0 && p[0] == UInt8(ascii: "-") ? (true, 1) : (false, 0)
  }

  static func parseInt64(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
    let (negative, start) = sign(p, count)
    var i = start
    guard i < count else { return nil }
    var magnitude: UInt64 = 0
    while i < count {
      let c = p[i]
      guard isDigit(c) else { return nil }
      let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times10.addingReportingOverflow(UInt64(c &- 48))
      if o1 || o2 { return nil }
      magnitude = sum
      i &+= 1
    }
    if negative {
      if magnitude <= UInt64(Int64.max) { return -Int64(magnitude) }
      return magnitude == UInt64(Int64.max) &+ 1 ? Int64.min : nil
    }
    return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
  }

  /// 10^n for 0 ≤ n ≤ 22, all exact in `Double`.
  @inline(__always)
  static func exactPowerOfTen(_ n: Int) -> Double {
    var result: Double = 1
    var base: Double = 10
    var e = n
    while e > 0 {
      if e & 1 != 0 { result *= base }
      base *= base
      e >>= 1
    }
    return result
  }

  static func parseDouble(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
    let (negative, start) = sign(p, count)
    var i = start
    var digits = DecimalDigits()
    var exponent = 0  // decimal exponent applied to `digits.significand`
    var sawDigit = false
    // Integer part: a digit past the 19 kept ones scales the value by ten.
    while i < count && isDigit(p[i]) {
      sawDigit = true
      if !digits.append(p[i] &- 48) { exponent &+= 1 }
      i &+= 1
    }
    // Fraction: a kept digit divides the value by ten; later ones only mark truncation.
    if i < count && p[i] == UInt8(ascii: ".") {
      i &+= 1
      while i < count && isDigit(p[i]) {
        sawDigit = true
        if digits.append(p[i] &- 48) { exponent &-= 1 }
        i &+= 1
      }
    }
    let significand = digits.significand
    let significantDigits = digits.significantDigits
    let truncated = digits.truncated
    guard sawDigit else { return nil }
    // Exponent, clamped: anything beyond ±100000 is zero or infinity anyway.
    if i < count && p[i] | 0x20 == UInt8(ascii: "e") {
      i &+= 1
      var negativeExponent = false
      if i < count && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) {
        negativeExponent = p[i] == UInt8(ascii: "-")
        i &+= 1
      }
      var value = 0
      var sawExponentDigit = false
      while i < count && isDigit(p[i]) {
        sawExponentDigit = true
        if value < 100_000 { value = value &* 10 &+ Int(p[i] &- 48) }
        i &+= 1
      }
      guard sawExponentDigit else { return nil }
      exponent &+= negativeExponent ? -value : value
    }
    guard i == count else { return nil }
    if significand == 0 { return negative ? -0.0 : 0.0 }

    let magnitude: Double
    if !truncated && significand <= 1 << 53 && exponent >= -22 && exponent <= 22 {
      // Clinger's fast path: both operands exact, so one IEEE operation rounds correctly.
      let m = Double(significand)
      magnitude = exponent >= 0 ? m * exactPowerOfTen(exponent) : m / exactPowerOfTen(-exponent)
    } else {
      // The decimal magnitude is significand × 10^exponent with significand < 10^19.
      let decimalMagnitude = exponent &+ significantDigits
      if decimalMagnitude > 310 { return nil }
      if decimalMagnitude < -330 { return negative ? -0.0 : 0.0 }
      var m = Double(significand)
      var e = exponent
      while e > 22 {
        m *= 1e22
        e &-= 22
      }
      while e < -22 {
        m /= 1e22
        e &+= 22
      }
      magnitude = e >= 0 ? m * exactPowerOfTen(e) : m / exactPowerOfTen(-e)
    }
    guard magnitude.isFinite else { return nil }
    return negative ? -magnitude : magnitude
  }
}

/// The first 19 significant decimal digits of a number, and whether any later digit was non-zero.
struct DecimalDigits {
  var significand: UInt64 = 0
  var significantDigits = 0
  var truncated = false

  /// Adds `digit`; false when 19 significant digits are already kept (the digit is dropped).
  @inline(__always)
  mutating func append(_ digit: UInt8) -> Bool {
    guard significantDigits < 19 else {
      if digit != 0 { truncated = true }
      return false
    }
    significand = significand &* 10 &+ UInt64(digit)
    if significand != 0 { significantDigits &+= 1 }
    return true
  }
}
