// The SHA-512 compression function (FIPS 180-4 §6.4.2): fully unrolled rounds natively
// (Generated/SHA512UnrolledRounds.swift), a rolled loop on wasm32, and the test hook that reaches both.
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
          addWorkingVariables(a, b, c, d, e, f, g, h, to: &h0, &h1, &h2, &h3, &h4, &h5, &h6, &h7)
          block += 128
        }
      }
    }
    state = (h0, h1, h2, h3, h4, h5, h6, h7)
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
