import MonoCloudValidateCLI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// monocloud-validate-offline: monocloud-validate without its online mode, and without
// Foundation (a small static binary; README, "Static Linux binary"). Every --jwks invocation
// behaves exactly as with monocloud-validate.
let status = Command.runOfflineOnly(
  arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessVariables.monoCloudVariables())
exit(status.rawValue)
