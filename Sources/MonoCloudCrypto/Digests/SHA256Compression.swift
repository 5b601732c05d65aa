// The SHA-256 compression function (FIPS 180-4 §6.2.2): fully unrolled rounds natively
// (Generated/SHA256UnrolledRounds.swift), a loop of 16 unrolled rounds on wasm32, and the test hook that reaches both.
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
        addWorkingVariables(a, b, c, d, e, f, g, h, to: &h0, &h1, &h2, &h3, &h4, &h5, &h6, &h7)
        block += 64
      }
    }
    state = (h0, h1, h2, h3, h4, h5, h6, h7)
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
