import MonoCloudCrypto
import Testing

/// The error model: callers match on the code, people read the reason.
@Suite("CryptoError")
struct CryptoErrorTests {
  @Test("equality and hashing use the code only, never the reason")
  func equalityIgnoresReason() {
    #expect(CryptoError.invalidKey("one wording") == CryptoError.invalidKey("another wording"))
    #expect(CryptoError.invalidKey("same") != CryptoError.malformedEncoding("same"))
    #expect(CryptoError.invalidKey("a").hashValue == CryptoError(.invalidKey, "b").hashValue)
    #expect(CryptoError.randomnessUnavailable == CryptoError(.randomnessUnavailable, "whatever"))
  }

  @Test("the reason is kept for messages")
  func reasonIsKept() {
    let error = CryptoError.invalidParameter("salt is too long")
    #expect(error.code == .invalidParameter)
    #expect(error.reason == "salt is too long")
    #expect(error.description == "invalidParameter: salt is too long")
    #expect(CryptoError.randomnessUnavailable.reason == "no randomness source is available")
  }

  @Test("a thrown error matches its code in switch and if-case patterns")
  func patternMatchingOnCode() {
    func parse() throws(CryptoError) { throw .malformedEncoding("truncated") }
    do {
      try parse()
      Issue.record("parse did not throw")
    } catch {
      var matched = 0
      switch error {
      case .invalidKey: Issue.record("matched the wrong code")
      case .malformedEncoding: matched += 1
      default: Issue.record("matched no code")
      }
      if case .malformedEncoding = error { matched += 1 }
      if case .invalidSignature = error { Issue.record("if-case matched the wrong code") }
      #expect(matched == 2)
    }
  }

  @Test("every code has its own name")
  func codeNames() {
    let codes: [CryptoError.Code] = [
      .malformedEncoding, .unsupportedAlgorithm, .invalidKey, .invalidSignature, .invalidParameter,
      .randomnessUnavailable, .signingFailed,
    ]
    #expect(Set(codes.map(\.description)).count == 7)
    #expect(CryptoError.Code.signingFailed.description == "signingFailed")
  }
}
