import MonoCloudJOSE

/// The process exit statuses, a contract with scripts and checkers (README, "Command-line tool").
package enum ExitStatus: Int32 {
  /// The token is valid (or, with `--batch`, every line was processed).
  case valid = 0
  /// The token was rejected.
  case rejected = 1
  /// Usage or configuration error.
  case usage = 2
  /// The authorization server could not be reached or failed.
  case unavailable = 3
}

/// A failure that ends the run without a verdict on a token: a usage or configuration
/// problem (exit 2) or an unusable authorization server (exit 3). Messages never contain
/// tokens or secrets.
package struct CLIFailure: Error {
  package var status: ExitStatus
  package var message: String
  /// Whether the usage hint should follow the message.
  package var showsUsageHint = false

  package static func usage(_ message: String) -> CLIFailure {
    CLIFailure(status: .usage, message: message, showsUsageHint: true)
  }

  package static func configuration(_ message: String) -> CLIFailure {
    CLIFailure(status: .usage, message: message)
  }

  package static func unavailable(_ message: String) -> CLIFailure {
    CLIFailure(status: .unavailable, message: message)
  }
}

/// The outcome for one token.
package enum Verdict {
  /// Valid: the claims (the whole payload, or the introspection response without `active`).
  case valid(JSONObject)
  /// Rejected with a wire code (`invalid_token`, `inactive_token`, `insufficient_scope`,
  /// `insufficient_groups`) and a message without the token.
  case rejected(code: String, message: String)
}
