extension [UInt8] {
  /// `count` bytes as `write` stores them; `write` must store every one (a digest or a MAC).
  @inlinable
  init(count: Int, writtenBy write: (UnsafeMutableRawBufferPointer) -> Void) {
    self.init(unsafeUninitializedCapacity: count) { buffer, initializedCount in
      write(UnsafeMutableRawBufferPointer(buffer))
      initializedCount = count
    }
  }
}
