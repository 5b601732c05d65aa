import MonoCloudCrypto
import Testing

@Suite struct PEMTests {
  let der: [UInt8] = Array(0..<200).map { UInt8($0) }

  @Test("encode writes 64-character lines; decode inverts it for every length")
  func roundTrip() throws {
    let text = PEM.encode(label: "PUBLIC KEY", der: der)
    let lines = text.split(separator: "\n")
    #expect(lines.first == "-----BEGIN PUBLIC KEY-----")
    #expect(lines.last == "-----END PUBLIC KEY-----")
    #expect(lines.dropFirst().dropLast().dropLast().allSatisfy { $0.count == 64 })
    #expect(text.hasSuffix("-----\n"))
    var count = 0
    for length in 1...70 {
      let bytes = Array(der[..<length])
      let decoded = try PEM.decode(PEM.encode(label: "X", der: bytes))
      #expect(decoded.der == bytes)
      #expect(decoded.label == Array("X".utf8))
      count += 1
    }
    #expect(count == 70)
  }

  @Test("whitespace around the block and between lines, CRLF, blank-trailing BEGIN lines")
  func lenientWhitespace() throws {
    let text = PEM.encode(label: "PRIVATE KEY", der: der)
    let crlf: String = text.replacingOccurrences(of: "\n", with: "\r\n")
    let surrounded: String = "\n\n  " + text + "\n\n"
    let trailingBlanks: String = text.replacingOccurrences(of: "-----\n", with: "-----  \n")
    let indented: String = text.replacingOccurrences(of: "\n", with: "\n  ")
    let noFinalNewline = String(text.dropLast())
    let variants = [crlf, surrounded, trailingBlanks, indented, noFinalNewline]
    for variant in variants {
      #expect(try PEM.decode(variant).der == der)
    }
    let body = String(text.split(separator: "\n")[1])
    #expect(
      try PEM.decode("-----BEGIN A-----\n\(body.prefix(8)) \(body.dropFirst(8).prefix(8))\n-----END A-----").der.count
        == 12)
  }

  @Test("garbage, mismatched labels and non-canonical base64 are rejected")
  func rejections() {
    let good = PEM.encode(label: "PUBLIC KEY", der: der)
    let bad: [String] = [
      "",
      "garbage",
      "text before\n" + good,
      good + "text after",
      good + good,  // a second block
      good.replacingOccurrences(of: "END PUBLIC KEY", with: "END PRIVATE KEY"),
      good.replacingOccurrences(of: "-----END PUBLIC KEY-----\n", with: ""),
      good.replacingOccurrences(of: "BEGIN PUBLIC KEY-----", with: "BEGIN PUBLIC KEY----"),
      good.replacingOccurrences(of: "BEGIN PUBLIC KEY-----\n", with: "BEGIN PUBLIC KEY-----"),
      good.replacingOccurrences(of: "\n-----END", with: "-----END"),  // END not at a line start
      good.replacingOccurrences(of: "AAEC", with: "AA_C"),  // base64url character
      good.replacingOccurrences(of: "AAEC", with: "AA=C"),  // padding in the middle
      good.replacingOccurrences(of: "AAEC", with: "AAE"),  // length not a multiple of four
      "-----BEGIN X-----\nAA==\n-----END X-----\n",  // fine: one byte
      "-----BEGIN X-----\nAB==\n-----END X-----\n",  // non-zero spare bits
      "-----BEGIN X-----\nAAB=\n-----END X-----\n",  // non-zero spare bits
      "-----BEGIN X-----\nA===\n-----END X-----\n",  // too much padding
      "-----BEGIN X-----\n\n-----END X-----\n",  // empty body
      "-----BEGIN X-----\nProc-Type: 4,ENCRYPTED\nAAAA\n-----END X-----\n",  // headers
      "-----BEGIN  X-----\nAAAA\n-----END  X-----\n",  // label starting with a space
      "-----BEGIN X\u{e9}-----\nAAAA\n-----END X\u{e9}-----\n",  // non-ASCII label
    ]
    var rejected = 0
    for text in bad {
      do {
        _ = try PEM.decode(text)
      } catch {
        if case .malformedEncoding = error { rejected += 1 }
      }
    }
    #expect(rejected == bad.count - 1)
  }
}
