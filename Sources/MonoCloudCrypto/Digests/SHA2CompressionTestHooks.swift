/// The state after compressing `blocks` (whole blocks of `blockByteCount` bytes) into `state`
/// (8 words) with `compress`: the arrays-in, arrays-out form behind `SHA256Compression` and
/// `SHA512Compression`, through which native tests reach the wasm32 compression functions.
func compressForTests<Word>(
  _ state: [Word], blocks: [UInt8], blockByteCount: Int,
  _ compress: (inout (Word, Word, Word, Word, Word, Word, Word, Word), UnsafeRawPointer, Int) -> Void
) -> [Word] {
  precondition(state.count == 8 && blocks.count % blockByteCount == 0)
  var words = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
  blocks.withUnsafeBytes { buffer in
    guard let base = buffer.baseAddress else { return }
    compress(&words, base, blocks.count / blockByteCount)
  }
  return [words.0, words.1, words.2, words.3, words.4, words.5, words.6, words.7]
}

/// Both SHA-256 compression functions, for the tests: the wasm32 build runs the 16-round loop,
/// which native tests can only reach through here.
package enum SHA256Compression {
  /// The state after compressing `blocks` (a multiple of 64 bytes) into `state` (8 words).
  package static func compress(_ state: [UInt32], blocks: [UInt8], loop: Bool) -> [UInt32] {
    let compress = loop ? SHA256Engine.compressSixteenRoundLoop : SHA256Engine.compressUnrolled
    return compressForTests(state, blocks: blocks, blockByteCount: 64, compress)
  }
}

/// Both SHA-512 compression functions, for the tests: the wasm32 build runs the rolled one,
/// which native tests can only reach through here.
package enum SHA512Compression {
  /// The state after compressing `blocks` (a multiple of 128 bytes) into `state` (8 words).
  package static func compress(_ state: [UInt64], blocks: [UInt8], rolled: Bool) -> [UInt64] {
    let compress = rolled ? SHA512Engine.compressRolled : SHA512Engine.compressUnrolled
    return compressForTests(state, blocks: blocks, blockByteCount: 128, compress)
  }
}
