/// Where random bytes come from (for RSA-PSS salts, blinding, tests with fixed bytes).
///
/// `system` uses the operating system's generator; embedders (WebAssembly hosts,
/// microcontrollers) supply their own with `init(_:)`.
public struct RandomSource: Sendable {
  @usableFromInline let fillBuffer: @Sendable (UnsafeMutableRawBufferPointer) throws(CryptoError) -> Void

  /// A source that fills each buffer it is given completely, or throws.
  public init(_ fill: @escaping @Sendable (UnsafeMutableRawBufferPointer) throws(CryptoError) -> Void) {
    fillBuffer = fill
  }

  /// Fills `buffer` completely with random bytes.
  @inlinable
  public func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
    try fillBuffer(buffer)
  }

  /// `count` random bytes.
  public func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
    guard count >= 0 else { throw .invalidParameter("negative random byte count") }
    var result = [UInt8](repeating: 0, count: count)
    var failure: CryptoError? = nil
    result.withUnsafeMutableBytes { buffer in
      do throws(CryptoError) { try fillBuffer(buffer) } catch { failure = error }
    }
    if let failure { throw failure }
    return result
  }

  /// The operating system's generator: `getrandom(2)` on Linux and Android, `arc4random_buf`
  /// on Apple platforms. Elsewhere (Embedded Swift, freestanding targets, other systems) it
  /// throws `.randomnessUnavailable`.
  public static var system: RandomSource {
    RandomSource { buffer throws(CryptoError) in try fillFromSystem(buffer) }
  }
}

#if hasFeature(Embedded)
  private func fillFromSystem(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
    throw .randomnessUnavailable
  }
#elseif os(Linux) || os(Android)
  // Declared by symbol name: this module imports nothing but the standard library.
  @_silgen_name("getrandom")
  private func systemGetrandom(_ buffer: UnsafeMutableRawPointer, _ count: Int, _ flags: UInt32) -> Int

  #if os(Android)
    @_silgen_name("__errno")
    private func systemErrnoLocation() -> UnsafeMutablePointer<Int32>
  #else
    @_silgen_name("__errno_location")
    private func systemErrnoLocation() -> UnsafeMutablePointer<Int32>
  #endif

  private func fillFromSystem(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
    guard let base = buffer.baseAddress else { return }
    let interrupted: Int32 = 4  // EINTR
    var filled = 0
    while filled < buffer.count {
      // Blocks only until the kernel's pool is first initialised; may return less than asked.
      let result = systemGetrandom(base + filled, buffer.count - filled, 0)
      if result > 0 {
        filled += result
      } else if result < 0 && systemErrnoLocation().pointee == interrupted {
        continue
      } else {
        throw .randomnessUnavailable
      }
    }
  }
#elseif os(macOS) || os(iOS) || os(tvOS) || os(watchOS) || os(visionOS)
  @_silgen_name("arc4random_buf")
  private func systemArc4randomBuf(_ buffer: UnsafeMutableRawPointer, _ count: Int)

  private func fillFromSystem(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
    guard let base = buffer.baseAddress else { return }
    systemArc4randomBuf(base, buffer.count)  // cannot fail
  }
#else
  private func fillFromSystem(_ buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) {
    throw .randomnessUnavailable
  }
#endif
