/// A xorshift64 generator with a caller-chosen seed, so that a failing random case reproduces.
/// Shared by the suites that draw random operands.
struct Xorshift64: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state ^= state &<< 13
    state ^= state &>> 7
    state ^= state &<< 17
    return state
  }
}
