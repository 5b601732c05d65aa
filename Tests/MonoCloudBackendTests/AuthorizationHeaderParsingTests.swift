import MonoCloudBackend
import Testing

/// The byte scanner of `AccessTokenCredentials.parse` against the rules written on Characters
/// (split on U+0020, scheme lower-cased, no whitespace of any kind in the token), over many
/// generated headers.
@Suite struct AuthorizationHeaderParsingTests {
  /// The reference: the rules as Characters.
  static func reference(_ header: String) -> AccessTokenCredentials? {
    let parts = header.split(separator: " ", omittingEmptySubsequences: true)
    guard parts.count == 2 else { return nil }
    let scheme: AccessTokenScheme
    switch parts[0].lowercased() {
    case "bearer": scheme = .bearer
    case "dpop": scheme = .dpop
    default: return nil
    }
    guard !parts[1].contains(where: { $0.isWhitespace }) else { return nil }
    return AccessTokenCredentials(scheme: scheme, token: String(parts[1]))
  }

  @Test func generatedHeadersParseAsTheCharacterRulesSay() {
    let schemes = [
      "Bearer", "bearer", "BEARER", "bEaReR", "DPoP", "dpop", "DPOP", "Bearer\t", "Basic", "Bearerx",
      "bear", "", "B\u{E9}arer", "D\u{200B}PoP",
    ]
    let pieces = [
      "abc", "eyJ.eyJ.sig", "a-b_c~d+e/f=", " ", "  ", "\t", "\r\n", "\n", "\u{0B}", "\u{0C}", "\r",
      "\u{A0}", "\u{2003}", "\u{3000}", "\u{85}", "\u{301}", "é", "x", ".", "\u{1C}",
    ]
    var generator = SplitMix64(seed: 0x4D6F_6E6F)
    var cases = 0
    var accepted = 0
    for _ in 0..<20_000 {
      var header = generator.next() % 5 == 0 ? " " : ""
      header += schemes[Int(generator.next() % UInt64(schemes.count))]
      header += generator.next() % 7 == 0 ? "  " : " "
      if generator.next() % 2 == 0 { header += "eyJ.eyJ.sig" }
      for _ in 0..<Int(generator.next() % 3) { header += pieces[Int(generator.next() % UInt64(pieces.count))] }
      if generator.next() % 6 == 0 { header += " " }
      let expected = Self.reference(header)
      #expect(AccessTokenCredentials.parse(authorizationHeader: header) == expected, "\(Array(header.utf8))")
      let bearer = expected?.scheme == .bearer ? expected?.token : nil
      #expect(BearerToken.parse(authorizationHeader: header) == bearer)
      cases += 1
      if expected != nil { accepted += 1 }
    }
    #expect(cases == 20_000)
    // Both outcomes are well represented.
    #expect(accepted > 2_000 && accepted < 18_000)
  }

  /// Long tokens with one odd byte at every offset: the byte scan reads eight bytes at a time,
  /// so each position within and across its words must be seen.
  @Test func oddByteAtEveryOffsetOfLongTokens() {
    let odd = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{7F}", "é", "\u{A0}", "!", "~"]
    var generator = SplitMix64(seed: 0x0DD_B17E)
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
    var cases = 0
    for length in [1, 7, 8, 9, 15, 16, 17, 31, 64, 65] {
      for offset in 0...length {
        for character in odd {
          var token = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
          token.insert(contentsOf: character, at: token.index(token.startIndex, offsetBy: offset))
          let header = "Bearer " + token
          #expect(AccessTokenCredentials.parse(authorizationHeader: header) == Self.reference(header), "\(token)")
          cases += 1
        }
      }
    }
    #expect(cases == 12 * (2 + 8 + 9 + 10 + 16 + 17 + 18 + 32 + 65 + 66))
  }

  /// `DecodedJWT.looksLikeJWT` counts dots eight bytes at a time: tokens with zero to three
  /// dots at every offset, next to bytes that differ from "." by one bit ("-", "/", "®" whose
  /// second UTF-8 byte is 0xAE, NUL), against a count over Characters.
  @Test func dotCountAtEveryOffset() {
    let fillers: [Character] = ["A", "-", "/", "®", "\u{0}", "n", "é"]
    var generator = SplitMix64(seed: 0xD07_5CA7)
    var cases = 0
    var jwtShaped = 0
    for length in [0, 1, 7, 8, 9, 15, 16, 17, 24, 33, 70] {
      for dots in 0...3 {
        for _ in 0..<12 {
          var characters = (0..<length).map { _ in fillers[Int(generator.next() % UInt64(fillers.count))] }
          for _ in 0..<dots {
            characters.insert(".", at: Int(generator.next() % UInt64(characters.count + 1)))
          }
          let token = String(characters)
          let expected = token.filter { $0 == "." }.count == 2
          #expect(DecodedJWT.looksLikeJWT(token) == expected, "\(token.debugDescription)")
          if expected { jwtShaped += 1 }
          cases += 1
        }
      }
    }
    #expect(cases == 11 * 4 * 12)
    #expect(jwtShaped == 11 * 12)
  }

  @Test func fixedCases() {
    let token = String(repeating: "eyJhbGciOiJFUzI1NiJ9", count: 40)
    #expect(BearerToken.parse(authorizationHeader: "Bearer " + token) == token)
    #expect(BearerToken.parse(authorizationHeader: "  bearer   " + token + "  ") == token)
    #expect(BearerToken.parse(authorizationHeader: "Bearer " + token + "\t") == nil)
    #expect(BearerToken.parse(authorizationHeader: "Bearer a b") == nil)
    #expect(BearerToken.parse(authorizationHeader: "DPoP " + token) == nil)
    #expect(AccessTokenCredentials.parse(authorizationHeader: "DPOP " + token)?.scheme == .dpop)
    #expect(BearerToken.parse(authorizationHeader: "Bearer \u{A0}abc") == nil)
    #expect(BearerToken.parse(authorizationHeader: "Bearer ab\u{2003}c") == nil)
    #expect(BearerToken.parse(authorizationHeader: "Bearer \u{301}abc") == nil)  // one Character " ́"
    #expect(BearerToken.parse(authorizationHeader: "Bearer") == nil)
    #expect(BearerToken.parse(authorizationHeader: "") == nil)
  }
}

/// A small deterministic generator (SplitMix64) for reproducible cases.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
