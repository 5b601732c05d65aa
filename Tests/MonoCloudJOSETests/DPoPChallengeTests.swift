import MonoCloudJOSE
import Testing

@Suite struct DPoPChallengeTests {
  @Test func headerValues() {
    let algorithms: [JWSAlgorithm] = [.es256, .ps256, .hs256, .es256]
    #expect(DPoPChallenge(algorithms: algorithms).headerValue == #"DPoP algs="ES256 PS256""#)
    let failure = DPoPError(.badSignature, "the DPoP proof's signature is invalid")
    #expect(
      DPoPChallenge(failure, algorithms: algorithms, realm: "api").headerValue
        == #"DPoP realm="api", error="invalid_dpop_proof", error_description="the DPoP proof's signature is invalid", algs="ES256 PS256""#
    )
    let nonce = DPoPError(.nonceRequired, "the resource server requires a DPoP nonce")
    #expect(
      DPoPChallenge(nonce, algorithms: [.es256]).headerValue
        == #"DPoP error="use_dpop_nonce", error_description="the resource server requires a DPoP nonce", algs="ES256""#)
    let bearer = DPoPError(.boundTokenAsBearer, "x")
    #expect(DPoPChallenge(bearer, algorithms: [.edDSA]).headerValue.hasPrefix(#"DPoP error="invalid_token""#))
    // Quotes, backslashes, controls and non-ASCII are dropped from quoted values.
    let odd = DPoPChallenge(algorithms: [.es256], realm: "a\"b\\c\nd é", errorDescription: "ok")
    #expect(odd.headerValue == #"DPoP realm="abcd ", error_description="ok", algs="ES256""#)
  }

  @Test func errorCodes() {
    let invalidProof: [DPoPError.Reason] = [
      .missingProof, .multipleProofs, .malformed, .wrongType, .algorithmNotAllowed, .invalidKey, .privateKeyMember,
      .badSignature, .invalidIdentifier, .methodMismatch, .urlMismatch, .invalidRequestURL, .iatOutOfWindow,
      .athMissing, .athMismatch, .thumbprintMismatch, .replayed, .replayCacheFull,
    ]
    for reason in invalidProof { #expect(reason.code.name == "invalid_dpop_proof") }
    for reason in [DPoPError.Reason.nonceRequired, .nonceMismatch] { #expect(reason.code.name == "use_dpop_nonce") }
    for reason in [DPoPError.Reason.boundTokenAsBearer, .tokenNotBound, .malformedConfirmation] {
      #expect(reason.code.name == "invalid_token")
    }
  }

  @Test func nonceSyntax() {
    #expect(DPoPChallenge.isValidNonce("eyJ7S_zG.eyJH0-Z.HX4w-7v"))
    #expect(DPoPChallenge.isValidNonce("!#[]~"))
    for bad in ["", "a b", "a\"b", "a\\b", "é", "a\tb"] { #expect(!DPoPChallenge.isValidNonce(bad), "\(bad)") }
  }

  @Test func bindingDecidesWhetherAProofIsRequired() throws {
    let bound: JSONObject = ["sub": "u", "cnf": ["jkt": "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"]]
    let certificateBound: JSONObject = ["sub": "u", "cnf": ["x5t#S256": "abc"]]
    let plain: JSONObject = ["sub": "u"]
    let jkt = try DPoPBinding.confirmationThumbprint(in: bound)
    #expect(jkt == "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")
    #expect(try DPoPBinding.confirmationThumbprint(in: certificateBound) == nil)
    #expect(try DPoPBinding.confirmationThumbprint(in: plain) == nil)
    for broken: JSONObject in [["cnf": "x"], ["cnf": ["jkt": 1]], ["cnf": ["jkt": ""]]] {
      #expect(
        DPoPTestSupport.failure { () throws(DPoPError) in _ = try DPoPBinding.confirmationThumbprint(in: broken) }
          == .malformedConfirmation)
    }
    #expect(try DPoPBinding.requiresProof(scheme: .dpop, confirmationThumbprint: jkt))
    #expect(try !DPoPBinding.requiresProof(scheme: .bearer, confirmationThumbprint: nil))
    #expect(
      DPoPTestSupport.failure { () throws(DPoPError) in
        _ = try DPoPBinding.requiresProof(scheme: .bearer, confirmationThumbprint: jkt)
      } == .boundTokenAsBearer)
    #expect(
      DPoPTestSupport.failure { () throws(DPoPError) in
        _ = try DPoPBinding.requiresProof(scheme: .dpop, confirmationThumbprint: nil)
      } == .tokenNotBound)
  }
}
