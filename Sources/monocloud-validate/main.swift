import Foundation
import MonoCloudValidateCLI

// monocloud-validate: see Sources/MonoCloudValidateCLI/Usage.swift and README.md
// ("Command-line tool"). The offline part is shared with monocloud-validate-offline.
let status = await Command.run(
  arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment,
  online: OnlineChecker.self)
exit(status.rawValue)
