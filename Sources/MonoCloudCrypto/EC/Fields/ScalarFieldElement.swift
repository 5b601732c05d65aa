/// An element of the integers modulo a curve's group order n (the scalars of ECDSA).
package protocol ScalarFieldElement: PrimeFieldElement {
  /// Bits of n.
  static var bitCount: Int { get }
  /// Reads exactly `byteCount` big-endian bytes of a value below 2n and reduces it modulo n.
  init(reducingBigEndianBytes bytes: UnsafeRawBufferPointer)
}
