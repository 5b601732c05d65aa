import MonoCloudJOSE

// The option names and types before the one policy type and `Duration`s, forwarding to
// the current ones so that existing code keeps compiling.
extension MonoCloudBackendOptions {
  @available(*, deprecated, renamed: "policy.tenantDomain")
  public var tenantDomain: String? {
    get { policy.tenantDomain }
    set { policy.tenantDomain = newValue }
  }

  @available(*, deprecated, renamed: "policy.audiences")
  public var audience: String? {
    get { policy.audiences.first }
    set { policy.audiences = newValue.map { [$0] } ?? [] }
  }

  @available(*, deprecated, renamed: "introspectJWTTokens")
  public var introspectJwtTokens: Bool? {
    get { introspectJWTTokens }
    set { introspectJWTTokens = newValue }
  }

  @available(*, deprecated, message: "set policy.clockSkew (a Duration)")
  public var clockSkew: Int? {
    get { policy.isGiven(.clockSkew) ? Int(policy.clockSkew.components.seconds) : nil }
    set { if let newValue { policy.clockSkew = .seconds(newValue) } }
  }

  @available(*, deprecated, message: "set policy.clockTolerance (a Duration)")
  public var clockTolerance: Int? {
    get { policy.isGiven(.clockTolerance) ? Int(policy.clockTolerance.components.seconds) : nil }
    set { if let newValue { policy.clockTolerance = .seconds(newValue) } }
  }

  @available(*, deprecated, message: "set policy.groupsClaim and policy.groupsMatchAll")
  public var groupOptions: GroupOptions? {
    get {
      GroupOptions(
        groupsClaim: policy.isGiven(.groupsClaim) ? policy.groupsClaim : nil,
        matchAll: policy.isGiven(.groupsMatchAll) ? policy.groupsMatchAll : nil)
    }
    set {
      if let claim = newValue?.groupsClaim { policy.groupsClaim = claim }
      if let matchAll = newValue?.matchAll { policy.groupsMatchAll = matchAll }
    }
  }

  @available(*, deprecated, renamed: "policy.certificateBinding")
  public var validateCertificateBinding: CertificateBindingMode? {
    get { policy.isGiven(.certificateBinding) ? policy.certificateBinding : nil }
    set { if let newValue { policy.certificateBinding = newValue } }
  }
}

extension ResolvedBackendOptions {
  @available(*, deprecated, renamed: "introspectJWTTokens")
  public var introspectJwtTokens: Bool { introspectJWTTokens }

  @available(*, deprecated, message: "use policy.clockSkew (a Duration)")
  public var clockSkew: Int { Int(policy.clockSkew.components.seconds) }

  @available(*, deprecated, message: "use policy.clockTolerance (a Duration)")
  public var clockTolerance: Int { Int(policy.clockTolerance.components.seconds) }

  @available(*, deprecated, renamed: "policy.groupsClaim")
  public var groupsClaim: String { policy.groupsClaim }

  @available(*, deprecated, renamed: "policy.groupsMatchAll")
  public var groupsMatchAll: Bool { policy.groupsMatchAll }

  @available(*, deprecated, renamed: "policy.certificateBinding")
  public var validateCertificateBinding: CertificateBindingMode { policy.certificateBinding }
}
