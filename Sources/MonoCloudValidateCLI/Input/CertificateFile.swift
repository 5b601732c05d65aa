import MonoCloudJOSE

/// The client certificate given with `--certificate FILE`: PEM, URL-encoded PEM, bare base64
/// or raw DER.
package enum CertificateFile {
  /// The file's bytes, after checking that they hold a usable certificate; `isDER` tells raw
  /// DER from text.
  package static func load(path: String) throws(CLIFailure) -> (bytes: [UInt8], isDER: Bool) {
    let bytes = try FileInput.read(path: path, what: "certificate file")
    _ = try thumbprint(bytes: bytes, path: path)
    return (bytes, isDER(bytes))
  }

  /// The RFC 8705 thumbprint (base64url SHA-256 of the DER) of the file's certificate.
  package static func thumbprint(path: String) throws(CLIFailure) -> String {
    try thumbprint(bytes: try FileInput.read(path: path, what: "certificate file"), path: path)
  }

  private static func thumbprint(bytes: [UInt8], path: String) throws(CLIFailure) -> String {
    do throws(JOSEError) {
      if isDER(bytes) { return try CertificateThumbprint.sha256(derEncoded: bytes) }
      return try CertificateThumbprint.sha256(certificate: String(decoding: bytes, as: UTF8.self).trimmingWhitespace())
    } catch {
      throw .configuration("the certificate file \(path) holds no usable X.509 certificate: \(error.message)")
    }
  }

  /// Standard padded base64 (RFC 4648 §4), MonoCloudJOSE's.
  package static func base64(_ bytes: [UInt8]) -> String { Base64.encode(bytes) }

  /// A DER certificate starts with a SEQUENCE tag; anything else is read as text.
  private static func isDER(_ bytes: [UInt8]) -> Bool { bytes.first == 0x30 }
}
