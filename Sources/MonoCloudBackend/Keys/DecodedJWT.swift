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
    var token = token
    return token.withUTF8 { countDots($0) == 2 }
  }

  /// The number of `.` bytes, counted eight bytes at a time (every request to a protected
  /// route asks this of a token of about a kilobyte).
  static func countDots(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let low7 = ones &* 0x7F
    var dots = 0
    var index = 0
    if let base = bytes.baseAddress {
      while index &+ 8 <= bytes.count {
        // Bytes equal to "." become zero; a byte is zero exactly when neither its low seven
        // bits (carried into the high bit by adding 0x7F) nor its own high bit are set.
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) ^ (ones &* 0x2E)
        let nonZero = ((word & low7) &+ low7) | word
        dots &+= (~nonZero & (ones &* 0x80)).nonzeroBitCount
        index &+= 8
      }
    }
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: ".") { dots &+= 1 }
      index &+= 1
    }
    return dots
  }
}
