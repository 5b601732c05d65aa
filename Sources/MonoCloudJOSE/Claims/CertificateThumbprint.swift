import MonoCloudCrypto

/// The RFC 8705 §3.1 certificate thumbprint (`x5t#S256`): base64url of SHA-256 over the
/// certificate's DER, from whatever form a TLS-terminating proxy forwards the certificate in.
public enum CertificateThumbprint {
  /// The thumbprint of a DER-encoded X.509 certificate. The outer structure is checked
  /// (a single SEQUENCE of tbsCertificate, signatureAlgorithm, signature) so that garbage is
  /// not silently hashed.
  public static func sha256(derEncoded der: [UInt8]) throws(JOSEError) -> String {
    try checkCertificateStructure(der)
    return Base64URL.encode(SHA256.hash(der))
  }

  /// The thumbprint of a certificate given as text: PEM (`-----BEGIN CERTIFICATE-----`),
  /// URL-encoded PEM (as nginx `$ssl_client_escaped_cert`, Envoy and AWS ALB forward it) or
  /// bare standard base64 of the DER.
  public static func sha256(certificate text: String) throws(JOSEError) -> String {
    try sha256(derEncoded: derEncoded(certificate: text))
  }

  /// The DER bytes of a certificate given as PEM, URL-encoded PEM or bare base64 text.
  public static func derEncoded(certificate text: String) throws(JOSEError) -> [UInt8] {
    var bytes = Array(text.utf8)
    // Form encoding (`BEGIN+CERTIFICATE`) writes spaces as '+'; a literal '+' is then %2B.
    if contains(bytes, "BEGIN+CERTIFICATE") {
      for i in bytes.indices where bytes[i] == UInt8(ascii: "+") { bytes[i] = 0x20 }
    }
    if bytes.contains(UInt8(ascii: "%")) { bytes = try percentDecoded(bytes) }
    trimWhitespace(&bytes)
    guard !bytes.isEmpty else { throw JOSEError(.invalidInput, "certificate: empty input") }
    let pemText: String
    if bytes[0] == UInt8(ascii: "-") {
      pemText = String(decoding: bytes, as: UTF8.self)
    } else {
      // Bare base64: give it the PEM armour so that one strict decoder handles both forms.
      pemText =
        "-----BEGIN CERTIFICATE-----\n" + String(decoding: bytes, as: UTF8.self) + "\n-----END CERTIFICATE-----\n"
    }
    let decoded: (label: [UInt8], der: [UInt8])
    do throws(CryptoError) {
      decoded = try PEM.decode(pemText)
    } catch {
      throw error.joseError(.invalidInput, "certificate: not valid PEM or base64")
    }
    guard decoded.label.elementsEqual("CERTIFICATE".utf8) else {
      throw JOSEError(.invalidInput, "certificate: PEM label is not CERTIFICATE")
    }
    return decoded.der
  }

  // MARK: - Internals

  static func checkCertificateStructure(_ der: [UInt8]) throws(JOSEError) {
    do throws(CryptoError) {
      var reader = DERReader(der)
      var certificate = try reader.readSequence()
      try reader.finish()
      _ = try certificate.readElement(tag: DERTag.sequence)  // tbsCertificate
      _ = try certificate.readElement(tag: DERTag.sequence)  // signatureAlgorithm
      _ = try certificate.readElement(tag: DERTag.bitString)  // signatureValue
      try certificate.finish()
    } catch {
      throw error.joseError(.invalidInput, "certificate: not a DER X.509 certificate")
    }
  }

  /// Decodes `%XX` escapes (either hex case). `+` stays `+`: it is a base64 character here.
  static func percentDecoded(_ bytes: [UInt8]) throws(JOSEError) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      let c = bytes[i]
      if c != UInt8(ascii: "%") {
        output.append(c)
        i += 1
        continue
      }
      guard i + 2 < bytes.count, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) else {
        throw JOSEError(.invalidInput, "certificate: invalid percent-encoding")
      }
      output.append(high << 4 | low)
      i += 3
    }
    return output
  }

  static func hexValue(_ c: UInt8) -> UInt8? {
    if c &- 48 < 10 { return c &- 48 }
    let lower = c | 0x20
    if lower &- 97 < 6 { return lower &- 87 }
    return nil
  }

  static func contains(_ bytes: [UInt8], _ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard count <= bytes.count else { return false }
    let needle = literal.utf8Start
    var start = 0
    while start + count <= bytes.count {
      var k = 0
      while k < count && bytes[start + k] == needle[k] { k += 1 }
      if k == count { return true }
      start += 1
    }
    return false
  }

  static func trimWhitespace(_ bytes: inout [UInt8]) {
    func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
    while let last = bytes.last, isWhitespace(last) { bytes.removeLast() }
    var start = 0
    while start < bytes.count && isWhitespace(bytes[start]) { start += 1 }
    if start > 0 { bytes.removeFirst(start) }
  }
}
