import MonoCloudCrypto

/// SHA-256 over the first `byteCount` bytes of a message, not finalized, so that a later hash
/// of the whole message only absorbs the rest. Verifying an ES256 token hashes its signing
/// input, which is how the token begins: the DPoP `ath` (SHA-256 of the whole token) continues
/// from there. A remembered DPoP proof header is hashed once: each proof's signing input
/// continues from the state after `header.`.
package struct SHA256Prefix: Sendable {
  /// The state after the first `byteCount` bytes of the message.
  package var state: SHA256
  /// How many bytes from the message's start `state` has absorbed.
  package let byteCount: Int

  package init(state: SHA256, byteCount: Int) {
    self.state = state
    self.byteCount = byteCount
  }

  /// The state after `bytes`.
  package init(hashing bytes: UnsafeRawBufferPointer) {
    var hash = SHA256()
    hash.update(bytes)
    self.init(state: hash, byteCount: bytes.count)
  }

  /// The SHA-256 of `message` into `digest` (32 bytes), absorbing only the bytes after the
  /// prefix; `false` when this prefix cannot belong to `message` (longer than it). The caller
  /// guarantees that the prefix was computed over the start of this very message.
  package func finalize(message: UnsafeRawBufferPointer, into digest: UnsafeMutableRawBufferPointer) -> Bool {
    guard byteCount <= message.count else { return false }
    var hash = state
    hash.update(UnsafeRawBufferPointer(rebasing: message[byteCount...]))
    hash.finalize(into: digest)
    return true
  }
}
