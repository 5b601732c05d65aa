/// Comparisons whose running time does not depend on the bytes compared (for MACs and other
/// secrets). Only the lengths, which are public, may shorten the work.
public enum ConstantTime {
  /// Whether `a` and `b` hold the same bytes. Every byte is examined; there is no early exit.
  public static func equals(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    guard let left = a.baseAddress, let right = b.baseAddress else { return true }  // both empty
    var difference: UInt8 = 0
    for index in 0..<a.count {
      difference |= left.load(fromByteOffset: index, as: UInt8.self) ^ right.load(fromByteOffset: index, as: UInt8.self)
    }
    return isZero(difference)
  }

  /// Whether `a` and `b` hold the same bytes. Every byte is examined; there is no early exit.
  public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    a.withUnsafeBytes { a in b.withUnsafeBytes { b in equals(a, b) } }
  }

  /// 1 when `difference` is 0, computed arithmetically, kept out of line so that the optimizer
  /// cannot fold the accumulation above into an early exit.
  @inline(never)
  static func isZero(_ difference: UInt8) -> Bool {
    // (d - 1) has its top bit set only when d == 0 (as a 32-bit value, d ≤ 255).
    ((UInt32(difference) &- 1) >> 31) == 1
  }
}
