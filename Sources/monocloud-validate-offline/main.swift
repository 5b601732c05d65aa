import MonoCloudValidateCLI

// monocloud-validate-offline: monocloud-validate without its online mode, and without
// Foundation. SwiftPM builds it with the Swift runtime; Scripts/build-static.sh builds the
// same sources as Embedded Swift into one fully static executable (README, "Static Linux
// binary"). Every --jwks invocation behaves exactly as with monocloud-validate.
let status = Command.runOfflineOnly(
  arguments: ProcessArguments.commandLine(), environment: ProcessVariables.monoCloudVariables())
ProcessExit.exit(status)
