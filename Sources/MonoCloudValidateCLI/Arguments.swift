/// The command line as given, before the environment is consulted: each option's raw value.
/// Parsing never echoes option values (they may be secrets), only option names.
struct Arguments {
  var tenantDomain: String?
  var audience: String?
  var clientId: String?
  var clientSecret: String?
  var clientAuthMethod: String?
  var clockSkew: String?
  var clockTolerance: String?
  var introspect: String?
  var scopes: [String] = []
  var groups: [String] = []
  var groupsClaim: String?
  var groupsMatchAll: String?
  var certificateFile: String?
  var certificateBinding: String?
  var now: String?
  var jwksFile: String?
  var metadataFile: String?
  var issuer: String?
  var batch = false
  var help = false
  /// Positional arguments: the token, or `-` for standard input.
  var positional: [String] = []

  /// Where the value of an option that takes one goes.
  private static func valueOption(_ name: String) -> WritableKeyPath<Arguments, String?>? {
    switch name {
    case "--tenant-domain": return \.tenantDomain
    case "--audience": return \.audience
    case "--client-id": return \.clientId
    case "--client-secret": return \.clientSecret
    case "--client-auth-method": return \.clientAuthMethod
    case "--clock-skew": return \.clockSkew
    case "--clock-tolerance": return \.clockTolerance
    case "--groups-claim": return \.groupsClaim
    case "--certificate": return \.certificateFile
    case "--certificate-binding": return \.certificateBinding
    case "--now": return \.now
    case "--jwks": return \.jwksFile
    case "--metadata": return \.metadataFile
    case "--issuer": return \.issuer
    default: return nil
    }
  }

  /// Boolean switches: bare means `true`; `--name=true|false` is also accepted.
  private static func switchOption(_ name: String) -> WritableKeyPath<Arguments, String?>? {
    switch name {
    case "--introspect": return \.introspect
    case "--groups-match-all": return \.groupsMatchAll
    default: return nil
    }
  }

  /// Parses `arguments` (without the program name). Throws a usage error for an unknown
  /// option, a missing value or a value given to `--batch`/`--help`.
  static func parse(_ arguments: [String]) throws(CLIFailure) -> Arguments {
    var result = Arguments()
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
        result.positional.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      // `--name=value` or `--name value`; only the name is ever quoted back.
      let name: String
      var inlineValue: String?
      if let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      } else {
        name = argument
      }

      if name == "--help" || name == "-h" {
        guard inlineValue == nil else { throw .usage("option \(name) takes no value") }
        result.help = true
      } else if name == "--batch" {
        guard inlineValue == nil else { throw .usage("option --batch takes no value") }
        result.batch = true
      } else if let path = switchOption(name) {
        result[keyPath: path] = inlineValue ?? "true"
      } else if name == "--scope" || name == "--group" {
        let item = try value(inlineValue, for: name, from: arguments, at: &index)
        if name == "--scope" {
          result.scopes.append(contentsOf: item.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init))
        } else {
          result.groups.append(item)
        }
      } else if let path = valueOption(name) {
        result[keyPath: path] = try value(inlineValue, for: name, from: arguments, at: &index)
      } else {
        throw .usage("unknown option \(name)")
      }
    }
    return result
  }

  /// The value of option `name`: the inline `--name=value` one, else the next argument (a
  /// following `--option` is not taken as a value; use `--name=--value` for that).
  private static func value(
    _ inlineValue: String?, for name: String, from arguments: [String], at index: inout Int
  ) throws(CLIFailure) -> String {
    if let inlineValue { return inlineValue }
    guard index < arguments.count, !arguments[index].hasPrefix("--") else {
      throw .usage("option \(name) needs a value")
    }
    defer { index += 1 }
    return arguments[index]
  }
}
