/// The command line as given, before the environment is consulted: each option's raw value.
/// Parsing never echoes option values (they may be secrets), only option names.
struct Arguments {
  /// The options that take a value (the last one given wins).
  static let valueOptions = [
    "--tenant-domain", "--audience", "--client-id", "--client-secret", "--client-auth-method", "--clock-skew",
    "--clock-tolerance", "--groups-claim", "--certificate", "--certificate-binding", "--now", "--jwks", "--metadata",
    "--issuer", "--max-token-age", "--dpop-proof", "--htm", "--htu",
  ]
  /// Options that take a value and may be repeated (every value counts).
  static let repeatableOptions = ["--scope", "--group", "--require-typ"]
  /// Boolean switches: bare means `true`; `--name=true|false` is also accepted.
  static let switchOptions = ["--introspect", "--groups-match-all", "--allow-missing-exp"]

  /// The value and switch options given, by name, in order.
  private var values: [(name: String, value: String)] = []
  var batch = false
  var help = false
  /// Positional arguments: the token, or `-` for standard input.
  var positional: [String] = []

  /// The value of option `name` (e.g. `--clock-skew`): the last one given, or `nil`.
  subscript(name: String) -> String? {
    values.last { $0.name == name }?.value
  }

  /// Every value of the repeatable option `name` (e.g. `--scope`), in order.
  func all(_ name: String) -> [String] {
    values.filter { $0.name == name }.map { $0.value }
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
      } else if switchOptions.contains(name) {
        result.values.append((name, inlineValue ?? "true"))
      } else if valueOptions.contains(name) || repeatableOptions.contains(name) {
        result.values.append((name, try value(inlineValue, for: name, from: arguments, at: &index)))
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
