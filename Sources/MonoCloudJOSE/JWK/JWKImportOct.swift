/// An `oct` JWK (RFC 7518 §6.4): a shared secret for HMAC.
struct OctetKeyMaterial: Sendable {
  /// Keys longer than this are refused as implausible (HMAC would hash them anyway).
  static let maximumByteCount = 1024

  let k: [UInt8]

  init(_ reader: JWKMemberReader) throws(JOSEError) {
    let k = try reader.requiredBytes("k")
    guard !k.isEmpty else { throw JOSEError(.invalidKey, "JWK: oct key k is empty") }
    guard k.count <= OctetKeyMaterial.maximumByteCount else {
      throw JOSEError(.invalidKey, "JWK: oct key k is longer than \(OctetKeyMaterial.maximumByteCount) bytes")
    }
    self.k = k
  }
}
