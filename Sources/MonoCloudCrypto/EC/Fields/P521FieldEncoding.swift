// The canonical 66-byte big-endian encoding of P-521 field elements (SEC 1 §2.3.5).
extension P521FieldElement {
  /// Reads exactly 66 big-endian bytes; `nil` for any other length or a value not below p
  /// (the top byte may hold only one bit, and p itself is rejected).
  @inlinable
  package init?(bigEndianBytes bytes: UnsafeRawBufferPointer) {
    guard bytes.count == 66 else { return nil }
    // Nine little-endian 64-bit words; word k holds bytes 58 − 8k ..< 66 − 8k, word 8 the top two.
    @inline(__always) func word(_ k: Int) -> UInt64 {
      UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 58 - 8 * k, as: UInt64.self))
    }
    let w0 = word(0)
    let w1 = word(1)
    let w2 = word(2)
    let w3 = word(3)
    let w4 = word(4)
    let w5 = word(5)
    let w6 = word(6)
    let w7 = word(7)
    let w8 = UInt64(bytes[0]) << 8 | UInt64(bytes[1])
    // Valid iff the value fits 521 bits and is not p (all 521 bits set); no early exit.
    let notP = ~(w0 & w1 & w2 & w3 & w4 & w5 & w6 & w7) | (w8 ^ 0x1FF)
    let isP = Self.zeroMask(notP)
    guard (w8 >> 9) | (isP & 1) == 0 else { return nil }
    let m = Self.mask58
    self.init(
      w0 & m,
      (w0 >> 58 | w1 << 6) & m,
      (w1 >> 52 | w2 << 12) & m,
      (w2 >> 46 | w3 << 18) & m,
      (w3 >> 40 | w4 << 24) & m,
      (w4 >> 34 | w5 << 30) & m,
      (w5 >> 28 | w6 << 36) & m,
      (w6 >> 22 | w7 << 42) & m,
      w7 >> 16 | w8 << 48)
  }

  /// Writes the canonical big-endian encoding into the first 66 bytes of `output`.
  @inlinable
  package func write(bigEndianBytesInto output: UnsafeMutableRawBufferPointer) {
    precondition(output.count >= 66, "P521FieldElement.write needs 66 bytes")
    let c = canonicalized()
    @inline(__always) func store(_ w: UInt64, _ k: Int) {
      output.storeBytes(of: w.bigEndian, toByteOffset: 58 - 8 * k, as: UInt64.self)
    }
    store(c.l0 | c.l1 << 58, 0)
    store(c.l1 >> 6 | c.l2 << 52, 1)
    store(c.l2 >> 12 | c.l3 << 46, 2)
    store(c.l3 >> 18 | c.l4 << 40, 3)
    store(c.l4 >> 24 | c.l5 << 34, 4)
    store(c.l5 >> 30 | c.l6 << 28, 5)
    store(c.l6 >> 36 | c.l7 << 22, 6)
    store(c.l7 >> 42 | c.l8 << 16, 7)
    output[0] = UInt8(truncatingIfNeeded: c.l8 >> 56)
    output[1] = UInt8(truncatingIfNeeded: c.l8 >> 48)
  }

  /// The canonical 66-byte big-endian encoding.
  @inlinable
  package var bigEndianBytes: [UInt8] {
    var bytes = [UInt8](repeating: 0, count: 66)
    bytes.withUnsafeMutableBytes { write(bigEndianBytesInto: $0) }
    return bytes
  }
}
