/// The two encodings of an ECDSA signature (r, s): raw r‖s of fixed width (IEEE P1363, JOSE)
/// and DER `SEQUENCE { r INTEGER, s INTEGER }` (X.509, TLS, OpenSSL).
enum ECDSASignature {
  /// Converts a strict DER signature into r‖s, each left-padded to `width` bytes, written into
  /// `output` (2·width bytes). False for anything but the canonical encoding — definite minimal
  /// lengths, minimal positive INTEGERs, nothing after the SEQUENCE — and for an integer wider
  /// than `width` bytes (it could not be below n). Works on the caller's memory: no allocation.
  static func rawFromDER(_ der: UnsafeRawBufferPointer, width: Int, into output: UnsafeMutableRawBufferPointer)
    -> Bool
  {
    var position = 0
    guard let total = readHeader(der, &position, tag: 0x30), total == der.count - position else { return false }
    for index in 0..<2 {
      guard let length = readHeader(der, &position, tag: 0x02), length > 0 else { return false }
      var start = position
      let end = position + length
      // Positive and minimal: a leading zero only when the next byte has its top bit set.
      guard der[start] & 0x80 == 0 else { return false }
      if der[start] == 0 {
        guard length > 1, der[start + 1] & 0x80 != 0 else { return false }
        start += 1
      }
      let count = end - start
      guard count <= width else { return false }
      let target = index * width
      for offset in 0..<(width - count) { output[target + offset] = 0 }
      for offset in 0..<count { output[target + width - count + offset] = der[start + offset] }
      position = end
    }
    return position == der.count
  }

  /// Reads a tag and a definite, minimally encoded length that fits in the remaining input;
  /// returns the length (position then at the contents) or nil.
  private static func readHeader(_ der: UnsafeRawBufferPointer, _ position: inout Int, tag: UInt8) -> Int? {
    guard position + 2 <= der.count, der[position] == tag else { return nil }
    let first = Int(der[position + 1])
    position += 2
    var length: Int
    if first < 0x80 {
      length = first
    } else if first == 0x81 {
      // Long form only for lengths that need it; one length byte covers every curve here.
      guard position < der.count, der[position] >= 0x80 else { return nil }
      length = Int(der[position])
      position += 1
    } else {
      return nil
    }
    guard length <= der.count - position else { return nil }
    return length
  }

  /// The DER encoding of r‖s (two halves of equal width).
  static func derFromRaw(_ raw: [UInt8]) -> [UInt8] {
    let width = raw.count / 2
    return DERWriter.sequence([
      DERWriter.integer(magnitude: Array(raw[0..<width])), DERWriter.integer(magnitude: Array(raw[width...])),
    ])
  }
}
