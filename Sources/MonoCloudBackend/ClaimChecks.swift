import MonoCloudCrypto
import MonoCloudJOSE

/// The SPEC §5 checks (MonoCloudJOSE's `ClaimsValidator`) with the client's settings,
/// applied to JWT payloads and introspection responses alike; errors become `MonoCloudError`.
struct ClaimChecks: Sendable {
  var issuer: String
  var audience: String
  var clockSkew: Int64
  var clockTolerance: Int64
  var groupsClaim: String
  var groupsMatchAll: Bool
  var binding: CertificateBindingMode

  /// Whether `iss` must be present (JWTs) or is only compared when present (introspection,
  /// whose answer comes from the issuer itself).
  enum IssuerRule { case required, whenPresent }

  func check(
    _ claims: JSONObject, now: Int64, issuerRule: IssuerRule, scopes: [String], groups: [String],
    clientCertificate: String?
  ) throws(MonoCloudError) {
    let checkIssuer = issuerRule == .required || claims["iss"] != nil
    let validator = ClaimsValidator(
      ClaimsValidationOptions(
        issuer: checkIssuer ? issuer : nil, audience: audience, clockSkew: clockSkew, clockTolerance: clockTolerance,
        requiredScopes: scopes, requiredGroups: groups, groupsClaim: groupsClaim, groupsMatchAll: groupsMatchAll,
        certificateBinding: binding))
    var thumbprint: String?
    if binding != .dangerouslyIgnore, let clientCertificate {
      thumbprint = TemporaryCertificateThumbprint.sha256(of: clientCertificate)
    }
    do {
      try validator.validate(claims, now: now, certificateThumbprint: thumbprint)
    } catch {
      switch error.code {
      case .insufficientScope: throw .token(.insufficientScope, error.message)
      case .insufficientGroups: throw .token(.insufficientGroups, error.message)
      default: throw .token(.invalidToken, error.message)
      }
    }
  }
}

// TODO(json): use MonoCloudJOSE's CertificateThumbprint when it lands on main.
/// base64url(SHA-256(DER)) of a certificate given as PEM, URL-encoded PEM or bare base64.
enum TemporaryCertificateThumbprint {
  static func sha256(of certificate: String) -> String? {
    var text = certificate
    if text.contains("%") { text = percentDecoded(text) ?? text }
    var body: [UInt8] = []
    var inside = !text.contains("-----BEGIN")
    for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
      if line.hasPrefix("-----BEGIN") {
        inside = true
        continue
      }
      if line.hasPrefix("-----END") { break }
      if inside { body += line.utf8.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } }
    }
    guard let der = base64Decode(body), !der.isEmpty else { return nil }
    return Base64URL.encode(SHA256.hash(der))
  }

  static func percentDecoded(_ text: String) -> String? {
    var out: [UInt8] = []
    var bytes = text.utf8.makeIterator()
    while let byte = bytes.next() {
      if byte == UInt8(ascii: "%") {
        guard let high = bytes.next(), let low = bytes.next(),
          let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
        else { return nil }
        out.append(value)
      } else {
        out.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func base64Decode(_ input: [UInt8]) -> [UInt8]? {
    var out: [UInt8] = []
    var buffer: UInt32 = 0
    var bits = 0
    var padding = 0
    for byte in input {
      let value: UInt32
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
      case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
      case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
      case UInt8(ascii: "+"): value = 62
      case UInt8(ascii: "/"): value = 63
      case UInt8(ascii: "="):
        padding += 1
        continue
      default: return nil
      }
      if padding > 0 { return nil }
      buffer = buffer << 6 | value
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
      }
    }
    return padding <= 2 ? out : nil
  }
}
