/// The three segments of a compact JWS (RFC 7515 §7.1) as offsets into the token, found
/// without copying it. Only the dot structure is checked here; the segments' base64url is
/// checked when they are decoded.
package struct CompactJWSParts: Sendable {
  /// `BASE64URL(header)`.
  package let header: Range<Int>
  /// `BASE64URL(payload)`.
  package let payload: Range<Int>
  /// `BASE64URL(signature)`.
  package let signature: Range<Int>

  /// The signing input `header.payload` (RFC 7515 §5.2), a prefix of the token.
  package var signingInput: Range<Int> { 0..<payload.upperBound }

  /// Splits `token`: exactly two dots, a non-empty header. (The JSON serialization, JWE's
  /// five segments, a missing or extra segment are all rejected here.)
  package init(_ token: UnsafeRawBufferPointer) throws(JOSEError) {
    guard let first = CompactJWSParts.dot(in: token, from: 0) else {
      throw JOSEError(.invalidToken, "the token is not a compact JWS (three segments)")
    }
    guard let second = CompactJWSParts.dot(in: token, from: first &+ 1) else {
      throw JOSEError(.invalidToken, "the token is not a compact JWS (three segments)")
    }
    guard CompactJWSParts.dot(in: token, from: second &+ 1) == nil else {
      throw JOSEError(.invalidToken, "the token has more than three segments")
    }
    guard first > 0 else { throw JOSEError(.invalidToken, "the token has an empty header") }
    header = 0..<first
    payload = (first &+ 1)..<second
    signature = (second &+ 1)..<token.count
  }

  /// The index of the first `.` at or after `start`, eight bytes at a time.
  @inline(__always)
  package static func dot(in token: UnsafeRawBufferPointer, from start: Int) -> Int? {
    guard let base = token.baseAddress else { return nil }
    let count = token.count
    var i = start
    let ones: UInt64 = 0x0101_0101_0101_0101
    let dots: UInt64 = 0x2E2E_2E2E_2E2E_2E2E
    while i &+ 8 <= count {
      let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ dots
      // Has-zero-byte test: a lane is zero exactly where the byte was '.'.
      if (word &- ones) & ~word & (ones &* 0x80) != 0 { break }
      i &+= 8
    }
    while i < count {
      if base.load(fromByteOffset: i, as: UInt8.self) == 0x2E { return i }
      i &+= 1
    }
    return nil
  }
}

extension UnsafeRawBufferPointer {
  /// The bytes in `range` (which must be within bounds) as a buffer of their own.
  @inline(__always)
  package func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: self[range])
  }
}
