/// The settings of a `TokenValidationPolicy` that can be given as text: by a command-line
/// flag, a `MONOCLOUD_BACKEND_*` environment variable or a wasm option. Their names and the
/// way their text is read are defined here once.
public enum PolicySetting: Sendable, Equatable, CaseIterable {
  case tenantDomain, issuers, audiences, clockSkew, clockTolerance, groupsClaim, groupsMatchAll, certificateBinding
  case maxTokenAge, requiredScopes, requiredGroups, requiredTypes

  /// The prefix of every environment variable of the package.
  public static let environmentPrefix = "MONOCLOUD_BACKEND_"

  /// The option name in code (and in messages about values set in code).
  public var optionName: String {
    switch self {
    case .tenantDomain: return "tenantDomain"
    case .issuers: return "issuers"
    case .audiences: return "audiences"
    case .clockSkew: return "clockSkew"
    case .clockTolerance: return "clockTolerance"
    case .groupsClaim: return "groupsClaim"
    case .groupsMatchAll: return "groupsMatchAll"
    case .certificateBinding: return "certificateBinding"
    case .maxTokenAge: return "maxTokenAge"
    case .requiredScopes: return "requiredScopes"
    case .requiredGroups: return "requiredGroups"
    case .requiredTypes: return "requiredTypes"
    }
  }

  /// The environment variable that gives this setting, if one does.
  public var variableName: String? {
    let suffix: String
    switch self {
    case .tenantDomain: suffix = "TENANT_DOMAIN"
    case .issuers, .requiredScopes, .requiredGroups, .requiredTypes: return nil
    case .audiences: suffix = "AUDIENCE"
    case .clockSkew: suffix = "CLOCK_SKEW"
    case .clockTolerance: suffix = "CLOCK_TOLERANCE"
    case .groupsClaim: suffix = "GROUPS_CLAIM"
    case .groupsMatchAll: suffix = "GROUPS_MATCH_ALL"
    case .certificateBinding: suffix = "VALIDATE_CERTIFICATE_BINDING"
    case .maxTokenAge: suffix = "MAX_TOKEN_AGE"
    }
    return PolicySetting.environmentPrefix + suffix
  }

  /// Every environment variable of the policy.
  public static var variableNames: [String] { allCases.compactMap { $0.variableName } }

  var bit: UInt32 {
    switch self {
    case .tenantDomain: return 1
    case .issuers: return 1 << 1
    case .audiences: return 1 << 2
    case .clockSkew: return 1 << 3
    case .clockTolerance: return 1 << 4
    case .groupsClaim: return 1 << 5
    case .groupsMatchAll: return 1 << 6
    case .certificateBinding: return 1 << 7
    case .maxTokenAge: return 1 << 8
    case .requiredScopes: return 1 << 9
    case .requiredGroups: return 1 << 10
    case .requiredTypes: return 1 << 11
    }
  }
}

/// A set of `PolicySetting`s (a bit set; Embedded-clean).
struct PolicySettingSet: Sendable, Equatable {
  var bits: UInt32 = 0
  func contains(_ setting: PolicySetting) -> Bool { bits & setting.bit != 0 }
  mutating func insert(_ setting: PolicySetting) { bits |= setting.bit }
}

extension TokenValidationPolicy {
  /// Sets `setting` from `text` (a flag or variable value); a value that cannot be read is
  /// a problem naming `source` (the flag or variable), never the value. The setting then
  /// counts as given.
  public mutating func set(_ setting: PolicySetting, text raw: String, source: String, problems: inout [String]) {
    let text = ConfigurationText.trimmed(raw)
    sources.append((setting, source))
    given.insert(setting)
    switch setting {
    case .tenantDomain:
      tenantDomain = text
    case .issuers, .audiences:
      guard let list = ConfigurationText.list(text) else {
        problems.append(source + " must be a comma-separated list without empty entries")
        return
      }
      if setting == .issuers { issuers = list } else { audiences = list }
    case .clockSkew, .clockTolerance, .maxTokenAge:
      guard let seconds = ConfigurationText.nonNegativeInteger(text) else {
        problems.append(source + " must be a non-negative integer (seconds)")
        return
      }
      switch setting {
      case .clockSkew: clockSkew = .seconds(seconds)
      case .clockTolerance: clockTolerance = .seconds(seconds)
      default: maxTokenAge = .seconds(seconds)
      }
    case .requiredScopes:
      // "a b" is two scopes; a blank value stays as one blank entry, which `checked` reports.
      let scopes = ConfigurationText.words(text)
      requiredScopes += scopes.isEmpty ? [text] : scopes
    case .requiredGroups:
      requiredGroups.append(text)
    case .requiredTypes:
      guard let list = ConfigurationText.list(text) else {
        problems.append(source + " must not be empty or blank")
        return
      }
      requiredTypes += list
    case .groupsClaim:
      guard !text.utf8.isEmpty else {
        problems.append(source + " must not be empty")
        return
      }
      groupsClaim = text
    case .groupsMatchAll:
      guard let flag = ConfigurationText.boolean(text) else {
        problems.append(source + " must be true or false")
        return
      }
      groupsMatchAll = flag
    case .certificateBinding:
      guard let mode = CertificateBindingMode(name: text) else {
        problems.append(source + " must be when_present, required or dangerously_ignore")
        return
      }
      certificateBinding = mode
    }
  }

  /// Reads the `MONOCLOUD_BACKEND_*` variable of every setting not given yet, through
  /// `lookup` (variable name → raw value; no `getenv` here). Values are trimmed; an empty
  /// value counts as unset; a bad value is a problem naming the variable.
  public mutating func fillFromEnvironment(_ lookup: (String) -> String?, problems: inout [String]) {
    for setting in PolicySetting.allCases where !isGiven(setting) {
      guard let name = setting.variableName, let raw = lookup(name) else { continue }
      let text = ConfigurationText.trimmed(raw)
      if text.utf8.isEmpty { continue }
      set(setting, text: text, source: name, problems: &problems)
    }
  }

  /// The defaults, then the `MONOCLOUD_BACKEND_*` variables read through `lookup`.
  public init(environment lookup: (String) -> String?, problems: inout [String]) {
    self.init()
    fillFromEnvironment(lookup, problems: &problems)
  }
}
