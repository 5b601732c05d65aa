/// The claims the rules read, found in one pass over the claims object (a tree's members or an
/// in-place object's member table), so that each rule reads its claim without a lookup by name.
/// Names in an object are unique, so one pass finds exactly what a lookup per name would.
struct ClaimMembers {
  /// The claims object: a tree's members, or the member table of an object read in place.
  private enum Object {
    case tree([JSONMember])
    case inPlace(JSONSourceView)
  }

  /// Where each claim the rules read is among the members (-1: absent). Positions, not values,
  /// so that the pass copies nothing (no retain of a tree's names or values).
  private struct Positions {
    var issuer = -1
    var audience = -1
    var subject = -1
    var expiration = -1
    var issuedAt = -1
    var notBefore = -1
    var scope = -1
    var scp = -1
    var confirmation = -1
    var groups = -1

    /// Records member `position` named `name` (UTF-8), and as the groups claim when its name is
    /// `groupsClaim` (nil: not needed); the first of equal names is kept, as a lookup by name
    /// finds it.
    @inline(__always)
    mutating func record(_ position: Int, _ name: UnsafeRawBufferPointer, groupsClaim: String?) {
      if let groupsClaim, groups < 0, groupsClaim.utf8Equals(name) { groups = position }
      if name.count == 3 {
        let code = UInt32(name[0]) | UInt32(name[1]) &<< 8 | UInt32(name[2]) &<< 16
        if code == Self.packed("i", "s", "s") {
          if issuer < 0 { issuer = position }
        } else if code == Self.packed("a", "u", "d") {
          if audience < 0 { audience = position }
        } else if code == Self.packed("s", "u", "b") {
          if subject < 0 { subject = position }
        } else if code == Self.packed("e", "x", "p") {
          if expiration < 0 { expiration = position }
        } else if code == Self.packed("i", "a", "t") {
          if issuedAt < 0 { issuedAt = position }
        } else if code == Self.packed("n", "b", "f") {
          if notBefore < 0 { notBefore = position }
        } else if code == Self.packed("s", "c", "p") {
          if scp < 0 { scp = position }
        } else if code == Self.packed("c", "n", "f") {
          if confirmation < 0 { confirmation = position }
        }
      } else if name.count == 5 && scope < 0 && name[0] == UInt8(ascii: "s") && name[1] == UInt8(ascii: "c")
        && name[2] == UInt8(ascii: "o") && name[3] == UInt8(ascii: "p") && name[4] == UInt8(ascii: "e")
      {
        scope = position
      }
    }

    /// A three-letter ASCII name as `record` packs it (folded to a constant).
    @inline(__always)
    private static func packed(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar) -> UInt32 {
      UInt32(UInt8(ascii: a)) | UInt32(UInt8(ascii: b)) &<< 8 | UInt32(UInt8(ascii: c)) &<< 16
    }
  }

  private let object: Object
  private let positions: Positions

  /// The claims of a tree; `groupsClaim` is the name of the groups claim, nil when no group is
  /// required.
  init(tree claims: JSONObject, groupsClaim: String?) {
    let members = claims.members
    var positions = Positions()
    members.withUnsafeBufferPointer { members in
      var i = 0
      while i < members.count {
        members[i].key.withUTF8InPlace { positions.record(i, $0, groupsClaim: groupsClaim) }
        i &+= 1
      }
    }
    object = .tree(members)
    self.positions = positions
  }

  /// The claims of an object read in place (its member table), values read over its bytes.
  init(inPlace claims: JSONSourceView, groupsClaim: String?) {
    var positions = Positions()
    var i = 0
    while i < claims.memberCount {
      positions.record(i, claims.name(i), groupsClaim: groupsClaim)
      i &+= 1
    }
    object = .inPlace(claims)
    self.positions = positions
  }

  // Inlined into the rules: a `ClaimValue?` returned from a call is destroyed through its type's
  // value witnesses (a quarter of the cost of checking a tree), one built in place is not.
  @inline(__always) var issuer: ClaimValue? { value(at: positions.issuer) }
  @inline(__always) var audience: ClaimValue? { value(at: positions.audience) }
  @inline(__always) var subject: ClaimValue? { value(at: positions.subject) }
  @inline(__always) var expiration: ClaimValue? { value(at: positions.expiration) }
  @inline(__always) var issuedAt: ClaimValue? { value(at: positions.issuedAt) }
  @inline(__always) var notBefore: ClaimValue? { value(at: positions.notBefore) }
  @inline(__always) var scope: ClaimValue? { value(at: positions.scope) }
  @inline(__always) var scp: ClaimValue? { value(at: positions.scp) }
  @inline(__always) var confirmation: ClaimValue? { value(at: positions.confirmation) }
  /// The policy's groups claim (only looked for when a group is required).
  @inline(__always) var groups: ClaimValue? { value(at: positions.groups) }

  /// The value of member `position` (nil for -1).
  @inline(__always)
  private func value(at position: Int) -> ClaimValue? {
    guard position >= 0 else { return nil }
    switch object {
    case .tree(let members):
      return .tree(members[position].value)
    case .inPlace(let view):
      let range = view.valueRange(position)
      return .span(JSONSpanValue(document: view.document, start: range.lowerBound, end: range.upperBound))
    }
  }
}
