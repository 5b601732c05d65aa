/// Operations on fixed-width unsigned integers held as little-endian 64-bit limbs in caller-owned
/// storage (a key's arrays, or scratch from `withUnsafeTemporaryAllocation`).
///
/// The width is a run-time limb count so that one implementation serves every RSA modulus size
/// (and any other odd modulus, e.g. a curve order) without generic towers. Nothing here allocates.
/// Unless a function says otherwise it runs in time that depends only on the limb count.
package enum Limbs {
  /// Reads a big-endian byte string into exactly `count` limbs, zero-extended.
  /// Returns false (and writes nothing meaningful) when the value needs more than `count` limbs;
  /// leading zero bytes are allowed. Branches only on the length and on leading zeros.
  package static func load(
    bigEndian bytes: UnsafeRawBufferPointer, into limbs: UnsafeMutablePointer<UInt64>, count: Int
  ) -> Bool {
    var significant = bytes.count
    var start = 0
    while significant > count &* 8 {
      if bytes[start] != 0 { return false }
      start &+= 1
      significant &-= 1
    }
    limbs.initialize(repeating: 0, count: count)
    var index = bytes.count
    var limb = 0
    var shift: UInt64 = 0
    while index > start {
      index &-= 1
      limbs[limb] |= UInt64(bytes[index]) &<< shift
      shift &+= 8
      if shift == 64 {
        shift = 0
        limb &+= 1
      }
    }
    return true
  }

  /// Writes the low `output.count` bytes of the `count`-limb value, big-endian, zero-padded.
  /// The caller makes sure the value fits.
  package static func store(
    _ limbs: UnsafePointer<UInt64>, count: Int, bigEndianInto output: UnsafeMutableRawBufferPointer
  ) {
    var index = output.count
    var byteIndex = 0
    while index > 0 {
      index &-= 1
      let limb = byteIndex &>> 3
      let value = limb < count ? limbs[limb] &>> UInt64((byteIndex & 7) &* 8) : 0
      output[index] = UInt8(truncatingIfNeeded: value)
      byteIndex &+= 1
    }
  }

  /// Number of significant bits (0 for zero). Variable time: for public values only.
  package static func bitCount(_ limbs: UnsafePointer<UInt64>, count: Int) -> Int {
    var index = count
    while index > 0 {
      index &-= 1
      if limbs[index] != 0 { return index &* 64 &+ (64 &- limbs[index].leadingZeroBitCount) }
    }
    return 0
  }

  /// `result = a - b` over `count` limbs; returns the borrow (0 or 1). `result` may alias either input.
  @inline(__always)
  package static func subtract(
    _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>, count: Int
  ) -> UInt64 {
    chain(a, b, into: result, count: count, subtractWithBorrow)
  }

  /// `result = a + b` over `count` limbs; returns the carry (0 or 1). `result` may alias either input.
  @inline(__always)
  package static func add(
    _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>, count: Int
  ) -> UInt64 {
    chain(a, b, into: result, count: count, addWithCarry)
  }

  /// `result[i] = step(a[i], b[i], carry)` from the lowest limb up, each step's carry (or
  /// borrow) going into the next; returns the last one.
  @inline(__always)
  static func chain(
    _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, into result: UnsafeMutablePointer<UInt64>, count: Int,
    _ step: (UInt64, UInt64, UInt64) -> (UInt64, UInt64)
  ) -> UInt64 {
    var carry: UInt64 = 0
    for index in 0..<count {
      (result[index], carry) = step(a[index], b[index], carry)
    }
    return carry
  }

  /// `target = mask == 0 ? target : source` without branching on `mask` (0 or all ones).
  @inline(__always)
  package static func conditionalCopy(
    _ source: UnsafePointer<UInt64>, into target: UnsafeMutablePointer<UInt64>, count: Int, mask: UInt64
  ) {
    for index in 0..<count {
      target[index] = (target[index] & ~mask) | (source[index] & mask)
    }
  }

  /// All ones when `a < b`, else 0, without branching on the values.
  package static func lessThanMask(_ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, count: Int) -> UInt64 {
    var borrow: UInt64 = 0
    for index in 0..<count {
      (_, borrow) = subtractWithBorrow(a[index], b[index], borrow)
    }
    return 0 &- borrow
  }

  /// All ones when the value is zero, else 0, without branching on the value.
  package static func isZeroMask(_ a: UnsafePointer<UInt64>, count: Int) -> UInt64 {
    var accumulated: UInt64 = 0
    for index in 0..<count { accumulated |= a[index] }
    // (x | -x) has its top bit set exactly when x != 0.
    return ((accumulated | (0 &- accumulated)) &>> 63) &- 1
  }

  /// Whether two values are equal. Variable time: for public values only.
  package static func equal(_ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, count: Int) -> Bool {
    for index in 0..<count where a[index] != b[index] { return false }
    return true
  }

  /// `result = a * b`, schoolbook, `aCount + bCount` limbs. `result` must not alias an input.
  package static func multiply(
    _ a: UnsafePointer<UInt64>, count aCount: Int, _ b: UnsafePointer<UInt64>, count bCount: Int,
    into result: UnsafeMutablePointer<UInt64>
  ) {
    result.initialize(repeating: 0, count: aCount &+ bCount)
    for i in 0..<aCount {
      let ai = a[i]
      var carry: UInt64 = 0
      for j in 0..<bCount {
        result[i &+ j] = multiplyAdd(ai, b[j], result[i &+ j], &carry)
      }
      result[i &+ bCount] = carry
    }
  }
}

extension Limbs {
  /// Runs `body` with at least `count` zeroed limbs of stack storage.
  ///
  /// `withUnsafeTemporaryAllocation` goes to the heap above 1 KiB on Linux, so whole-operation
  /// scratch lives in fixed-size inline arrays instead, in a few size classes (the largest holds
  /// an 8192-bit verification). Larger requests fall back to a temporary allocation.
  @inline(__always)
  package static func withStackScratch<Result>(
    _ count: Int, _ body: (UnsafeMutablePointer<UInt64>) -> Result
  ) -> Result {
    if count <= 128 {
      var storage = InlineArray<128, UInt64>(repeating: 0)
      var span = storage.mutableSpan
      return span.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    } else if count <= 512 {
      var storage = InlineArray<512, UInt64>(repeating: 0)
      var span = storage.mutableSpan
      return span.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    } else if count <= 1536 {
      var storage = InlineArray<1536, UInt64>(repeating: 0)
      var span = storage.mutableSpan
      return span.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }
    return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { buffer in
      buffer.initialize(repeating: 0)
      return body(buffer.baseAddress!)
    }
  }
}
