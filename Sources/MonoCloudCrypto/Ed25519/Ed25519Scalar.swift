/// An integer below 2^256 in four little-endian 64-bit words, used for scalars modulo the
/// Ed25519 group order L = 2^252 + 27742317777372353535851937790883648493.
///
/// Reductions (`reduced(wide:)`, `multiplyAdd`) run in time independent of the values, since
/// signing feeds them secrets; the recodings for verification (`nonAdjacentForm`) may branch.
package struct Ed25519Scalar: Sendable {
  var w0: UInt64
  var w1: UInt64
  var w2: UInt64
  var w3: UInt64

  /// The group order L.
  static let order = Ed25519Scalar(
    w0: 0x5812_631a_5cf5_d3ed, w1: 0x14de_f9de_a2f7_9cd6, w2: 0, w3: 0x1000_0000_0000_0000)
  /// floor(2^512 / L), the Barrett constant (five words).
  static let barrettConstant: (UInt64, UInt64, UInt64, UInt64, UInt64) = (
    0xed9c_e5a3_0a2c_131b, 0x2106_215d_0863_29a7, 0xffff_ffff_ffff_ffeb, 0xffff_ffff_ffff_ffff, 0xf
  )

  init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
    self.w0 = w0
    self.w1 = w1
    self.w2 = w2
    self.w3 = w3
  }

  /// Reads 32 little-endian bytes as is (no reduction).
  package init(littleEndianBytes bytes: UnsafeRawBufferPointer) {
    w0 = Curve25519FieldElement.loadWord(bytes, 0)
    w1 = Curve25519FieldElement.loadWord(bytes, 8)
    w2 = Curve25519FieldElement.loadWord(bytes, 16)
    w3 = Curve25519FieldElement.loadWord(bytes, 24)
  }

  /// Whether the value is below L (public values only: branches).
  package var isCanonical: Bool {
    let l = Self.order
    if w3 != l.w3 { return w3 < l.w3 }
    if w2 != l.w2 { return w2 < l.w2 }
    if w1 != l.w1 { return w1 < l.w1 }
    return w0 < l.w0
  }

  package func write(littleEndianBytesInto output: UnsafeMutableRawBufferPointer) {
    Curve25519FieldElement.storeWord(w0, output, 0)
    Curve25519FieldElement.storeWord(w1, output, 8)
    Curve25519FieldElement.storeWord(w2, output, 16)
    Curve25519FieldElement.storeWord(w3, output, 24)
  }

  /// Word `index` (0…3) of the value; 0 beyond.
  @inline(__always)
  func word(_ index: Int) -> UInt64 {
    switch index {
    case 0: return w0
    case 1: return w1
    case 2: return w2
    case 3: return w3
    default: return 0
    }
  }

  // MARK: Reduction modulo L

  /// x mod L for a 512-bit little-endian x (e.g. a SHA-512 digest), by Barrett reduction
  /// with base 2^64 (HAC 14.42). Constant time.
  package static func reduced(wide bytes: UnsafeRawBufferPointer) -> Ed25519Scalar {
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 8) { x in
      for index in 0..<8 { x[index] = Curve25519FieldElement.loadWord(bytes, index * 8) }
      return reduced(words: UnsafePointer(x.baseAddress!))
    }
  }

  /// (a·b + c) mod L, for a, b, c below 2^256 with a·b + c below 2^512. Constant time.
  package static func multiplyAdd(_ a: Ed25519Scalar, _ b: Ed25519Scalar, _ c: Ed25519Scalar) -> Ed25519Scalar {
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 8) { x in
      let x = x.baseAddress!
      for index in 0..<8 { x[index] = 0 }
      x[0] = c.w0
      x[1] = c.w1
      x[2] = c.w2
      x[3] = c.w3
      for i in 0..<4 {
        var carry: UInt64 = 0
        let ai = a.word(i)
        for j in 0..<4 {
          x[i + j] = MonoCloudCrypto.multiplyAdd(ai, b.word(j), x[i + j], &carry)
        }
        // Propagate into the higher words (the total stays below 2^512, so nothing is lost).
        var k = i + 4
        while k < 8 {
          let (sum, overflow) = x[k].addingReportingOverflow(carry)
          x[k] = sum
          carry = overflow ? 1 : 0
          k += 1
        }
      }
      return reduced(words: UnsafePointer(x))
    }
  }

  /// Barrett reduction of the eight little-endian words at `x`.
  private static func reduced(words x: UnsafePointer<UInt64>) -> Ed25519Scalar {
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 16) { scratch in
      let scratch = scratch.baseAddress!
      // q2 = q1 · μ with q1 = floor(x / 2^192) (five words); only words 5…9 of q2 are needed,
      // but the low words carry into them, so compute the whole product (10 words).
      let q2 = scratch
      for index in 0..<10 { q2[index] = 0 }
      for i in 0..<5 {
        var carry: UInt64 = 0
        let qi = x[3 + i]
        for j in 0..<5 {
          q2[i + j] = MonoCloudCrypto.multiplyAdd(qi, barrettWord(j), q2[i + j], &carry)
        }
        q2[i + 5] = carry
      }
      // q3 = floor(q2 / 2^320) = q2[5…9]; r2 = (q3 · L) mod 2^320.
      let r2 = scratch + 10
      for index in 0..<5 { r2[index] = 0 }
      for i in 0..<5 {
        var carry: UInt64 = 0
        let qi = q2[5 + i]
        for j in 0..<(5 - i) {
          r2[i + j] = MonoCloudCrypto.multiplyAdd(qi, order.word(j), r2[i + j], &carry)
        }
      }
      // r = (x mod 2^320) − r2 mod 2^320, which is below 3L.
      var borrow: UInt64 = 0
      var r: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
      for index in 0..<5 {
        let (difference1, underflow1) = x[index].subtractingReportingOverflow(r2[index])
        let (difference2, underflow2) = difference1.subtractingReportingOverflow(borrow)
        borrow = (underflow1 ? 1 : 0) | (underflow2 ? 1 : 0)
        switch index {
        case 0: r.0 = difference2
        case 1: r.1 = difference2
        case 2: r.2 = difference2
        case 3: r.3 = difference2
        default: r.4 = difference2
        }
      }
      r = subtractOrderIfNotBelow(r)
      r = subtractOrderIfNotBelow(r)
      return Ed25519Scalar(w0: r.0, w1: r.1, w2: r.2, w3: r.3)
    }
  }

  @inline(__always)
  private static func barrettWord(_ index: Int) -> UInt64 {
    switch index {
    case 0: return barrettConstant.0
    case 1: return barrettConstant.1
    case 2: return barrettConstant.2
    case 3: return barrettConstant.3
    default: return barrettConstant.4
    }
  }

  /// r − L if r ≥ L, else r, selected with a mask (constant time).
  @inline(__always)
  private static func subtractOrderIfNotBelow(
    _ r: (UInt64, UInt64, UInt64, UInt64, UInt64)
  ) -> (UInt64, UInt64, UInt64, UInt64, UInt64) {
    let l = order
    let (d0, b0) = r.0.subtractingReportingOverflow(l.w0)
    let (d1a, b1a) = r.1.subtractingReportingOverflow(l.w1)
    let (d1, b1b) = d1a.subtractingReportingOverflow(b0 ? 1 : 0)
    let (d2a, b2a) = r.2.subtractingReportingOverflow(l.w2)
    let (d2, b2b) = d2a.subtractingReportingOverflow((b1a || b1b) ? 1 : 0)
    let (d3a, b3a) = r.3.subtractingReportingOverflow(l.w3)
    let (d3, b3b) = d3a.subtractingReportingOverflow((b2a || b2b) ? 1 : 0)
    let (d4a, b4a) = r.4.subtractingReportingOverflow(0)
    let (d4, b4b) = d4a.subtractingReportingOverflow((b3a || b3b) ? 1 : 0)
    // Keep r when the subtraction borrowed (r < L).
    let keep = 0 &- UInt64((b4a || b4b) ? 1 : 0)
    return (
      (r.0 & keep) | (d0 & ~keep), (r.1 & keep) | (d1 & ~keep), (r.2 & keep) | (d2 & ~keep),
      (r.3 & keep) | (d3 & ~keep), (r.4 & keep) | (d4 & ~keep)
    )
  }

  // MARK: Recodings

  /// Width-`width` non-adjacent form into `digits[0..<256]`: odd digits in (−2^(w−1), 2^(w−1)),
  /// at least w − 1 zeros after each nonzero one. For values below 2^255 (public; branches).
  func nonAdjacentForm(width: Int, into digits: UnsafeMutablePointer<Int8>) {
    for index in 0..<256 { digits[index] = 0 }
    let windowSize: UInt64 = 1 << UInt64(width)
    let windowMask = windowSize - 1
    var position = 0
    var carry: UInt64 = 0
    while position < 256 {
      let wordIndex = position / 64
      let bitIndex = UInt64(position % 64)
      var bits = word(wordIndex) >> bitIndex
      if bitIndex > 64 - UInt64(width) {
        bits |= word(wordIndex + 1) << (64 - bitIndex)
      }
      let window = carry &+ (bits & windowMask)
      if window & 1 == 0 {
        position += 1
        continue
      }
      if window < windowSize / 2 {
        carry = 0
        digits[position] = Int8(truncatingIfNeeded: window)
      } else {
        carry = 1
        digits[position] = Int8(truncatingIfNeeded: Int64(bitPattern: window) - Int64(bitPattern: windowSize))
      }
      position += width
    }
  }

  /// Signed radix-16 digits e[0..<64] in [−8, 8] with value = Σ e[i]·16^i, for values
  /// below 2^255. Constant time.
  func signedRadix16(into digits: UnsafeMutablePointer<Int8>) {
    for index in 0..<64 {
      digits[index] = Int8(truncatingIfNeeded: (word(index / 16) >> UInt64(4 * (index % 16))) & 15)
    }
    var carry: Int8 = 0
    for index in 0..<63 {
      digits[index] &+= carry
      carry = (digits[index] &+ 8) >> 4
      digits[index] &-= carry << 4
    }
    digits[63] &+= carry
  }
}
