import MonoCloudJOSE
import Testing

@Suite struct JSONWriterTests {
  static let roundTrips: [String] = [
    "{}",
    "[]",
    "null",
    "true",
    "-1.25e+10",
    #"{"alg":"RS256","kid":"k1","typ":"JWT"}"#,
    #"{"sub":"u","aud":["a","b"],"exp":1700000000,"nested":{"x":[null,false,{}]}}"#,
    #"["\"\\\n\r\t\b\f","\u0000\u001f","é€𝄞","/"]"#,
    #"{"z":1,"a":2,"m":3}"#,
  ]

  @Test func roundTripsCompactDocuments() throws {
    var count = 0
    for text in Self.roundTrips {
      let value = try JSONReader.parse(text)
      let written = JSONWriter.string(value)
      #expect(try JSONReader.parse(written) == value, "\(text)")
      #expect(JSONWriter.string(try JSONReader.parse(written)) == written)
      count += 1
    }
    #expect(count == 9)
  }

  @Test func writesExactText() throws {
    let text = #"{"z":1,"a":[2.50,1e5,-0],"m":"x"}"#
    #expect(try JSONReader.parse(text).jsonString == text)
    #expect(try JSONReader.parse(" { \"a\" : 1 } ").jsonString == #"{"a":1}"#)
  }

  @Test func escapes() {
    let value: JSONValue = .string("q\"b\\s/\u{8}\u{C}\n\r\t\u{0}\u{1F}\u{7F}é€😀")
    #expect(value.jsonString == "\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0000\\u001f\u{7F}é€😀\"")
    #expect(JSONValue.string("").jsonString == "\"\"")
    #expect(JSONValue.string("plain").jsonBytes == Array("\"plain\"".utf8))
  }

  @Test func sortedKeysForThumbprints() {
    // RFC 7638 §3.1 member order: e, kty, n.
    let jwk: JSONObject = ["n": "0vx7", "kty": "RSA", "e": "AQAB"]
    #expect(JSONWriter.string(jwk, keyOrder: .sortedByUTF8) == #"{"e":"AQAB","kty":"RSA","n":"0vx7"}"#)
    #expect(JSONWriter.string(jwk) == #"{"n":"0vx7","kty":"RSA","e":"AQAB"}"#)
    let nested: JSONValue = ["b": ["d": 1, "c": 2], "a": [["z": 0, "y": 1]], "é": 0, "Z": 0]
    #expect(
      JSONWriter.string(nested, keyOrder: .sortedByUTF8) == #"{"Z":0,"a":[{"y":1,"z":0}],"b":{"c":2,"d":1},"é":0}"#)
  }

  /// Sorted output of larger objects (the library sorts with its own heapsort) matches a sort
  /// of the names' UTF-8 bytes, for names that are prefixes of each other, non-ASCII and empty.
  @Test func sortedKeysOfLargeObjects() {
    var names: [String] = ["", "a", "ab", "a\u{0}", "aa", "b", "\u{7F}", "é", "e\u{301}", "€", "😀", "Z"]
    var seed: UInt32 = 12345
    for _ in 0..<300 {
      seed = seed &* 1_103_515_245 &+ 12345
      let length = Int(seed >> 28)
      var name = ""
      for k in 0..<length { name.append(["a", "b", "é", "_", "Z"][Int((seed >> UInt32(k + 3)) % 5)]) }
      if !names.contains(name) { names.append(name) }
    }
    for count in [0, 1, 2, 3, 17, names.count] {
      let subset = Array(names.prefix(count))
      let object = JSONObject(subset.map { JSONMember(key: $0, value: .null) })
      let written = JSONWriter.bytes(object, keyOrder: .sortedByUTF8)
      let expected = subset.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
      let parsed = (try? JSONReader.parseObject(written))?.members.map(\.key) ?? ["unreadable"]
      #expect(parsed.map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "\(count) names")
    }
  }

  @Test func objectMutationKeepsOrderAndUniqueness() {
    var object = JSONObject()
    object["b"] = 1
    object["a"] = 2
    object["b"] = 3
    #expect(object.jsonString == #"{"b":3,"a":2}"#)
    object["b"] = nil
    #expect(object.jsonString == #"{"a":2}"#)
    let fromPairs = JSONObject([JSONMember(key: "x", value: 1), JSONMember(key: "x", value: 2)])
    #expect(fromPairs.jsonString == #"{"x":2}"#)
  }

  @Test func equalityComparesBytesAndIgnoresMemberOrder() throws {
    #expect(try JSONReader.parse(#"{"a":1,"b":[true]}"#) == JSONReader.parse(#"{"b":[true],"a":1}"#))
    #expect(try JSONReader.parse(#"{"a":1}"#) != JSONReader.parse(#"{"a":1,"b":2}"#))
    #expect(JSONValue.string("e\u{301}") != JSONValue.string("\u{E9}"))
    #expect(JSONValue.number(JSONNumber(1)) != JSONValue.string("1"))
    #expect(JSONValue.array([1, 2]) != JSONValue.array([2, 1]))
  }
}
