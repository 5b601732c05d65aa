import MonoCloudJOSE
import Testing

@Suite struct CertificateThumbprintTests {
  /// A self-signed P-256 client certificate made with OpenSSL; the expected thumbprint is
  /// `openssl x509 -outform DER | openssl dgst -sha256 -binary | base64url`.
  static let pem = """
    -----BEGIN CERTIFICATE-----
    MIIBhzCCAS2gAwIBAgIUQZSaaD+UV84RFm63KlTzxY4d/04wCgYIKoZIzj0EAwIw
    GTEXMBUGA1UEAwwOY2xpZW50LmV4YW1wbGUwHhcNMjYxMTI5MTIzMjA3WhcNMzYx
    MTI2MTIzMjA3WjAZMRcwFQYDVQQDDA5jbGllbnQuZXhhbXBsZTBZMBMGByqGSM49
    AgEGCCqGSM49AwEHA0IABJfVkiZyqF/+nwmSyp+T9mfkMhXsbqgeBcI9uJXttmkZ
    lmGXAcfBrB7m7VYI8YeK+9ty39RWNBlPVtwSKkVemOqjUzBRMB0GA1UdDgQWBBSs
    gmLoUMB/kDMVbI1aIH9U2afdcDAfBgNVHSMEGDAWgBSsgmLoUMB/kDMVbI1aIH9U
    2afdcDAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIC0qkZ9kiT3H
    NSQXbJm8BeijeRIVynm2WsUqB7P9Ek/1AiEAsVNRLWZnrl3PlDJIkGkqNYVGWdmf
    IXbu2eA+3bccLa8=
    -----END CERTIFICATE-----
    """
  static let expected = "1z8iCoV2mU_K-CbgGK2x06AVHJEvhb77lDK4aVt1V3w"

  static var body: String {
    String(pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined())
  }

  /// Percent-encodes everything but letters and digits, as nginx's escaped certificate does
  /// (it also encodes '+', '/', '=', '-' and newlines).
  static func urlEncoded(_ text: String, uppercase: Bool = true) -> String {
    var result = ""
    for byte in text.utf8 {
      let c = Character(Unicode.Scalar(byte))
      if c.isLetter || c.isNumber {
        result.append(c)
      } else {
        let hex = String(byte, radix: 16, uppercase: uppercase)
        result += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return result
  }

  @Test func acceptedForms() throws {
    let forms: [String] = [
      Self.pem,
      "  \n" + Self.pem + "\n\n",
      Self.pem.replacing("\n", with: "\r\n"),
      Self.urlEncoded(Self.pem),
      Self.urlEncoded(Self.pem, uppercase: false),
      Self.urlEncoded(Self.pem).replacing("%20", with: "+"),  // form encoding
      Self.body,
      " " + Self.body + "\n",
      Self.pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined(separator: "\n"),
    ]
    var count = 0
    for form in forms {
      #expect(try CertificateThumbprint.sha256(certificate: form) == Self.expected, "form \(count)")
      count += 1
    }
    #expect(count == 9)
  }

  @Test func derInput() throws {
    let der = try CertificateThumbprint.derEncoded(certificate: Self.pem)
    #expect(der.count == 395)
    #expect(try CertificateThumbprint.sha256(derEncoded: der) == Self.expected)
    #expect(throws: JOSEError.self) { try CertificateThumbprint.sha256(derEncoded: der + [0]) }
    #expect(throws: JOSEError.self) { try CertificateThumbprint.sha256(derEncoded: Array(der.dropLast())) }
    #expect(throws: JOSEError.self) { try CertificateThumbprint.sha256(derEncoded: []) }
    #expect(throws: JOSEError.self) { try CertificateThumbprint.sha256(derEncoded: [0x30, 0x00]) }
  }

  @Test func rejectedForms() {
    let forms: [String] = [
      "",
      "   ",
      "not a certificate",
      Self.pem.replacing("CERTIFICATE", with: "PUBLIC KEY"),
      Self.pem.replacing("MIIB", with: "MIIC"),  // DER length no longer fits
      String(Self.body.dropLast(4)),
      Self.body.replacing("+", with: "-"),  // base64url is not accepted here
      "%ZZ" + Self.body,
      Self.urlEncoded(Self.pem) + "%2",
      "MIIBhzCCAS2gAwIBAgIU",  // truncated
    ]
    var count = 0
    for form in forms {
      do {
        _ = try CertificateThumbprint.sha256(certificate: form)
        Issue.record("accepted form \(count)")
      } catch {
        #expect(error.code == .invalidInput)
      }
      count += 1
    }
    #expect(count == 10)
  }

  @Test func thumbprintFeedsTheValidator() throws {
    let thumbprint = try CertificateThumbprint.sha256(certificate: Self.urlEncoded(Self.pem))
    let claims: JSONObject = ["cnf": ["x5t#S256": .string(Self.expected)], "exp": 60]
    let validator = ClaimsValidator(ClaimsValidationOptions(certificateBinding: .required))
    try validator.validate(claims, now: 0, certificateThumbprint: thumbprint)
    #expect(throws: JOSEError.self) {
      try validator.validate(claims, now: 0, certificateThumbprint: String(thumbprint.dropLast()) + "A")
    }
  }
}
