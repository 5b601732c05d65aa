import MonoCloudJOSE
import Testing

/// JSONTestSuite-style tables: `y_` must parse, `n_` must be rejected.
@Suite struct JSONReaderTests {
  static let accepted: [(name: String, json: [UInt8])] = [
    ("y_object_empty", Array("{}".utf8)),
    ("y_array_empty", Array("[]".utf8)),
    ("y_structure_whitespace", Array(" \t\r\n{ \"a\" : [ 1 , 2 ] } \n".utf8)),
    ("y_string_empty", Array("\"\"".utf8)),
    ("y_literals", Array("[true,false,null]".utf8)),
    ("y_top_level_number", Array("-0".utf8)),
    ("y_top_level_string", Array("\"x\"".utf8)),
    ("y_top_level_null", Array("null".utf8)),
    ("y_number_zero", Array("0".utf8)),
    ("y_number_fraction", Array("[0.5,-1.25,10.0]".utf8)),
    ("y_number_exponents", Array("[1e3,1E3,1e+3,1e-3,-1.5E-07,0e0]".utf8)),
    ("y_number_huge", Array("[1e999999,123456789012345678901234567890]".utf8)),
    ("y_string_escapes", Array(#"["\"\\\/\b\f\n\r\t"]"#.utf8)),
    ("y_string_unicode_escape", Array(#"["\u0041\u00e9\u20AC\uFFFF"]"#.utf8)),
    ("y_string_surrogate_pair", Array(#"["\uD834\uDD1E"]"#.utf8)),
    ("y_string_nul_escape", Array(#"["\u0000"]"#.utf8)),
    ("y_string_utf8_2byte", [0x22, 0xC3, 0xA9, 0x22]),
    ("y_string_utf8_3byte", [0x22, 0xE2, 0x82, 0xAC, 0x22]),
    ("y_string_utf8_4byte_max", [0x22, 0xF4, 0x8F, 0xBF, 0xBF, 0x22]),
    ("y_string_utf8_E0_min", [0x22, 0xE0, 0xA0, 0x80, 0x22]),
    ("y_string_utf8_ED_max", [0x22, 0xED, 0x9F, 0xBF, 0x22]),
    ("y_string_utf8_F0_min", [0x22, 0xF0, 0x90, 0x80, 0x80, 0x22]),
    ("y_string_del", [0x22, 0x7F, 0x22]),
    ("y_string_u2028", Array("\"\u{2028}\u{2029}\"".utf8)),
    ("y_object_same_name_different_case", Array(#"{"a":1,"A":2}"#.utf8)),
    ("y_object_nested_same_name", Array(#"{"a":{"a":1},"b":{"a":2}}"#.utf8)),
    ("y_object_names_differ_by_normalization", Array("{\"e\u{301}\":1,\"\u{E9}\":2}".utf8)),
    ("y_object_many_members", Array(("{" + (0..<100).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}").utf8)),
    ("y_array_nested", Array("[[[[]]],[{}]]".utf8)),
    ("y_jwt_header", Array(#"{"alg":"RS256","typ":"at+jwt","kid":"abc"}"#.utf8)),
  ]

  static let rejected: [(name: String, json: [UInt8])] = [
    ("n_empty", []),
    ("n_whitespace_only", Array(" \n".utf8)),
    ("n_bom", [0xEF, 0xBB, 0xBF] + Array("{}".utf8)),
    ("n_trailing_garbage", Array("{}x".utf8)),
    ("n_two_values", Array("1 2".utf8)),
    ("n_trailing_comma_array", Array("[1,]".utf8)),
    ("n_trailing_comma_object", Array(#"{"a":1,}"#.utf8)),
    ("n_leading_comma", Array("[,1]".utf8)),
    ("n_missing_colon", Array(#"{"a" 1}"#.utf8)),
    ("n_missing_value", Array(#"{"a":}"#.utf8)),
    ("n_unquoted_name", Array("{a:1}".utf8)),
    ("n_single_quotes", Array("['a']".utf8)),
    ("n_unclosed_array", Array("[1".utf8)),
    ("n_unclosed_object", Array(#"{"a":1"#.utf8)),
    ("n_unclosed_string", Array("\"abc".utf8)),
    ("n_extra_close", Array("[1]]".utf8)),
    ("n_nan", Array("NaN".utf8)),
    ("n_infinity", Array("[Infinity]".utf8)),
    ("n_minus_infinity", Array("-Infinity".utf8)),
    ("n_leading_zero", Array("[01]".utf8)),
    ("n_leading_zero_negative", Array("-012".utf8)),
    ("n_plus", Array("+1".utf8)),
    ("n_dot_start", Array(".5".utf8)),
    ("n_dot_end", Array("1.".utf8)),
    ("n_exponent_empty", Array("1e".utf8)),
    ("n_exponent_sign_only", Array("1e+".utf8)),
    ("n_minus_only", Array("-".utf8)),
    ("n_hex", Array("0x1F".utf8)),
    ("n_true_truncated", Array("tru".utf8)),
    ("n_false_misspelled", Array("falsy".utf8)),
    ("n_null_capital", Array("Null".utf8)),
    ("n_control_char_in_string", [0x22, 0x09, 0x22]),
    ("n_newline_in_string", [0x22, 0x0A, 0x22]),
    ("n_invalid_escape", Array(#"["\x"]"#.utf8)),
    ("n_escape_uppercase_U", Array(#"["\U0041"]"#.utf8)),
    ("n_short_unicode_escape", Array(#"["\u12"]"#.utf8)),
    ("n_bad_hex_escape", Array(#"["\u12G4"]"#.utf8)),
    ("n_lone_high_surrogate", Array(#"["\uD800"]"#.utf8)),
    ("n_lone_low_surrogate", Array(#"["\uDC00"]"#.utf8)),
    ("n_high_then_non_surrogate", Array(#"["\uD800\u0041"]"#.utf8)),
    ("n_two_high_surrogates", Array(#"["\uD800\uD800"]"#.utf8)),
    ("n_high_surrogate_then_text", Array(#"["\uD800abcdef"]"#.utf8)),
    ("n_utf8_overlong_2byte", [0x22, 0xC0, 0xAF, 0x22]),
    ("n_utf8_overlong_C1", [0x22, 0xC1, 0xBF, 0x22]),
    ("n_utf8_overlong_3byte", [0x22, 0xE0, 0x9F, 0xBF, 0x22]),
    ("n_utf8_overlong_4byte", [0x22, 0xF0, 0x8F, 0xBF, 0xBF, 0x22]),
    ("n_utf8_surrogate_D800", [0x22, 0xED, 0xA0, 0x80, 0x22]),
    ("n_utf8_surrogate_DFFF", [0x22, 0xED, 0xBF, 0xBF, 0x22]),
    ("n_utf8_above_10FFFF", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]),
    ("n_utf8_F5", [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22]),
    ("n_utf8_FF", [0x22, 0xFF, 0x22]),
    ("n_utf8_lone_continuation", [0x22, 0x80, 0x22]),
    ("n_utf8_truncated_at_end", [0x22, 0xE2, 0x82]),
    ("n_utf8_truncated_before_quote", [0x22, 0xE2, 0x82, 0x22]),
    ("n_utf8_bad_continuation", [0x22, 0xE2, 0x28, 0xA1, 0x22]),
    ("n_utf8_outside_string", [0x5B, 0xC3, 0xA9, 0x5D]),
    ("n_utf8_in_escaped_string", [0x22, 0x5C, 0x6E, 0xC0, 0xAF, 0x22]),
    ("n_duplicate_name", Array(#"{"a":1,"a":2}"#.utf8)),
    ("n_duplicate_name_via_escape", Array(#"{"a":1,"\u0061":2}"#.utf8)),
    ("n_duplicate_name_nested", Array(#"{"x":{"kid":1,"alg":2,"kid":3}}"#.utf8)),
    (
      "n_duplicate_name_large_object",
      Array(("{" + (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + ",\"k3\":0}").utf8)
    ),
    ("n_comment", Array("[1 /* x */]".utf8)),
    ("n_nul_byte_after", Array("{}".utf8) + [0]),
    ("n_vertical_tab_whitespace", [0x0B, 0x31]),
    ("n_form_feed_whitespace", [0x5B, 0x0C, 0x5D]),
  ]

  @Test func acceptsValidDocuments() {
    var count = 0
    for (name, json) in Self.accepted {
      #expect(throws: Never.self, "\(name)") { _ = try JSONReader.parse(json) }
      count += 1
    }
    #expect(count == 30)
  }

  @Test func rejectsInvalidDocuments() {
    var count = 0
    for (name, json) in Self.rejected {
      do {
        _ = try JSONReader.parse(json)
        Issue.record("accepted \(name)")
      } catch {
        #expect(error.code == .invalidInput, "\(name)")
      }
      count += 1
    }
    #expect(count == 65)
  }

  @Test func decodesValues() throws {
    let value = try JSONReader.parse(
      #"{"s":"a\"b\\c\/d\u00e9\uD834\uDD1E","n":-12.5e1,"t":true,"f":false,"z":null,"a":[1,"x"],"o":{"k":"v"}}"#)
    guard case .object(let object) = value else {
      Issue.record("not an object")
      return
    }
    #expect(object.keys == ["s", "n", "t", "f", "z", "a", "o"])
    #expect(object.string("s") == "a\"b\\c/d\u{E9}\u{1D11E}")
    #expect(object.number("n")?.text == "-12.5e1")
    #expect(object.double("n") == -125)
    #expect(object.bool("t") == true)
    #expect(object.bool("f") == false)
    #expect(object["z"]?.isNull == true)
    #expect(object.array("a") == [1, "x"])
    #expect(object.object("o")?.string("k") == "v")
    #expect(value["o"]?["k"] == "v")
    #expect(value["a"]?[1] == "x")
    #expect(value["a"]?[2] == nil)
    #expect(object["missing"] == nil)
    #expect(object.string("n") == nil)
  }

  @Test func keepsRawUTF8AndNormalizationDistinctNames() throws {
    let object = try JSONReader.parseObject("{\"e\u{301}\":1,\"\u{E9}\":2}")
    #expect(object.count == 2)
    #expect(object.int64("e\u{301}") == 1)
    #expect(object.int64("\u{E9}") == 2)
  }

  @Test func parseObjectRequiresAnObject() {
    #expect(throws: JOSEError.self) { try JSONReader.parseObject("[1]") }
    #expect(throws: JOSEError.self) { try JSONReader.parseObject("\"x\"") }
    #expect((try? JSONReader.parseObject("{}"))?.isEmpty == true)
  }

  @Test func parsesBase64URLEncodedObject() throws {
    let encoded = Array("eyJhbGciOiJFUzI1NiIsImtpZCI6IjEifQ".utf8)  // {"alg":"ES256","kid":"1"}
    let object = try encoded.withUnsafeBytes { try JSONReader.parseObject(base64URLEncoded: $0) }
    #expect(object.string("alg") == "ES256")
    #expect(object.string("kid") == "1")
    let padded = Array("eyJhbGciOiJFUzI1NiIsImtpZCI6IjEifQ==".utf8)
    #expect(throws: JOSEError.self) { try padded.withUnsafeBytes { try JSONReader.parseObject(base64URLEncoded: $0) } }
    let array = Array("WzFd".utf8)  // [1]
    #expect(throws: JOSEError.self) { try array.withUnsafeBytes { try JSONReader.parseObject(base64URLEncoded: $0) } }
  }

  static func nested(_ depth: Int, open: String = "[", close: String = "]") -> [UInt8] {
    Array((String(repeating: open, count: depth) + String(repeating: close, count: depth)).utf8)
  }

  @Test func depthLimit() throws {
    #expect(throws: Never.self) { try JSONReader.parse(Self.nested(64)) }
    #expect(throws: JOSEError.self) { try JSONReader.parse(Self.nested(65)) }
    var objects = ""
    for _ in 0..<63 { objects += "{\"a\":" }
    objects += "{}" + String(repeating: "}", count: 63)
    #expect(throws: Never.self) { try JSONReader.parse(objects) }
    #expect(throws: JOSEError.self) { try JSONReader.parse("[" + objects + "]") }
    let tight = JSONReader.Limits(maxDepth: 2)
    #expect(throws: Never.self) { try JSONReader.parse("[[1]]", limits: tight) }
    #expect(throws: JOSEError.self) { try JSONReader.parse("[[[1]]]", limits: tight) }
    #expect(throws: Never.self) { try JSONReader.parse("1", limits: JSONReader.Limits(maxDepth: 0)) }
  }

  @Test func rejectsVeryDeepNesting() {
    let deep = Self.nested(100_000)
    let deepObjects = Array(String(repeating: "{\"a\":", count: 100_000).utf8)
    // Refused at the depth limit (the clamp keeps a huge limit from recursing 100,000 deep).
    for (input, limits) in [
      (deep, JSONReader.Limits.default), (deepObjects, .default), (deep, JSONReader.Limits(maxDepth: 1_000_000)),
    ] {
      let error = #expect(throws: JOSEError.self) { try JSONReader.parse(input, limits: limits) }
      #expect(error?.message.contains("nesting deeper than") == true)
    }
  }

  @Test func sizeLimit() {
    let limits = JSONReader.Limits(maxInputBytes: 10)
    #expect(throws: Never.self) { try JSONReader.parse("[1,2,3,44]", limits: limits) }
    #expect(throws: JOSEError.self) { try JSONReader.parse("[1,2,3,444]", limits: limits) }
    let big = Array(("[" + String(repeating: "1,", count: 600_000) + "1]").utf8)
    #expect(throws: JOSEError.self) { try JSONReader.parse(big) }
    #expect(throws: Never.self) { try JSONReader.parse(big, limits: JSONReader.Limits(maxInputBytes: 2 << 20)) }
  }

  @Test func manyMemberObjectDuplicateCheck() throws {
    // 60,000 distinct names (checked by sorting, not pairwise), then one duplicate at the end.
    let text = "{" + (0..<60_000).map { "\"m\($0)\":0" }.joined(separator: ",") + "}"
    #expect(try JSONReader.parseObject(text).count == 60_000)
    #expect(throws: JOSEError.self) { try JSONReader.parseObject(String(text.dropLast()) + ",\"m59999\":1}") }
  }

  /// Objects of more than 16 members are checked for duplicates by sorting: a duplicate is found
  /// wherever the two copies are, and names that are prefixes of each other are distinct.
  @Test func duplicatesInLargeObjectsAreFoundAnywhere() {
    let names = (0..<40).map { "n\($0 % 7)" + String(repeating: "x", count: $0 / 7) }
    #expect(Set(names).count == 40)
    func text(_ keys: [String]) -> String { "{" + keys.map { "\"\($0)\":0" }.joined(separator: ",") + "}" }
    #expect((try? JSONReader.parseObject(text(names)))?.count == 40)
    var checked = 0
    for (i, j) in [(0, 0), (0, 39), (39, 39), (20, 3), (7, 8), (38, 0)] {
      var keys = names
      keys.insert(names[i], at: j)
      #expect(throws: JOSEError.self, "\(i) at \(j)") { try JSONReader.parseObject(text(keys)) }
      checked += 1
    }
    #expect(checked == 6)
  }

  @Test func errorMessagesDoNotContainContent() {
    do {
      _ = try JSONReader.parse(#"{"secret-token-value":1,"secret-token-value":2}"#)
      Issue.record("accepted duplicate")
    } catch {
      #expect(!error.message.contains("secret"))
      #expect(error.message.contains("duplicate"))
    }
  }
}

extension JSONReaderTests {
  @Test func depthLimitIsClampedTo512() {
    let limits = JSONReader.Limits(maxDepth: 1_000_000, maxInputBytes: 1 << 20)
    #expect(throws: Never.self) { try JSONReader.parse(Self.nested(512), limits: limits) }
    #expect(throws: JOSEError.self) { try JSONReader.parse(Self.nested(513), limits: limits) }
  }

  @Test func lookupComparesWholeNamesOfAnyLength() throws {
    let long = String(repeating: "k", count: 40)
    let object = try JSONReader.parseObject(
      "{\"\(long)\":1,\"\(long)x\":2,\"x\(long)\":3,\"k\":4,\"\":5,\"kid\":6,\"ki\\u0064x\":7}")
    #expect(object.int64(long) == 1)
    #expect(object.int64(long + "x") == 2)
    #expect(object.int64("x" + long) == 3)
    #expect(object.int64("k") == 4)
    #expect(object.int64("") == 5)
    #expect(object.int64("kid") == 6)
    #expect(object.int64("kidx") == 7)
    #expect(object[String(repeating: "k", count: 39)] == nil)
    #expect(object["ki"] == nil)
    #expect(object.index(forKey: "kid") == 5)
  }

  @Test func wellKnownNamesAreOrdinaryStrings() throws {
    let object = try JSONReader.parseObject(#"{"iss":"a","x5t#S256":"b","key_ops":["verify"],"issx":"c"}"#)
    #expect(object.keys == ["iss", "x5t#S256", "key_ops", "issx"])
    #expect(object.string("iss") == "a")
    #expect(object.string("x5t#S256") == "b")
    #expect(object.strings("key_ops") == ["verify"])
    #expect(object.string("issx") == "c")
    #expect(throws: JOSEError.self) { try JSONReader.parseObject(#"{"iss":"a","iss":"b"}"#) }
    #expect(throws: JOSEError.self) { try JSONReader.parseObject(#"{"iss":"a","i\u0073s":"b"}"#) }
  }
}

extension JSONReaderTests {
  /// Many pending members and elements at once move the parser's stack to the heap; values
  /// must come out intact, and errors after the move must release everything (checked by the
  /// address-sanitized fuzz build too).
  @Test func largeContainersKeepTheirValues() throws {
    var text = "{"
    for i in 0..<50 {
      if i > 0 { text += "," }
      text += "\"m\(i)\":[\(i),\"s\(i)\",{\"n\":[\(i),[\(i)]]}]"
    }
    text += "}"
    let object = try JSONReader.parseObject(text)
    #expect(object.count == 50)
    for i in 0..<50 {
      let elements = object.array("m\(i)")
      #expect(elements?.count == 3)
      #expect(elements?[0].int64Value == Int64(i))
      #expect(elements?[1].stringValue == "s\(i)")
      #expect(elements?[2]["n"]?[1]?[0]?.int64Value == Int64(i))
    }
    #expect(try JSONReader.parse(object.jsonString) == .object(object))
    #expect(throws: JOSEError.self) { try JSONReader.parseObject(String(text.dropLast()) + ",\"m7\":0}") }
    #expect(throws: JOSEError.self) { try JSONReader.parseObject(String(text.dropLast()) + ",\"x\":[1,2,}") }
    let array = "[" + (0..<500).map { "\($0)" }.joined(separator: ",") + "]"
    #expect(try JSONReader.parse(array).arrayValue?.count == 500)
    #expect(try JSONReader.parse(array).arrayValue?[499].int64Value == 499)
  }
}
