import MonoCloudJOSE
import Testing

/// The error model: codes compare and match, messages are kept on the way up, and the public-key
/// imports refuse private key files.
@Suite struct JOSEErrorTests {
  @Test func equalityAndMatchingUseTheCodeOnly() {
    let error = JOSEError(.invalidToken, "the signature is invalid", reason: .invalidSignature)
    #expect(error == JOSEError(.invalidToken, "another text"))
    #expect(error != JOSEError(.invalidKey, "the signature is invalid"))
    var matched = ""
    switch error {
    case .insufficientScope: matched = "scope"
    case .invalidToken: matched = "token"
    default: matched = "other"
    }
    #expect(matched == "token")
    #expect(error.description == "invalid_token: the signature is invalid")
  }

  @Test func everyCodeHasItsWireName() {
    let codes: [JOSEError.Code] = [
      .invalidToken, .inactiveToken, .insufficientScope, .insufficientGroups, .invalidKey, .invalidInput,
    ]
    #expect(
      codes.map(\.name) == [
        "invalid_token", "inactive_token", "insufficient_scope", "insufficient_groups", "invalid_key", "invalid_input",
      ])
  }

  @Test func wrappingKeepsTheInnerMessageAndReason() {
    let inner = JOSEError(.invalidInput, "base64url: impossible length", reason: .unsupportedAlgorithm)
    let outer = inner.wrapped(as: .invalidKey, "JWK: x is not valid base64url")
    #expect(outer.code == .invalidKey)
    #expect(outer.reason == .unsupportedAlgorithm)
    #expect(outer.message == "JWK: x is not valid base64url: base64url: impossible length")
  }

  @Test func keyMemberErrorsSayWhatTheDecoderSaid() {
    let error = #expect(throws: JOSEError.self) {
      try JWK(publicKeyFrom: ["kty": "OKP", "crv": "Ed25519", "x": "a"])
    }
    #expect(error?.code == .invalidKey)
    #expect(error?.message == "JWK: x is not valid base64url: base64url: impossible length")
  }

  @Test func certificateErrorsKeepTheParserMessage() {
    // Valid base64 of a DER INTEGER: PEM decodes, the certificate structure does not.
    let error = #expect(throws: JOSEError.self) { try CertificateThumbprint.sha256(certificate: "AgEB") }
    #expect(error?.code == .invalidInput)
    let message = error?.message ?? ""
    #expect(message.hasPrefix("certificate: not a DER X.509 certificate: "))
    #expect(message.count > "certificate: not a DER X.509 certificate: ".count)
  }

  @Test func publicKeyPEMImportRefusesPrivateKeys() throws {
    var refused = 0
    var imported = 0
    for (name, pem) in JOSETestKeyMaterial.pem.sorted(by: { $0.key < $1.key }) {
      if pem.contains("PRIVATE KEY") {
        let error = #expect(throws: JOSEError.self, "\(name)") { try JWK(publicKeyFromPEM: pem) }
        #expect(error?.code == .invalidKey)
        #expect(try JWK(importingPrivateKeyFromPEM: pem).isPrivate, "\(name)")
        refused += 1
      } else {
        let key = try JWK(publicKeyFromPEM: pem, keyID: "k")
        #expect(!key.isPrivate && key.keyID == "k", "\(name)")
        imported += 1
      }
    }
    // PKCS #8, SEC 1 and PKCS #1 private keys; SPKI and PKCS #1 public keys.
    #expect(refused == 11)
    #expect(imported == 8)
  }
}
