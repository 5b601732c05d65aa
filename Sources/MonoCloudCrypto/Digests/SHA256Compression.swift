// The SHA-256 compression function (FIPS 180-4 §6.2.2): fully unrolled rounds natively, a
// loop of 16 unrolled rounds on wasm32, and the test hook that reaches both.
extension SHA256Engine {
  /// Runs the compression function over `count` consecutive 64-byte blocks (any alignment).
  @usableFromInline
  static func compress(_ state: inout State, blocks: UnsafeRawPointer, count: Int) {
    #if arch(wasm32)
      // A quarter of the code of the fully unrolled rounds, at nearly the same speed there
      // (the module's size matters on wasm).
      compressSixteenRoundLoop(&state, blocks: blocks, count: count)
    #else
      compressUnrolled(&state, blocks: blocks, count: count)
    #endif
  }

  /// `compress` as a loop of four passes of 16 unrolled rounds (after 16 rounds the variable
  /// names are back in place), the round constants from `roundConstants`; from the second pass
  /// on, the 16 schedule words are advanced first (rounds do not read them while they change).
  /// Used on wasm32; tested everywhere.
  @usableFromInline
  static func compressSixteenRoundLoop(_ state: inout State, blocks: UnsafeRawPointer, count: Int) {
    var (h0, h1, h2, h3, h4, h5, h6, h7) = state
    roundConstants.withUnsafeBufferPointer { constants in
      let k = constants.baseAddress.unsafelyUnwrapped
      var block = blocks
      for _ in 0..<count {
        var w0 = word(block, 0), w1 = word(block, 1), w2 = word(block, 2), w3 = word(block, 3)
        var w4 = word(block, 4), w5 = word(block, 5), w6 = word(block, 6), w7 = word(block, 7)
        var w8 = word(block, 8), w9 = word(block, 9), w10 = word(block, 10), w11 = word(block, 11)
        var w12 = word(block, 12), w13 = word(block, 13), w14 = word(block, 14), w15 = word(block, 15)
        var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
        var bXorC = b ^ c
        for pass in 0..<4 {
          if pass > 0 {
            w0 = Self.schedule(w0, w1, w9, w14)
            w1 = Self.schedule(w1, w2, w10, w15)
            w2 = Self.schedule(w2, w3, w11, w0)
            w3 = Self.schedule(w3, w4, w12, w1)
            w4 = Self.schedule(w4, w5, w13, w2)
            w5 = Self.schedule(w5, w6, w14, w3)
            w6 = Self.schedule(w6, w7, w15, w4)
            w7 = Self.schedule(w7, w8, w0, w5)
            w8 = Self.schedule(w8, w9, w1, w6)
            w9 = Self.schedule(w9, w10, w2, w7)
            w10 = Self.schedule(w10, w11, w3, w8)
            w11 = Self.schedule(w11, w12, w4, w9)
            w12 = Self.schedule(w12, w13, w5, w10)
            w13 = Self.schedule(w13, w14, w6, w11)
            w14 = Self.schedule(w14, w15, w7, w12)
            w15 = Self.schedule(w15, w0, w8, w13)
          }
          let passConstants = k + pass &* 16
          Self.round(a, b, c, &d, e, f, g, &h, passConstants[0], w0, &bXorC)
          Self.round(h, a, b, &c, d, e, f, &g, passConstants[1], w1, &bXorC)
          Self.round(g, h, a, &b, c, d, e, &f, passConstants[2], w2, &bXorC)
          Self.round(f, g, h, &a, b, c, d, &e, passConstants[3], w3, &bXorC)
          Self.round(e, f, g, &h, a, b, c, &d, passConstants[4], w4, &bXorC)
          Self.round(d, e, f, &g, h, a, b, &c, passConstants[5], w5, &bXorC)
          Self.round(c, d, e, &f, g, h, a, &b, passConstants[6], w6, &bXorC)
          Self.round(b, c, d, &e, f, g, h, &a, passConstants[7], w7, &bXorC)
          Self.round(a, b, c, &d, e, f, g, &h, passConstants[8], w8, &bXorC)
          Self.round(h, a, b, &c, d, e, f, &g, passConstants[9], w9, &bXorC)
          Self.round(g, h, a, &b, c, d, e, &f, passConstants[10], w10, &bXorC)
          Self.round(f, g, h, &a, b, c, d, &e, passConstants[11], w11, &bXorC)
          Self.round(e, f, g, &h, a, b, c, &d, passConstants[12], w12, &bXorC)
          Self.round(d, e, f, &g, h, a, b, &c, passConstants[13], w13, &bXorC)
          Self.round(c, d, e, &f, g, h, a, &b, passConstants[14], w14, &bXorC)
          Self.round(b, c, d, &e, f, g, h, &a, passConstants[15], w15, &bXorC)
        }
        h0 &+= a
        h1 &+= b
        h2 &+= c
        h3 &+= d
        h4 &+= e
        h5 &+= f
        h6 &+= g
        h7 &+= h
        block += 64
      }
    }
    state = (h0, h1, h2, h3, h4, h5, h6, h7)
  }

  /// The 64 round constants K (FIPS 180-4 §4.2.2), for `compressSixteenRoundLoop`.
  static let roundConstants: [UInt32] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]

  /// `compress` fully unrolled, with the message schedule in a rolling window of 16 locals, so
  /// that the state and schedule stay in registers and nothing touches memory but the input.
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

      Self.round(a, b, c, &d, e, f, g, &h, 0x428a2f98, w0, &bXorC)
      Self.round(h, a, b, &c, d, e, f, &g, 0x71374491, w1, &bXorC)
      Self.round(g, h, a, &b, c, d, e, &f, 0xb5c0fbcf, w2, &bXorC)
      Self.round(f, g, h, &a, b, c, d, &e, 0xe9b5dba5, w3, &bXorC)
      Self.round(e, f, g, &h, a, b, c, &d, 0x3956c25b, w4, &bXorC)
      Self.round(d, e, f, &g, h, a, b, &c, 0x59f111f1, w5, &bXorC)
      Self.round(c, d, e, &f, g, h, a, &b, 0x923f82a4, w6, &bXorC)
      Self.round(b, c, d, &e, f, g, h, &a, 0xab1c5ed5, w7, &bXorC)
      Self.round(a, b, c, &d, e, f, g, &h, 0xd807aa98, w8, &bXorC)
      Self.round(h, a, b, &c, d, e, f, &g, 0x12835b01, w9, &bXorC)
      Self.round(g, h, a, &b, c, d, e, &f, 0x243185be, w10, &bXorC)
      Self.round(f, g, h, &a, b, c, d, &e, 0x550c7dc3, w11, &bXorC)
      Self.round(e, f, g, &h, a, b, c, &d, 0x72be5d74, w12, &bXorC)
      Self.round(d, e, f, &g, h, a, b, &c, 0x80deb1fe, w13, &bXorC)
      Self.round(c, d, e, &f, g, h, a, &b, 0x9bdc06a7, w14, &bXorC)
      Self.round(b, c, d, &e, f, g, h, &a, 0xc19bf174, w15, &bXorC)
      w0 = Self.schedule(w0, w1, w9, w14)
      Self.round(a, b, c, &d, e, f, g, &h, 0xe49b69c1, w0, &bXorC)
      w1 = Self.schedule(w1, w2, w10, w15)
      Self.round(h, a, b, &c, d, e, f, &g, 0xefbe4786, w1, &bXorC)
      w2 = Self.schedule(w2, w3, w11, w0)
      Self.round(g, h, a, &b, c, d, e, &f, 0x0fc19dc6, w2, &bXorC)
      w3 = Self.schedule(w3, w4, w12, w1)
      Self.round(f, g, h, &a, b, c, d, &e, 0x240ca1cc, w3, &bXorC)
      w4 = Self.schedule(w4, w5, w13, w2)
      Self.round(e, f, g, &h, a, b, c, &d, 0x2de92c6f, w4, &bXorC)
      w5 = Self.schedule(w5, w6, w14, w3)
      Self.round(d, e, f, &g, h, a, b, &c, 0x4a7484aa, w5, &bXorC)
      w6 = Self.schedule(w6, w7, w15, w4)
      Self.round(c, d, e, &f, g, h, a, &b, 0x5cb0a9dc, w6, &bXorC)
      w7 = Self.schedule(w7, w8, w0, w5)
      Self.round(b, c, d, &e, f, g, h, &a, 0x76f988da, w7, &bXorC)
      w8 = Self.schedule(w8, w9, w1, w6)
      Self.round(a, b, c, &d, e, f, g, &h, 0x983e5152, w8, &bXorC)
      w9 = Self.schedule(w9, w10, w2, w7)
      Self.round(h, a, b, &c, d, e, f, &g, 0xa831c66d, w9, &bXorC)
      w10 = Self.schedule(w10, w11, w3, w8)
      Self.round(g, h, a, &b, c, d, e, &f, 0xb00327c8, w10, &bXorC)
      w11 = Self.schedule(w11, w12, w4, w9)
      Self.round(f, g, h, &a, b, c, d, &e, 0xbf597fc7, w11, &bXorC)
      w12 = Self.schedule(w12, w13, w5, w10)
      Self.round(e, f, g, &h, a, b, c, &d, 0xc6e00bf3, w12, &bXorC)
      w13 = Self.schedule(w13, w14, w6, w11)
      Self.round(d, e, f, &g, h, a, b, &c, 0xd5a79147, w13, &bXorC)
      w14 = Self.schedule(w14, w15, w7, w12)
      Self.round(c, d, e, &f, g, h, a, &b, 0x06ca6351, w14, &bXorC)
      w15 = Self.schedule(w15, w0, w8, w13)
      Self.round(b, c, d, &e, f, g, h, &a, 0x14292967, w15, &bXorC)
      w0 = Self.schedule(w0, w1, w9, w14)
      Self.round(a, b, c, &d, e, f, g, &h, 0x27b70a85, w0, &bXorC)
      w1 = Self.schedule(w1, w2, w10, w15)
      Self.round(h, a, b, &c, d, e, f, &g, 0x2e1b2138, w1, &bXorC)
      w2 = Self.schedule(w2, w3, w11, w0)
      Self.round(g, h, a, &b, c, d, e, &f, 0x4d2c6dfc, w2, &bXorC)
      w3 = Self.schedule(w3, w4, w12, w1)
      Self.round(f, g, h, &a, b, c, d, &e, 0x53380d13, w3, &bXorC)
      w4 = Self.schedule(w4, w5, w13, w2)
      Self.round(e, f, g, &h, a, b, c, &d, 0x650a7354, w4, &bXorC)
      w5 = Self.schedule(w5, w6, w14, w3)
      Self.round(d, e, f, &g, h, a, b, &c, 0x766a0abb, w5, &bXorC)
      w6 = Self.schedule(w6, w7, w15, w4)
      Self.round(c, d, e, &f, g, h, a, &b, 0x81c2c92e, w6, &bXorC)
      w7 = Self.schedule(w7, w8, w0, w5)
      Self.round(b, c, d, &e, f, g, h, &a, 0x92722c85, w7, &bXorC)
      w8 = Self.schedule(w8, w9, w1, w6)
      Self.round(a, b, c, &d, e, f, g, &h, 0xa2bfe8a1, w8, &bXorC)
      w9 = Self.schedule(w9, w10, w2, w7)
      Self.round(h, a, b, &c, d, e, f, &g, 0xa81a664b, w9, &bXorC)
      w10 = Self.schedule(w10, w11, w3, w8)
      Self.round(g, h, a, &b, c, d, e, &f, 0xc24b8b70, w10, &bXorC)
      w11 = Self.schedule(w11, w12, w4, w9)
      Self.round(f, g, h, &a, b, c, d, &e, 0xc76c51a3, w11, &bXorC)
      w12 = Self.schedule(w12, w13, w5, w10)
      Self.round(e, f, g, &h, a, b, c, &d, 0xd192e819, w12, &bXorC)
      w13 = Self.schedule(w13, w14, w6, w11)
      Self.round(d, e, f, &g, h, a, b, &c, 0xd6990624, w13, &bXorC)
      w14 = Self.schedule(w14, w15, w7, w12)
      Self.round(c, d, e, &f, g, h, a, &b, 0xf40e3585, w14, &bXorC)
      w15 = Self.schedule(w15, w0, w8, w13)
      Self.round(b, c, d, &e, f, g, h, &a, 0x106aa070, w15, &bXorC)
      w0 = Self.schedule(w0, w1, w9, w14)
      Self.round(a, b, c, &d, e, f, g, &h, 0x19a4c116, w0, &bXorC)
      w1 = Self.schedule(w1, w2, w10, w15)
      Self.round(h, a, b, &c, d, e, f, &g, 0x1e376c08, w1, &bXorC)
      w2 = Self.schedule(w2, w3, w11, w0)
      Self.round(g, h, a, &b, c, d, e, &f, 0x2748774c, w2, &bXorC)
      w3 = Self.schedule(w3, w4, w12, w1)
      Self.round(f, g, h, &a, b, c, d, &e, 0x34b0bcb5, w3, &bXorC)
      w4 = Self.schedule(w4, w5, w13, w2)
      Self.round(e, f, g, &h, a, b, c, &d, 0x391c0cb3, w4, &bXorC)
      w5 = Self.schedule(w5, w6, w14, w3)
      Self.round(d, e, f, &g, h, a, b, &c, 0x4ed8aa4a, w5, &bXorC)
      w6 = Self.schedule(w6, w7, w15, w4)
      Self.round(c, d, e, &f, g, h, a, &b, 0x5b9cca4f, w6, &bXorC)
      w7 = Self.schedule(w7, w8, w0, w5)
      Self.round(b, c, d, &e, f, g, h, &a, 0x682e6ff3, w7, &bXorC)
      w8 = Self.schedule(w8, w9, w1, w6)
      Self.round(a, b, c, &d, e, f, g, &h, 0x748f82ee, w8, &bXorC)
      w9 = Self.schedule(w9, w10, w2, w7)
      Self.round(h, a, b, &c, d, e, f, &g, 0x78a5636f, w9, &bXorC)
      w10 = Self.schedule(w10, w11, w3, w8)
      Self.round(g, h, a, &b, c, d, e, &f, 0x84c87814, w10, &bXorC)
      w11 = Self.schedule(w11, w12, w4, w9)
      Self.round(f, g, h, &a, b, c, d, &e, 0x8cc70208, w11, &bXorC)
      w12 = Self.schedule(w12, w13, w5, w10)
      Self.round(e, f, g, &h, a, b, c, &d, 0x90befffa, w12, &bXorC)
      w13 = Self.schedule(w13, w14, w6, w11)
      Self.round(d, e, f, &g, h, a, b, &c, 0xa4506ceb, w13, &bXorC)
      w14 = Self.schedule(w14, w15, w7, w12)
      Self.round(c, d, e, &f, g, h, a, &b, 0xbef9a3f7, w14, &bXorC)
      w15 = Self.schedule(w15, w0, w8, w13)
      Self.round(b, c, d, &e, f, g, h, &a, 0xc67178f2, w15, &bXorC)

      h0 &+= a
      h1 &+= b
      h2 &+= c
      h3 &+= d
      h4 &+= e
      h5 &+= f
      h6 &+= g
      h7 &+= h
      block += 64
    }
    state = (h0, h1, h2, h3, h4, h5, h6, h7)
  }

  @inline(__always)
  static func word(_ block: UnsafeRawPointer, _ index: Int) -> UInt32 {
    UInt32(bigEndian: block.loadUnaligned(fromByteOffset: index &* 4, as: UInt32.self))
  }

  @inline(__always)
  static func rotateRight(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x &>> n) | (x &<< (32 &- n))
  }

  /// One round: `d += T1`, `h = T1 + T2`; the callers rotate the variable names instead of
  /// moving values. `bXorC` carries `b ^ c` from round to round: this round's `a ^ b` is the
  /// next round's `b ^ c`, which saves work in the majority function.
  @inline(__always)
  static func round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
    _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ k: UInt32, _ w: UInt32, _ bXorC: inout UInt32
  ) {
    // Σ1(e) = ROTR6(e) ^ ROTR11(e) ^ ROTR25(e), nested so that one register suffices.
    let sum1 = rotateRight(rotateRight(rotateRight(e, 14) ^ e, 5) ^ e, 6)
    let choose = g ^ (e & (f ^ g))
    let t1 = h &+ sum1 &+ choose &+ k &+ w
    // Σ0(a) = ROTR2(a) ^ ROTR13(a) ^ ROTR22(a).
    let sum0 = rotateRight(rotateRight(rotateRight(a, 9) ^ a, 11) ^ a, 2)
    let aXorB = a ^ b
    let majority = (aXorB & bXorC) ^ b
    bXorC = aXorB
    d &+= t1
    h = t1 &+ sum0 &+ majority
  }

  /// W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16].
  @inline(__always)
  static func schedule(_ w16: UInt32, _ w15: UInt32, _ w7: UInt32, _ w2: UInt32) -> UInt32 {
    let sigma0 = rotateRight(rotateRight(w15, 11) ^ w15, 7) ^ (w15 &>> 3)
    let sigma1 = rotateRight(rotateRight(w2, 2) ^ w2, 17) ^ (w2 &>> 10)
    return w16 &+ sigma0 &+ w7 &+ sigma1
  }
}

/// Both SHA-256 compression functions, for the tests: the wasm32 build runs the 16-round loop,
/// which native tests can only reach through here.
package enum SHA256Compression {
  /// The state after compressing `blocks` (a multiple of 64 bytes) into `state` (8 words).
  package static func compress(_ state: [UInt32], blocks: [UInt8], loop: Bool) -> [UInt32] {
    precondition(state.count == 8 && blocks.count % 64 == 0)
    var words: SHA256Engine.State = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
    blocks.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      if loop {
        SHA256Engine.compressSixteenRoundLoop(&words, blocks: base, count: blocks.count / 64)
      } else {
        SHA256Engine.compressUnrolled(&words, blocks: base, count: blocks.count / 64)
      }
    }
    return [words.0, words.1, words.2, words.3, words.4, words.5, words.6, words.7]
  }
}
