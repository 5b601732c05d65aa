import Testing

@testable import MonoCloudJOSE

/// The in-place reading of token payloads (`JSONReader.parseObjectInPlace`, `JSONScanner`,
/// claims checked over bytes) against the tree reader: the same objects, the same errors, the
/// same claim decisions, for every document of the reader's tables and more.
@Suite struct JSONInPlaceTests {
  /// Objects the scanner must keep in place (no escapes, few members).
  static let plainObjects: [String] = [
    "{}",
    " \t\r\n{ \"a\" : [ 1 , 2 ] } \n",
    #"{"alg":"RS256","typ":"at+jwt","kid":"abc"}"#,
    #"{"a":{"a":1},"b":{"a":2},"c":[{"a":1,"b":[true,false,null]}],"d":-0.5e-3}"#,
    "{\"e\u{301}\":1,\"\u{E9}\":\"\u{1F600}\",\"long name over fifteen bytes\":\"a value over fifteen bytes\"}",
    #"{"iss":"https://tenant.us.monocloud.example","aud":["https://api.example.com"],"exp":1750003540}"#,
  ]

  /// Documents the scanner leaves to the tree reader, or that both reject.
  static let otherDocuments: [String] = [
    #"{"a":"\u0041","b":"x\/y"}"#,
    #"{"a":1,"\u0061":2}"#,
    #"{"a":{"b":1,"b":2}}"#,
    #"{"a":1,"a":2}"#,
    #"{"a":[{"x":1,"x":1}]}"#,
    "{" + (0..<100).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}",
    "{" + (0..<70).map { "\"k\($0)\":{\"v\":\($0)}" }.joined(separator: ",") + "}",
    "{" + (0..<17).map { "\"k\($0 % 16)\":\($0)" }.joined(separator: ",") + "}",
    String(repeating: "{\"a\":", count: 70) + "1" + String(repeating: "}", count: 70),
    String(repeating: "{\"a\":", count: 64) + "1" + String(repeating: "}", count: 64),
    String(repeating: "{\"a\":[", count: 40) + "1" + String(repeating: "]}", count: 40),
    "[1]", "1", "\"s\"", "null", "", " ", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":01}", "{\"a\":tru}",
    "{\"a\":\"\u{1}\"}", "{\"a\":1} x", "{\"a\":NaN}", "{\"a\":[1,]}", "{,}", "{\"a\":1 \"b\":2}",
  ]

  static func encoded(_ bytes: [UInt8]) -> [UInt8] { Array(Base64URL.encode(bytes).utf8) }

  /// Both readers' outcome for `document`: the object, or the error's code and message.
  static func outcomes(
    _ document: [UInt8], limits: JSONReader.Limits = .default
  ) -> (tree: Result<JSONObject, JOSEError>, inPlace: Result<JSONObject, JOSEError>) {
    let text = encoded(document)
    let tree = text.withUnsafeBytes { raw in
      Result { () throws(JOSEError) -> JSONObject in try JSONReader.parseObject(base64URLEncoded: raw, limits: limits) }
    }
    let inPlace = text.withUnsafeBytes { raw in
      Result { () throws(JOSEError) -> JSONObject in
        try JSONReader.parseObjectInPlace(base64URLEncoded: raw, limits: limits)
      }
    }
    return (tree, inPlace)
  }

  /// Every way of reading the in-place object gives what the tree gives.
  static func expectSame(_ tree: JSONObject, _ inPlace: JSONObject, _ label: String) {
    #expect(inPlace == tree, "\(label)")
    #expect(tree == inPlace, "\(label)")
    #expect(inPlace.count == tree.count, "\(label)")
    #expect(inPlace.isEmpty == tree.isEmpty, "\(label)")
    #expect(inPlace.keys == tree.keys, "\(label)")
    #expect(inPlace.members == tree.members, "\(label)")
    for key in tree.keys {
      #expect(inPlace[key] == tree[key], "\(label): \(key)")
      #expect(inPlace.index(forKey: key) == tree.index(forKey: key), "\(label): \(key)")
    }
    #expect(inPlace["not a member"] == nil)
    #expect(JSONWriter.bytes(inPlace) == JSONWriter.bytes(tree), "\(label)")
  }

  static func expectSameOutcome(_ document: [UInt8], limits: JSONReader.Limits = .default, _ label: String) {
    let (tree, inPlace) = outcomes(document, limits: limits)
    switch (tree, inPlace) {
    case (.success(let a), .success(let b)):
      expectSame(a, b, label)
    case (.failure(let a), .failure(let b)):
      #expect(a.code == b.code && a.message == b.message, "\(label): \(a.message) / \(b.message)")
    default:
      Issue.record("\(label): one reader accepted, the other rejected")
    }
  }

  @Test func plainObjectsAreKeptInPlaceAndReadAsTrees() {
    for document in Self.plainObjects {
      let (tree, inPlace) = Self.outcomes(Array(document.utf8))
      guard case .success(let treeObject) = tree, case .success(let object) = inPlace else {
        Issue.record("not accepted: \(document)")
        continue
      }
      #expect(object.withSourceDocument { Array($0) } == Array(document.utf8), "kept as it was: \(document)")
      #expect(treeObject.withSourceDocument { _ in true } == nil)
      Self.expectSame(treeObject, object, document)
    }
  }

  @Test func everyReaderTableDocumentGivesTheSameOutcome() {
    var compared = 0
    for (name, json) in JSONReaderTests.accepted + JSONReaderTests.rejected {
      Self.expectSameOutcome(json, name)
      // The same document as a member value, so that non-object documents reach the scanner too.
      Self.expectSameOutcome(Array("{\"v\":".utf8) + json + Array("}".utf8), "member \(name)")
      compared &+= 2
    }
    for document in Self.plainObjects + Self.otherDocuments {
      Self.expectSameOutcome(Array(document.utf8), document)
      Self.expectSameOutcome(Array(document.utf8), limits: JSONReader.Limits(maxDepth: 2, maxInputBytes: 64), document)
      compared &+= 2
    }
    #expect(Self.otherDocuments.count == 29)
    #expect(compared == 2 * (JSONReaderTests.accepted.count + JSONReaderTests.rejected.count) + 2 * (6 + 29))
  }

  @Test func escapedDocumentsAreParsedIntoTrees() throws {
    let document = Array(#"{"iss":"https:\/\/tenant.example.com"}"#.utf8)
    let object = try Self.encoded(document).withBytes { (raw) throws(JOSEError) in
      try JSONReader.parseObjectInPlace(base64URLEncoded: raw)
    }
    #expect(object.withSourceDocument { _ in true } == nil)
    #expect(object.string("iss") == "https://tenant.example.com")
  }

  @Test func mutatingAnInPlaceObjectMakesItATree() throws {
    var object = try Self.encoded(Array(#"{"a":1,"b":"two"}"#.utf8)).withBytes { (raw) throws(JOSEError) in
      try JSONReader.parseObjectInPlace(base64URLEncoded: raw)
    }
    object["c"] = true
    object["a"] = nil
    #expect(object.withSourceDocument { _ in true } == nil)
    #expect(object == ["b": "two", "c": true])
  }
}
