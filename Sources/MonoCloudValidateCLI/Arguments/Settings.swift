import MonoCloudJOSE

/// The options in force: flags over `MONOCLOUD_BACKEND_*` variables over defaults, checked.
/// The token policy is MonoCloudJOSE's `TokenValidationPolicy`, read and checked by the
/// library (names, parsing, tenant-domain normalization); this type only maps flags to it.
/// Every problem is collected and reported at once (exit 2), naming the flag or variable,
/// never its value.
package struct Settings {
  /// The token policy: issuers, audiences, clock, scopes, groups, certificate binding.
  package var policy: TokenValidationPolicy
  /// The online-only flags, as given; the backend client reads them (and their variables).
  package var clientId: String?
  package var clientSecret: String?
  package var clientAuthMethod: String?
  /// `--introspect` as given (`true` when bare).
  package var introspect: String?
  package var certificateFile: String?
  /// `--now`; `nil` means the system clock.
  package var now: Int64?
  package var jwksFile: String?
  package var metadataFile: String?
  package var batch: Bool
  /// DPoP (RFC 9449): the request's method (`--htm`) and URL (`--htu`); when given, a
  /// DPoP-bound token needs a proof (`--dpop-proof`, or the second field of a `--batch` line).
  package var dpop: DPoPRequestSettings?
  /// The single positional argument (`-` for standard input); `nil` with `--batch`.
  package var tokenArgument: String?

  /// The prefix of every environment variable the tool reads.
  package static let environmentPrefix = PolicySetting.environmentPrefix

  /// The policy variables (after the prefix) that the offline tool reads; the online tool
  /// passes its whole environment to the backend client, which reads its own.
  package static let variableNames = PolicySetting.variableNames.map {
    String(decoding: $0.utf8.dropFirst(environmentPrefix.utf8.count), as: UTF8.self)
  }

  /// The normalized tenant domain, if one was given.
  package var tenantDomain: String? { policy.tenantDomain }

  /// Whether the token is checked offline against `jwksFile`.
  package var isOffline: Bool { jwksFile != nil }

  /// The flag of each policy setting that has one.
  static let policyFlags: [(setting: PolicySetting, flag: String)] = [
    (.tenantDomain, "--tenant-domain"), (.audiences, "--audience"), (.issuers, "--issuer"),
    (.clockSkew, "--clock-skew"), (.clockTolerance, "--clock-tolerance"), (.groupsClaim, "--groups-claim"),
    (.groupsMatchAll, "--groups-match-all"), (.certificateBinding, "--certificate-binding"),
    (.maxTokenAge, "--max-token-age"),
  ]
  /// The repeatable flag of each list setting.
  static let policyListFlags: [(setting: PolicySetting, flag: String)] = [
    (.requiredScopes, "--scope"), (.requiredGroups, "--group"), (.requiredTypes, "--require-typ"),
  ]

  init(arguments: Arguments, environment: [String: String]) throws(CLIFailure) {
    var problems: [String] = []
    var policy = TokenValidationPolicy()
    for (setting, flag) in Settings.policyFlags {
      if let text = arguments[flag] { policy.set(setting, text: text, source: flag, problems: &problems) }
    }
    for (setting, flag) in Settings.policyListFlags {
      for text in arguments.all(flag) { policy.set(setting, text: text, source: flag, problems: &problems) }
    }
    if let text = arguments["--allow-missing-exp"] {
      switch ConfigurationText.boolean(ConfigurationText.trimmed(text)) {
      case let allow?: policy.requireExpiration = !allow
      case nil: problems.append("--allow-missing-exp must be true or false")
      }
    }
    policy.fillFromEnvironment({ environment[$0] }, problems: &problems)
    self.policy = policy.checked(requireAudience: true, problems: &problems)

    clientId = arguments["--client-id"]
    clientSecret = arguments["--client-secret"]
    clientAuthMethod = arguments["--client-auth-method"]
    introspect = arguments["--introspect"]
    certificateFile = arguments["--certificate"]
    if let text = arguments["--now"] {
      now = ConfigurationText.nonNegativeInteger(ConfigurationText.trimmed(text))
      if now == nil { problems.append("--now must be a non-negative integer (Unix seconds)") }
    }
    jwksFile = arguments["--jwks"]
    metadataFile = arguments["--metadata"]
    batch = arguments.batch

    if jwksFile != nil, let text = introspect {
      switch ConfigurationText.boolean(ConfigurationText.trimmed(text)) {
      case true?: problems.append("--introspect needs the authorization server; it cannot be combined with --jwks")
      case nil: problems.append("--introspect must be true or false")
      case false?: break
      }
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
    dpop = DPoPRequestSettings(arguments: arguments, batch: batch, problems: &problems)
    if jwksFile == nil && arguments["--issuer"] != nil {
      problems.append("--issuer is for offline validation (--jwks); online, the tenant domain is the issuer")
    }

    if !problems.isEmpty {
      var failure = CLIFailure.configuration(problems.joined(separator: "; "))
      failure.showsUsageHint = true
      throw failure
    }
  }
}

extension StringProtocol {
  /// Without leading and trailing spaces, tabs, CR and LF.
  package func trimmingWhitespace() -> String {
    ConfigurationText.trimmed(String(self))
  }
}
