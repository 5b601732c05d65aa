/// How a certificate-bound token (RFC 8705 §3, `cnf` with `x5t#S256`) is treated.
public enum CertificateBindingMode: Sendable, Equatable {
  /// Check the binding when the token has `cnf.x5t#S256` (the default).
  case whenPresent
  /// Require every token to be certificate-bound, and check the binding.
  case required
  /// Never check. Only for deployments where a proxy already did.
  case dangerouslyIgnore

  /// The configuration name: `when_present`, `required`, `dangerously_ignore`.
  public var name: String {
    switch self {
    case .whenPresent: return "when_present"
    case .required: return "required"
    case .dangerouslyIgnore: return "dangerously_ignore"
    }
  }

  /// The mode for a configuration name (exact, case-sensitive), or `nil`.
  public init?(name: String) {
    for mode in [CertificateBindingMode.whenPresent, .required, .dangerouslyIgnore] where mode.name.utf8Equals(name) {
      self = mode
      return
    }
    return nil
  }
}
