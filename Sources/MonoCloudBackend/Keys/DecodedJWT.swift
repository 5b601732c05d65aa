import MonoCloudJOSE

/// A compact JWT split and decoded, not verified.
public struct DecodedJWT: Sendable, Equatable {
  public var header: JSONObject
  public var payload: JSONObject
  /// `base64url(header) "." base64url(payload)`, the bytes the signature covers.
  public var signingInput: [UInt8]
  public var signature: [UInt8]

  /// Splits and decodes a compact JWS: exactly three segments, header and payload JSON
  /// objects. Nothing is verified.
  public init(compact token: String) throws(MonoCloudError) {
    let bytes = Array(token.utf8)
    var dots: [Int] = []
    for index in bytes.indices where bytes[index] == UInt8(ascii: ".") {
      dots.append(index)
      if dots.count > 2 { break }
    }
    guard dots.count == 2 else { throw .token(.invalidToken, "the token is not a compact JWS (three segments)") }
    do {
      header = try JSONReader.parseObject(try Base64URL.decode(bytes[..<dots[0]]))
      payload = try JSONReader.parseObject(try Base64URL.decode(bytes[(dots[0] + 1)..<dots[1]]))
      signature = try Base64URL.decode(bytes[(dots[1] + 1)...])
    } catch {
      throw .token(.invalidToken, "the token cannot be decoded: \(error.message)")
    }
    signingInput = Array(bytes[..<dots[1]])
  }

  /// Whether `token` has the shape of a compact JWS (two dots), which decides between
  /// local validation and introspection.
  public static func looksLikeJWT(_ token: String) -> Bool {
    token.withUTF8Raw { bytes in
      guard let first = CompactJWSParts.dot(in: bytes, from: 0),
        let second = CompactJWSParts.dot(in: bytes, from: first &+ 1)
      else { return false }
      return CompactJWSParts.dot(in: bytes, from: second &+ 1) == nil
    }
  }
}
