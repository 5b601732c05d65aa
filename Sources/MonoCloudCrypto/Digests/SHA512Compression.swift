// The SHA-512 compression function (FIPS 180-4 §6.4.2): fully unrolled rounds natively, a
// rolled loop on wasm32, and the test hook that reaches both.
extension SHA512Engine {
  /// Runs the compression function over `count` consecutive 128-byte blocks (any alignment).
  @usableFromInline
  static func compress(_ state: inout State, blocks: UnsafeRawPointer, count: Int) {
    #if arch(wasm32)
      // The wasm module's size matters more than SHA-512's speed there (SHA-512 serves only
      // EdDSA and the *512 algorithms); the unrolled rounds are six times the code.
      compressRolled(&state, blocks: blocks, count: count)
    #else
      compressUnrolled(&state, blocks: blocks, count: count)
    #endif
  }

  /// `compress` as a loop over the 80 rounds, the schedule in a 16-word ring in memory: a
  /// fraction of the code of `compressUnrolled`, and slower. Used on wasm32; tested everywhere.
  @usableFromInline
  static func compressRolled(_ state: inout State, blocks: UnsafeRawPointer, count: Int) {
    var (h0, h1, h2, h3, h4, h5, h6, h7) = state
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 16) { ring in
      let w = ring.baseAddress.unsafelyUnwrapped
      roundConstants.withUnsafeBufferPointer { constants in
        var block = blocks
        for _ in 0..<count {
          for index in 0..<16 { (w + index).initialize(to: word(block, index)) }
          var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
          var bXorC = b ^ c
          for t in 0..<80 {
            if t >= 16 {
              w[t & 15] = schedule(w[t & 15], w[(t &+ 1) & 15], w[(t &+ 9) & 15], w[(t &+ 14) & 15])
            }
            round(a, b, c, &d, e, f, g, &h, constants[t], w[t & 15], &bXorC)
            (a, b, c, d, e, f, g, h) = (h, a, b, c, d, e, f, g)
          }
          h0 &+= a
          h1 &+= b
          h2 &+= c
          h3 &+= d
          h4 &+= e
          h5 &+= f
          h6 &+= g
          h7 &+= h
          block += 128
        }
      }
    }
    state = (h0, h1, h2, h3, h4, h5, h6, h7)
  }

  /// The 80 round constants K (FIPS 180-4 §4.2.3), for `compressRolled`.
  static let roundConstants: [UInt64] = [
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
    0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
    0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
    0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
    0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
    0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
    0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
    0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
  ]

  /// Runs the compression function over `count` consecutive 128-byte blocks (any alignment).
  /// Fully unrolled, with the message schedule in a rolling window of 16 locals, so that the
  /// state and schedule stay in registers and nothing touches memory but the input.
  @usableFromInline
  static func compressUnrolled(_ state: inout State, blocks: UnsafeRawPointer, count: Int) {
    var (h0, h1, h2, h3, h4, h5, h6, h7) = state
    var block = blocks
    for _ in 0..<count {
      var w0 = word(block, 0), w1 = word(block, 1), w2 = word(block, 2), w3 = word(block, 3)
      var w4 = word(block, 4), w5 = word(block, 5), w6 = word(block, 6), w7 = word(block, 7)
      var w8 = word(block, 8), w9 = word(block, 9), w10 = word(block, 10), w11 = word(block, 11)
      var w12 = word(block, 12), w13 = word(block, 13), w14 = word(block, 14), w15 = word(block, 15)
      var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
      var bXorC = b ^ c

      Self.round(a, b, c, &d, e, f, g, &h, 0x428a2f98d728ae22, w0, &bXorC)
      Self.round(h, a, b, &c, d, e, f, &g, 0x7137449123ef65cd, w1, &bXorC)
      Self.round(g, h, a, &b, c, d, e, &f, 0xb5c0fbcfec4d3b2f, w2, &bXorC)
      Self.round(f, g, h, &a, b, c, d, &e, 0xe9b5dba58189dbbc, w3, &bXorC)
      Self.round(e, f, g, &h, a, b, c, &d, 0x3956c25bf348b538, w4, &bXorC)
      Self.round(d, e, f, &g, h, a, b, &c, 0x59f111f1b605d019, w5, &bXorC)
      Self.round(c, d, e, &f, g, h, a, &b, 0x923f82a4af194f9b, w6, &bXorC)
      Self.round(b, c, d, &e, f, g, h, &a, 0xab1c5ed5da6d8118, w7, &bXorC)
      Self.round(a, b, c, &d, e, f, g, &h, 0xd807aa98a3030242, w8, &bXorC)
      Self.round(h, a, b, &c, d, e, f, &g, 0x12835b0145706fbe, w9, &bXorC)
      Self.round(g, h, a, &b, c, d, e, &f, 0x243185be4ee4b28c, w10, &bXorC)
      Self.round(f, g, h, &a, b, c, d, &e, 0x550c7dc3d5ffb4e2, w11, &bXorC)
      Self.round(e, f, g, &h, a, b, c, &d, 0x72be5d74f27b896f, w12, &bXorC)
      Self.round(d, e, f, &g, h, a, b, &c, 0x80deb1fe3b1696b1, w13, &bXorC)
      Self.round(c, d, e, &f, g, h, a, &b, 0x9bdc06a725c71235, w14, &bXorC)
      Self.round(b, c, d, &e, f, g, h, &a, 0xc19bf174cf692694, w15, &bXorC)
      w0 = Self.schedule(w0, w1, w9, w14)
      Self.round(a, b, c, &d, e, f, g, &h, 0xe49b69c19ef14ad2, w0, &bXorC)
      w1 = Self.schedule(w1, w2, w10, w15)
      Self.round(h, a, b, &c, d, e, f, &g, 0xefbe4786384f25e3, w1, &bXorC)
      w2 = Self.schedule(w2, w3, w11, w0)
      Self.round(g, h, a, &b, c, d, e, &f, 0x0fc19dc68b8cd5b5, w2, &bXorC)
      w3 = Self.schedule(w3, w4, w12, w1)
      Self.round(f, g, h, &a, b, c, d, &e, 0x240ca1cc77ac9c65, w3, &bXorC)
      w4 = Self.schedule(w4, w5, w13, w2)
      Self.round(e, f, g, &h, a, b, c, &d, 0x2de92c6f592b0275, w4, &bXorC)
      w5 = Self.schedule(w5, w6, w14, w3)
      Self.round(d, e, f, &g, h, a, b, &c, 0x4a7484aa6ea6e483, w5, &bXorC)
      w6 = Self.schedule(w6, w7, w15, w4)
      Self.round(c, d, e, &f, g, h, a, &b, 0x5cb0a9dcbd41fbd4, w6, &bXorC)
      w7 = Self.schedule(w7, w8, w0, w5)
      Self.round(b, c, d, &e, f, g, h, &a, 0x76f988da831153b5, w7, &bXorC)
      w8 = Self.schedule(w8, w9, w1, w6)
      Self.round(a, b, c, &d, e, f, g, &h, 0x983e5152ee66dfab, w8, &bXorC)
      w9 = Self.schedule(w9, w10, w2, w7)
      Self.round(h, a, b, &c, d, e, f, &g, 0xa831c66d2db43210, w9, &bXorC)
      w10 = Self.schedule(w10, w11, w3, w8)
      Self.round(g, h, a, &b, c, d, e, &f, 0xb00327c898fb213f, w10, &bXorC)
      w11 = Self.schedule(w11, w12, w4, w9)
      Self.round(f, g, h, &a, b, c, d, &e, 0xbf597fc7beef0ee4, w11, &bXorC)
      w12 = Self.schedule(w12, w13, w5, w10)
      Self.round(e, f, g, &h, a, b, c, &d, 0xc6e00bf33da88fc2, w12, &bXorC)
      w13 = Self.schedule(w13, w14, w6, w11)
      Self.round(d, e, f, &g, h, a, b, &c, 0xd5a79147930aa725, w13, &bXorC)
      w14 = Self.schedule(w14, w15, w7, w12)
      Self.round(c, d, e, &f, g, h, a, &b, 0x06ca6351e003826f, w14, &bXorC)
      w15 = Self.schedule(w15, w0, w8, w13)
      Self.round(b, c, d, &e, f, g, h, &a, 0x142929670a0e6e70, w15, &bXorC)
      w0 = Self.schedule(w0, w1, w9, w14)
      Self.round(a, b, c, &d, e, f, g, &h, 0x27b70a8546d22ffc, w0, &bXorC)
      w1 = Self.schedule(w1, w2, w10, w15)
      Self.round(h, a, b, &c, d, e, f, &g, 0x2e1b21385c26c926, w1, &bXorC)
      w2 = Self.schedule(w2, w3, w11, w0)
      Self.round(g, h, a, &b, c, d, e, &f, 0x4d2c6dfc5ac42aed, w2, &bXorC)
      w3 = Self.schedule(w3, w4, w12, w1)
      Self.round(f, g, h, &a, b, c, d, &e, 0x53380d139d95b3df, w3, &bXorC)
      w4 = Self.schedule(w4, w5, w13, w2)
      Self.round(e, f, g, &h, a, b, c, &d, 0x650a73548baf63de, w4, &bXorC)
      w5 = Self.schedule(w5, w6, w14, w3)
      Self.round(d, e, f, &g, h, a, b, &c, 0x766a0abb3c77b2a8, w5, &bXorC)
      w6 = Self.schedule(w6, w7, w15, w4)
      Self.round(c, d, e, &f, g, h, a, &b, 0x81c2c92e47edaee6, w6, &bXorC)
      w7 = Self.schedule(w7, w8, w0, w5)
      Self.round(b, c, d, &e, f, g, h, &a, 0x92722c851482353b, w7, &bXorC)
      w8 = Self.schedule(w8, w9, w1, w6)
      Self.round(a, b, c, &d, e, f, g, &h, 0xa2bfe8a14cf10364, w8, &bXorC)
      w9 = Self.schedule(w9, w10, w2, w7)
      Self.round(h, a, b, &c, d, e, f, &g, 0xa81a664bbc423001, w9, &bXorC)
      w10 = Self.schedule(w10, w11, w3, w8)
      Self.round(g, h, a, &b, c, d, e, &f, 0xc24b8b70d0f89791, w10, &bXorC)
      w11 = Self.schedule(w11, w12, w4, w9)
      Self.round(f, g, h, &a, b, c, d, &e, 0xc76c51a30654be30, w11, &bXorC)
      w12 = Self.schedule(w12, w13, w5, w10)
      Self.round(e, f, g, &h, a, b, c, &d, 0xd192e819d6ef5218, w12, &bXorC)
      w13 = Self.schedule(w13, w14, w6, w11)
      Self.round(d, e, f, &g, h, a, b, &c, 0xd69906245565a910, w13, &bXorC)
      w14 = Self.schedule(w14, w15, w7, w12)
      Self.round(c, d, e, &f, g, h, a, &b, 0xf40e35855771202a, w14, &bXorC)
      w15 = Self.schedule(w15, w0, w8, w13)
      Self.round(b, c, d, &e, f, g, h, &a, 0x106aa07032bbd1b8, w15, &bXorC)
      w0 = Self.schedule(w0, w1, w9, w14)
      Self.round(a, b, c, &d, e, f, g, &h, 0x19a4c116b8d2d0c8, w0, &bXorC)
      w1 = Self.schedule(w1, w2, w10, w15)
      Self.round(h, a, b, &c, d, e, f, &g, 0x1e376c085141ab53, w1, &bXorC)
      w2 = Self.schedule(w2, w3, w11, w0)
      Self.round(g, h, a, &b, c, d, e, &f, 0x2748774cdf8eeb99, w2, &bXorC)
      w3 = Self.schedule(w3, w4, w12, w1)
      Self.round(f, g, h, &a, b, c, d, &e, 0x34b0bcb5e19b48a8, w3, &bXorC)
      w4 = Self.schedule(w4, w5, w13, w2)
      Self.round(e, f, g, &h, a, b, c, &d, 0x391c0cb3c5c95a63, w4, &bXorC)
      w5 = Self.schedule(w5, w6, w14, w3)
      Self.round(d, e, f, &g, h, a, b, &c, 0x4ed8aa4ae3418acb, w5, &bXorC)
      w6 = Self.schedule(w6, w7, w15, w4)
      Self.round(c, d, e, &f, g, h, a, &b, 0x5b9cca4f7763e373, w6, &bXorC)
      w7 = Self.schedule(w7, w8, w0, w5)
      Self.round(b, c, d, &e, f, g, h, &a, 0x682e6ff3d6b2b8a3, w7, &bXorC)
      w8 = Self.schedule(w8, w9, w1, w6)
      Self.round(a, b, c, &d, e, f, g, &h, 0x748f82ee5defb2fc, w8, &bXorC)
      w9 = Self.schedule(w9, w10, w2, w7)
      Self.round(h, a, b, &c, d, e, f, &g, 0x78a5636f43172f60, w9, &bXorC)
      w10 = Self.schedule(w10, w11, w3, w8)
      Self.round(g, h, a, &b, c, d, e, &f, 0x84c87814a1f0ab72, w10, &bXorC)
      w11 = Self.schedule(w11, w12, w4, w9)
      Self.round(f, g, h, &a, b, c, d, &e, 0x8cc702081a6439ec, w11, &bXorC)
      w12 = Self.schedule(w12, w13, w5, w10)
      Self.round(e, f, g, &h, a, b, c, &d, 0x90befffa23631e28, w12, &bXorC)
      w13 = Self.schedule(w13, w14, w6, w11)
      Self.round(d, e, f, &g, h, a, b, &c, 0xa4506cebde82bde9, w13, &bXorC)
      w14 = Self.schedule(w14, w15, w7, w12)
      Self.round(c, d, e, &f, g, h, a, &b, 0xbef9a3f7b2c67915, w14, &bXorC)
      w15 = Self.schedule(w15, w0, w8, w13)
      Self.round(b, c, d, &e, f, g, h, &a, 0xc67178f2e372532b, w15, &bXorC)
      w0 = Self.schedule(w0, w1, w9, w14)
      Self.round(a, b, c, &d, e, f, g, &h, 0xca273eceea26619c, w0, &bXorC)
      w1 = Self.schedule(w1, w2, w10, w15)
      Self.round(h, a, b, &c, d, e, f, &g, 0xd186b8c721c0c207, w1, &bXorC)
      w2 = Self.schedule(w2, w3, w11, w0)
      Self.round(g, h, a, &b, c, d, e, &f, 0xeada7dd6cde0eb1e, w2, &bXorC)
      w3 = Self.schedule(w3, w4, w12, w1)
      Self.round(f, g, h, &a, b, c, d, &e, 0xf57d4f7fee6ed178, w3, &bXorC)
      w4 = Self.schedule(w4, w5, w13, w2)
      Self.round(e, f, g, &h, a, b, c, &d, 0x06f067aa72176fba, w4, &bXorC)
      w5 = Self.schedule(w5, w6, w14, w3)
      Self.round(d, e, f, &g, h, a, b, &c, 0x0a637dc5a2c898a6, w5, &bXorC)
      w6 = Self.schedule(w6, w7, w15, w4)
      Self.round(c, d, e, &f, g, h, a, &b, 0x113f9804bef90dae, w6, &bXorC)
      w7 = Self.schedule(w7, w8, w0, w5)
      Self.round(b, c, d, &e, f, g, h, &a, 0x1b710b35131c471b, w7, &bXorC)
      w8 = Self.schedule(w8, w9, w1, w6)
      Self.round(a, b, c, &d, e, f, g, &h, 0x28db77f523047d84, w8, &bXorC)
      w9 = Self.schedule(w9, w10, w2, w7)
      Self.round(h, a, b, &c, d, e, f, &g, 0x32caab7b40c72493, w9, &bXorC)
      w10 = Self.schedule(w10, w11, w3, w8)
      Self.round(g, h, a, &b, c, d, e, &f, 0x3c9ebe0a15c9bebc, w10, &bXorC)
      w11 = Self.schedule(w11, w12, w4, w9)
      Self.round(f, g, h, &a, b, c, d, &e, 0x431d67c49c100d4c, w11, &bXorC)
      w12 = Self.schedule(w12, w13, w5, w10)
      Self.round(e, f, g, &h, a, b, c, &d, 0x4cc5d4becb3e42b6, w12, &bXorC)
      w13 = Self.schedule(w13, w14, w6, w11)
      Self.round(d, e, f, &g, h, a, b, &c, 0x597f299cfc657e2a, w13, &bXorC)
      w14 = Self.schedule(w14, w15, w7, w12)
      Self.round(c, d, e, &f, g, h, a, &b, 0x5fcb6fab3ad6faec, w14, &bXorC)
      w15 = Self.schedule(w15, w0, w8, w13)
      Self.round(b, c, d, &e, f, g, h, &a, 0x6c44198c4a475817, w15, &bXorC)

      h0 &+= a
      h1 &+= b
      h2 &+= c
      h3 &+= d
      h4 &+= e
      h5 &+= f
      h6 &+= g
      h7 &+= h
      block += 128
    }
    state = (h0, h1, h2, h3, h4, h5, h6, h7)
  }

  @inline(__always)
  static func word(_ block: UnsafeRawPointer, _ index: Int) -> UInt64 {
    UInt64(bigEndian: block.loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self))
  }

  @inline(__always)
  static func rotateRight(_ x: UInt64, _ n: UInt64) -> UInt64 {
    (x &>> n) | (x &<< (64 &- n))
  }

  /// One round: `d += T1`, `h = T1 + T2`; the callers rotate the variable names instead of
  /// moving values. `bXorC` carries `b ^ c` from round to round: this round's `a ^ b` is the
  /// next round's `b ^ c`, which saves work in the majority function.
  @inline(__always)
  static func round(
    _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: inout UInt64,
    _ e: UInt64, _ f: UInt64, _ g: UInt64, _ h: inout UInt64, _ k: UInt64, _ w: UInt64, _ bXorC: inout UInt64
  ) {
    // Σ1(e) = ROTR14(e) ^ ROTR18(e) ^ ROTR41(e), nested so that one register suffices.
    let sum1 = rotateRight(rotateRight(rotateRight(e, 23) ^ e, 4) ^ e, 14)
    let choose = g ^ (e & (f ^ g))
    let t1 = h &+ sum1 &+ choose &+ k &+ w
    // Σ0(a) = ROTR28(a) ^ ROTR34(a) ^ ROTR39(a).
    let sum0 = rotateRight(rotateRight(rotateRight(a, 5) ^ a, 6) ^ a, 28)
    let aXorB = a ^ b
    let majority = (aXorB & bXorC) ^ b
    bXorC = aXorB
    d &+= t1
    h = t1 &+ sum0 &+ majority
  }

  /// W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16].
  @inline(__always)
  static func schedule(_ w16: UInt64, _ w15: UInt64, _ w7: UInt64, _ w2: UInt64) -> UInt64 {
    let sigma0 = rotateRight(rotateRight(w15, 7) ^ w15, 1) ^ (w15 &>> 7)
    let sigma1 = rotateRight(rotateRight(w2, 42) ^ w2, 19) ^ (w2 &>> 6)
    return w16 &+ sigma0 &+ w7 &+ sigma1
  }
}

/// Both SHA-512 compression functions, for the tests: the wasm32 build runs the rolled one,
/// which native tests can only reach through here.
package enum SHA512Compression {
  /// The state after compressing `blocks` (a multiple of 128 bytes) into `state` (8 words).
  package static func compress(_ state: [UInt64], blocks: [UInt8], rolled: Bool) -> [UInt64] {
    precondition(state.count == 8 && blocks.count % 128 == 0)
    var words: SHA512Engine.State = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
    blocks.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      if rolled {
        SHA512Engine.compressRolled(&words, blocks: base, count: blocks.count / 128)
      } else {
        SHA512Engine.compressUnrolled(&words, blocks: base, count: blocks.count / 128)
      }
    }
    return [words.0, words.1, words.2, words.3, words.4, words.5, words.6, words.7]
  }
}
