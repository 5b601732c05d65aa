import MonoCloudJOSE

/// The client certificate given with `--certificate FILE`: PEM, URL-encoded PEM, bare base64
/// or raw DER.
package enum CertificateFile {
  /// The file's certificate as text for the backend client (PEM, or base64 of raw DER).
  package static func text(path: String) throws(CLIFailure) -> String {
    let bytes = try FileInput.read(path: path, what: "certificate file")
    _ = try thumbprint(bytes: bytes, path: path)
    if bytes.first == 0x30 { return base64(bytes) }
    return String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
  }

  /// The RFC 8705 thumbprint (base64url SHA-256 of the DER) of the file's certificate.
  package static func thumbprint(path: String) throws(CLIFailure) -> String {
    try thumbprint(bytes: try FileInput.read(path: path, what: "certificate file"), path: path)
  }

  private static func thumbprint(bytes: [UInt8], path: String) throws(CLIFailure) -> String {
    do throws(JOSEError) {
      // A DER certificate starts with a SEQUENCE tag; anything else is read as text.
      if bytes.first == 0x30 { return try CertificateThumbprint.sha256(derEncoded: bytes) }
      return try CertificateThumbprint.sha256(certificate: String(decoding: bytes, as: UTF8.self).trimmingWhitespace())
    } catch {
      throw .configuration("the certificate file \(path) holds no usable X.509 certificate: \(error.message)")
    }
  }

  /// Standard padded base64 (RFC 4648 §4), from the base64url alphabet.
  package static func base64(_ bytes: [UInt8]) -> String {
    var text = String(
      Base64URL.encode(bytes).map { (character: Character) -> Character in
        switch character {
        case "-": return "+"
        case "_": return "/"
        default: return character
        }
      })
    while text.utf8.count % 4 != 0 { text += "=" }
    return text
  }
}
