// Big-endian bytes to and from single limbs, for the fixed-limb fields (the generated ones read
// and write their limbs one by one; Limbs.load/store serve the run-time-width values).

/// Limb `index` (least significant first) of a big-endian integer; missing leading bytes are zero.
@inline(__always)
func bigEndianLimb(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> UInt64 {
  let end = bytes.count - 8 * index
  var value: UInt64 = 0
  var position = max(0, end - 8)
  while position < end {
    value = value << 8 | UInt64(bytes[position])
    position += 1
  }
  return value
}

/// Stores limb `index` of an integer into the big-endian encoding of `byteCount` bytes.
@inline(__always)
func storeBigEndianLimb(_ value: UInt64, _ index: Int, _ output: UnsafeMutableRawBufferPointer, byteCount: Int) {
  let end = byteCount - 8 * index
  var position = end - 1
  var remaining = value
  while position >= max(0, end - 8) {
    output[position] = UInt8(truncatingIfNeeded: remaining)
    remaining >>= 8
    position -= 1
  }
}
