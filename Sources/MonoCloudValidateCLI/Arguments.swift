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

  /// Stores an option's raw value (a closure, not a key path: Embedded Swift has no key paths).
  typealias Setter = (inout Arguments, String) -> Void

  /// Where the value of an option that takes one goes.
  private static func valueOption(_ name: String) -> Setter? {
    switch name {
    case "--tenant-domain": return { $0.tenantDomain = $1 }
    case "--audience": return { $0.audience = $1 }
    case "--client-id": return { $0.clientId = $1 }
    case "--client-secret": return { $0.clientSecret = $1 }
    case "--client-auth-method": return { $0.clientAuthMethod = $1 }
    case "--clock-skew": return { $0.clockSkew = $1 }
    case "--clock-tolerance": return { $0.clockTolerance = $1 }
    case "--groups-claim": return { $0.groupsClaim = $1 }
    case "--certificate": return { $0.certificateFile = $1 }
    case "--certificate-binding": return { $0.certificateBinding = $1 }
    case "--now": return { $0.now = $1 }
    case "--jwks": return { $0.jwksFile = $1 }
    case "--metadata": return { $0.metadataFile = $1 }
    case "--issuer": return { $0.issuer = $1 }
    default: return nil
    }
  }

  /// Boolean switches: bare means `true`; `--name=true|false` is also accepted.
  private static func switchOption(_ name: String) -> Setter? {
    switch name {
    case "--introspect": return { $0.introspect = $1 }
    case "--groups-match-all": return { $0.groupsMatchAll = $1 }
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
      } else if let store = switchOption(name) {
        store(&result, inlineValue ?? "true")
      } else if name == "--scope" || name == "--group" {
        let item = try value(inlineValue, for: name, from: arguments, at: &index)
        if name == "--scope" {
          result.scopes.append(contentsOf: item.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init))
        } else {
          result.groups.append(item)
        }
      } else if let store = valueOption(name) {
        store(&result, try value(inlineValue, for: name, from: arguments, at: &index))
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
