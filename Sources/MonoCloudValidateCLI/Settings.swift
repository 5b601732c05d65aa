import MonoCloudJOSE

/// The options in force: flags over `MONOCLOUD_BACKEND_*` variables over defaults, checked.
/// Every problem is collected and reported at once (exit 2), naming the flag or variable,
/// never its value.
package struct Settings {
  /// Normalized (`https://` added when there is no scheme, no trailing `/`), if given.
  package var tenantDomain: String?
  package var audience: String
  package var clientId: String?
  package var clientSecret: String?
  package var clientAuthMethod: String?
  package var clockSkew: Int64
  package var clockTolerance: Int64
  /// `--introspect` (or its variable).
  package var introspect: Bool
  package var scopes: [String]
  package var groups: [String]
  package var groupsClaim: String
  package var groupsMatchAll: Bool
  package var certificateBinding: CertificateBindingMode
  package var certificateFile: String?
  /// `--now`; `nil` means the system clock.
  package var now: Int64?
  package var jwksFile: String?
  package var metadataFile: String?
  package var issuer: String?
  package var batch: Bool
  /// The single positional argument (`-` for standard input); `nil` with `--batch`.
  package var tokenArgument: String?

  /// The prefix of every environment variable the tool reads.
  package static let environmentPrefix = "MONOCLOUD_BACKEND_"

  /// The variables (after the prefix) that the settings read.
  package static let variableNames = [
    "TENANT_DOMAIN", "AUDIENCE", "CLIENT_ID", "CLIENT_SECRET", "CLIENT_AUTH_METHOD", "CLOCK_SKEW", "CLOCK_TOLERANCE",
    "INTROSPECT_JWT_TOKENS", "GROUPS_CLAIM", "GROUPS_MATCH_ALL", "VALIDATE_CERTIFICATE_BINDING",
  ]

  /// Whether the token is checked offline against `jwksFile`.
  package var isOffline: Bool { jwksFile != nil }

  init(arguments: Arguments, environment: [String: String]) throws(CLIFailure) {
    var problems: [String] = []
    func variable(_ name: String) -> String? {
      assert(Settings.variableNames.contains(name), "\(name) is missing from Settings.variableNames")
      guard let raw = environment[Settings.environmentPrefix + name] else { return nil }
      let trimmed = raw.trimmingWhitespace()
      return trimmed.isEmpty ? nil : trimmed
    }
    func number(flag: String, _ flagValue: String?, variable name: String, default fallback: Int64) -> Int64 {
      if let flagValue {
        if let value = Settings.nonNegativeInteger(flagValue.trimmingWhitespace()) { return value }
        problems.append("\(flag) must be a non-negative integer")
        return fallback
      }
      if let text = variable(name) {
        if let value = Settings.nonNegativeInteger(text) { return value }
        problems.append("\(Settings.environmentPrefix)\(name) must be a non-negative integer")
      }
      return fallback
    }
    func boolean(flag: String, _ flagValue: String?, variable name: String) -> Bool {
      if let flagValue {
        if let value = Settings.boolean(flagValue.trimmingWhitespace()) { return value }
        problems.append("\(flag) must be true or false")
        return false
      }
      if let text = variable(name) {
        if let value = Settings.boolean(text) { return value }
        problems.append("\(Settings.environmentPrefix)\(name) must be true or false")
      }
      return false
    }

    if let rawDomain = arguments.tenantDomain ?? variable("TENANT_DOMAIN") {
      let source = arguments.tenantDomain != nil ? "--tenant-domain" : Settings.environmentPrefix + "TENANT_DOMAIN"
      switch Settings.normalizeTenantDomain(rawDomain.trimmingWhitespace()) {
      case .success(let domain): tenantDomain = domain
      case .failure(let problem): problems.append("\(source) \(problem.text)")
      }
    }
    let audienceValue = arguments.audience ?? variable("AUDIENCE")
    if audienceValue?.isEmpty ?? true {
      problems.append("the audience is required: pass --audience or set \(Settings.environmentPrefix)AUDIENCE")
    }
    audience = audienceValue ?? ""
    clientId = arguments.clientId ?? variable("CLIENT_ID")
    clientSecret = arguments.clientSecret ?? variable("CLIENT_SECRET")
    clientAuthMethod = arguments.clientAuthMethod ?? variable("CLIENT_AUTH_METHOD")
    clockSkew = number(flag: "--clock-skew", arguments.clockSkew, variable: "CLOCK_SKEW", default: 0)
    clockTolerance = number(
      flag: "--clock-tolerance", arguments.clockTolerance, variable: "CLOCK_TOLERANCE", default: 300)
    introspect = boolean(flag: "--introspect", arguments.introspect, variable: "INTROSPECT_JWT_TOKENS")
    scopes = arguments.scopes
    groups = arguments.groups
    groupsClaim = arguments.groupsClaim ?? variable("GROUPS_CLAIM") ?? "groups"
    if groupsClaim.isEmpty { problems.append("--groups-claim must not be empty") }
    groupsMatchAll = boolean(flag: "--groups-match-all", arguments.groupsMatchAll, variable: "GROUPS_MATCH_ALL")

    certificateBinding = .whenPresent
    if let flagValue = arguments.certificateBinding {
      if let mode = CertificateBindingMode(name: flagValue.trimmingWhitespace()) {
        certificateBinding = mode
      } else {
        problems.append("--certificate-binding must be when_present, required or dangerously_ignore")
      }
    } else if let text = variable("VALIDATE_CERTIFICATE_BINDING") {
      if let mode = CertificateBindingMode(name: text) {
        certificateBinding = mode
      } else {
        problems.append(
          "\(Settings.environmentPrefix)VALIDATE_CERTIFICATE_BINDING must be when_present, required or dangerously_ignore"
        )
      }
    }
    certificateFile = arguments.certificateFile
    if let text = arguments.now {
      now = Settings.nonNegativeInteger(text.trimmingWhitespace())
      if now == nil { problems.append("--now must be a non-negative integer (Unix seconds)") }
    }
    jwksFile = arguments.jwksFile
    metadataFile = arguments.metadataFile
    issuer = arguments.issuer
    if let issuer, issuer.isEmpty { problems.append("--issuer must not be empty") }
    batch = arguments.batch

    if jwksFile != nil && arguments.introspect != nil && introspect {
      problems.append("--introspect needs the authorization server; it cannot be combined with --jwks")
    }
    if batch {
      if !arguments.positional.isEmpty {
        problems.append("--batch reads the tokens from standard input; no token argument is allowed")
      }
      tokenArgument = nil
    } else if arguments.positional.count == 1 {
      tokenArgument = arguments.positional[0]
    } else {
      tokenArgument = nil
      problems.append(
        arguments.positional.isEmpty
          ? "the token is missing: give it as the last argument, or - to read it from standard input"
          : "expected exactly one token argument, got \(arguments.positional.count)")
    }
    if jwksFile == nil && issuer != nil {
      problems.append("--issuer is for offline validation (--jwks); online, the tenant domain is the issuer")
    }

    if !problems.isEmpty {
      var failure = CLIFailure.configuration(problems.joined(separator: "; "))
      failure.showsUsageHint = true
      throw failure
    }
  }

  /// Digits only (no sign, no spaces), fitting `Int64`.
  static func nonNegativeInteger(_ text: String) -> Int64? {
    guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
      return nil
    }
    return Int64(text)
  }

  /// `true` or `false`, any case.
  static func boolean(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "true": return true
    case "false": return false
    default: return nil
    }
  }

  struct DomainProblem: Error {
    var text: String
  }

  /// `https://` is added when there is no scheme and trailing `/` are removed; `http://` is
  /// allowed only for loopback hosts (localhost, 127.0.0.0/8, [::1]).
  static func normalizeTenantDomain(_ raw: String) -> Result<String, DomainProblem> {
    var domain = raw
    while domain.hasSuffix("/") { domain.removeLast() }
    guard !domain.isEmpty else { return .failure(DomainProblem(text: "is empty")) }
    let rest: Substring
    if let range = Settings.firstSchemeSeparator(in: domain) {
      let scheme = domain[..<range.lowerBound].lowercased()
      rest = domain[range.upperBound...]
      switch scheme {
      case "https":
        break
      case "http":
        let host = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard isLoopback(authority: host) else {
          return .failure(DomainProblem(text: "uses http:// for a host that is not loopback; use https://"))
        }
      default:
        return .failure(DomainProblem(text: "must be an https:// URL"))
      }
      domain = scheme + "://" + rest
    } else {
      rest = domain[...]
      domain = "https://" + domain
    }
    guard !rest.isEmpty, !rest.hasPrefix("/"), !rest.contains(where: { $0 == " " || $0 == "?" || $0 == "#" }) else {
      return .failure(DomainProblem(text: "is not a valid host"))
    }
    return .success(domain)
  }

  /// Where the first `://` of `text` is (a plain scan: neither Foundation nor the regex-based
  /// string algorithms are linked into the offline tool).
  static func firstSchemeSeparator(in text: String) -> Range<String.Index>? {
    var index = text.startIndex
    while index < text.endIndex {
      if text[index...].hasPrefix("://") { return index..<text.index(index, offsetBy: 3) }
      index = text.index(after: index)
    }
    return nil
  }

  /// Whether `authority` (host with optional port) is localhost, 127.0.0.0/8 or [::1].
  static func isLoopback(authority: Substring) -> Bool {
    var host = authority
    if host.hasPrefix("[") {
      guard let close = host.firstIndex(of: "]") else { return false }
      return host[host.index(after: host.startIndex)..<close] == "::1"
    }
    if let colon = host.firstIndex(of: ":") { host = host[..<colon] }
    if host.lowercased() == "localhost" { return true }
    let octets = host.split(separator: ".", omittingEmptySubsequences: false)
    guard octets.count == 4, octets[0] == "127" else { return false }
    return octets.allSatisfy { UInt8($0) != nil }
  }
}

extension StringProtocol {
  /// Without leading and trailing spaces, tabs, CR and LF.
  package func trimmingWhitespace() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
      return ""
    }
    return String(self[first...last])
  }
}
