/// One member of a JSON object.
public struct JSONMember: Sendable, Equatable {
  public var key: String
  public var value: JSONValue

  public init(key: String, value: JSONValue) {
    self.key = key
    self.value = value
  }

  public static func == (lhs: JSONMember, rhs: JSONMember) -> Bool {
    lhs.key.utf8Equals(rhs.key) && lhs.value == rhs.value
  }

  /// The positions of `members` ordered by name (UTF-8 bytes; equal names by position, so the
  /// order is the one a stable sort would give). A heapsort: O(n log n) in the worst case, and a
  /// fraction of the code of the stdlib's generic sort over `String.UTF8View` in Embedded builds.
  static func nameOrder(_ members: [JSONMember]) -> [Int] {
    var order = Array(members.indices)
    members.withUnsafeBufferPointer { members in
      order.withUnsafeMutableBufferPointer { order in
        guard let order = order.baseAddress else { return }
        var end = members.count
        var start = end / 2
        while start > 0 {
          start &-= 1
          siftDown(order, start, end, members)
        }
        while end > 1 {
          end &-= 1
          let largest = order[0]
          order[0] = order[end]
          order[end] = largest
          siftDown(order, 0, end, members)
        }
      }
    }
    return order
  }

  /// Heapsort's sift-down of `order[start]` within `order[0..<end]`.
  private static func siftDown(
    _ order: UnsafeMutablePointer<Int>, _ start: Int, _ end: Int, _ members: UnsafeBufferPointer<JSONMember>
  ) {
    var root = start
    while true {
      var child = 2 &* root &+ 1
      if child >= end { return }
      if child &+ 1 < end && before(order[child], order[child &+ 1], members) { child &+= 1 }
      guard before(order[root], order[child], members) else { return }
      let moved = order[root]
      order[root] = order[child]
      order[child] = moved
      root = child
    }
  }

  /// Whether member `i` sorts before member `j`: by name bytes, then by position.
  private static func before(_ i: Int, _ j: Int, _ members: UnsafeBufferPointer<JSONMember>) -> Bool {
    let c = members[i].key.utf8Compare(members[j].key)
    return c < 0 || (c == 0 && i < j)
  }
}
