// The rolled SHA-512 compression function (FIPS 180-4 §6.4.2) that wasm32 runs; natively the
// fully unrolled rounds of Generated/SHA512UnrolledRounds.swift run instead.
extension SHA512Engine {
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
