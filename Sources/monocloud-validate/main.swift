import Foundation

// monocloud-validate: see Usage.swift and README.md ("Command-line tool").
let status = await Command.run(
  arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
exit(status.rawValue)
