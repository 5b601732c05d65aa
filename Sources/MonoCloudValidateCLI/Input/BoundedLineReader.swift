/// Standard input split into lines, read in fixed chunks so that memory stays bounded
/// whatever arrives: a line longer than `limit` bytes is skipped to its end without being kept
/// and reported as `.tooLong`, and the stream goes on.
package struct BoundedLineReader {
  /// One line, without its newline.
  package enum Line: Equatable {
    case text(String)
    /// The line had more than `limit` bytes; its bytes were dropped.
    case tooLong
  }

  /// The most bytes a line may have.
  package let limit: Int
  /// Fills the buffer with the next bytes of the stream; returns how many (0 at its end).
  private let read: (UnsafeMutableRawBufferPointer) -> Int
  private var chunk: [UInt8]
  private var start = 0
  private var end = 0
  private var finished = false

  package init(limit: Int, chunkSize: Int = 64 << 10, read: @escaping (UnsafeMutableRawBufferPointer) -> Int) {
    self.limit = limit
    self.read = read
    chunk = [UInt8](repeating: 0, count: max(chunkSize, 1))
  }

  /// The next line; `nil` at the end of the stream. A last line without a newline counts;
  /// the newline that ends the last line does not start another.
  package mutating func next() -> Line? {
    var line: [UInt8] = []
    var tooLong = false
    var sawBytes = false
    while true {
      if start == end {
        guard !finished else { break }
        let count = chunk.withUnsafeMutableBytes { read($0) }
        if count <= 0 {
          finished = true
          continue
        }
        start = 0
        end = count
      }
      sawBytes = true
      var stop = start
      while stop < end && chunk[stop] != UInt8(ascii: "\n") { stop &+= 1 }
      if !tooLong {
        if line.count &+ (stop &- start) > limit {
          tooLong = true
          line = []
        } else {
          line.append(contentsOf: chunk[start..<stop])
        }
      }
      if stop < end {
        start = stop &+ 1
        return tooLong ? .tooLong : .text(String(decoding: line, as: UTF8.self))
      }
      start = end
    }
    guard sawBytes else { return nil }
    return tooLong ? .tooLong : .text(String(decoding: line, as: UTF8.self))
  }
}
