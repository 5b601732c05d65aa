/// A streaming cryptographic hash function (SHA-1 and the SHA-2 family).
///
/// Conforming types are small value types with fixed-size state: creating, copying, updating
/// and finalizing one never allocates. Copy a value to fork a computation (HMAC keeps its
/// keyed states that way). Use the type generically (`<H: HashFunction>`), never as `any`.
public protocol HashFunction: Sendable {
  /// Bytes of the digest: 20, 28, 32, 48 or 64.
  static var digestByteCount: Int { get }
  /// Bytes of the compression function's input block: 64 or 128.
  static var blockByteCount: Int { get }
  /// A fresh computation over the empty message.
  init()
  /// Absorbs more message bytes.
  mutating func update(_ bytes: UnsafeRawBufferPointer)
  /// Pads the message and writes the digest into the first `digestByteCount` bytes of `output`
  /// (only its first `output.count` bytes when `output` is shorter, i.e. a truncated digest).
  /// The value is spent afterwards: start again with `init()`.
  mutating func finalize(into output: UnsafeMutableRawBufferPointer)
}

extension HashFunction {
  /// Absorbs more message bytes.
  @inlinable
  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// Pads the message and returns the digest. The value is spent afterwards.
  @inlinable
  public mutating func finalize() -> [UInt8] {
    [UInt8](count: Self.digestByteCount, writtenBy: { finalize(into: $0) })
  }

  /// The digest of `bytes`.
  @inlinable
  public static func hash(_ bytes: [UInt8]) -> [UInt8] {
    var function = Self()
    function.update(bytes)
    return function.finalize()
  }

  /// Writes the digest of `bytes` into `output` (see `finalize(into:)` for its length).
  @inlinable
  public static func hash(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
    var function = Self()
    function.update(bytes)
    function.finalize(into: output)
  }
}

/// 64 bytes of inline storage: a block of SHA-1/SHA-256, or a digest, without a heap allocation.
@usableFromInline
typealias Bytes64 = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

/// 128 bytes of inline storage: a block of SHA-384/SHA-512 or an HMAC key block.
@usableFromInline
typealias Bytes128 = (Bytes64, Bytes64)

@usableFromInline
let zeroBytes64: Bytes64 = (0, 0, 0, 0, 0, 0, 0, 0)

@usableFromInline
let zeroBytes128: Bytes128 = (zeroBytes64, zeroBytes64)

/// Copies `min(source.count, destination.count)` bytes; both may be empty.
@inlinable @inline(__always)
func copyPrefix(from source: UnsafeRawBufferPointer, to destination: UnsafeMutableRawBufferPointer) {
  let count = min(source.count, destination.count)
  if count > 0, let from = source.baseAddress, let to = destination.baseAddress {
    to.copyMemory(from: from, byteCount: count)
  }
}
