/// Group checks applied to every validation by one client.
@available(*, deprecated, message: "set policy.groupsClaim and policy.groupsMatchAll")
public struct GroupOptions: Sendable, Equatable {
  /// The claim holding the groups (default `groups`).
  public var groupsClaim: String?
  /// true: every required group must be present; false (default): one suffices.
  public var matchAll: Bool?

  public init(groupsClaim: String? = nil, matchAll: Bool? = nil) {
    self.groupsClaim = groupsClaim
    self.matchAll = matchAll
  }
}
