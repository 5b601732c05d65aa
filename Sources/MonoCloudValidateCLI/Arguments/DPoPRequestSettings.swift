import MonoCloudJOSE

/// The DPoP flags: `--htm METHOD --htu URL` say which request the token came with, and
/// `--dpop-proof JWT` gives its `DPoP` header (with `--batch`, each line's second field,
/// `TOKEN<TAB>PROOF`). Without `--htm`/`--htu` no DPoP rule applies, as before they existed.
package struct DPoPRequestSettings: Sendable {
  /// `--htm`: compared exactly with the proof's `htm`.
  package var method: String
  /// `--htu`: the absolute request URL.
  package var url: String
  /// `--dpop-proof` (single token only).
  package var proof: String?

  /// The settings, or `nil` when no DPoP flag is given; problems name the flags.
  init?(arguments: Arguments, batch: Bool, problems: inout [String]) {
    let method = arguments["--htm"]
    let url = arguments["--htu"]
    let proof = arguments["--dpop-proof"]
    guard method != nil || url != nil || proof != nil else { return nil }
    guard let method, let url, !method.isEmpty, !url.isEmpty else {
      problems.append("--dpop-proof, --htm and --htu go together: give --htm METHOD and --htu URL")
      return nil
    }
    if batch, proof != nil {
      problems.append(
        "with --batch the DPoP proof is the second field of each line (TOKEN<TAB>PROOF), not --dpop-proof")
    }
    self.method = method
    self.url = url
    self.proof = proof?.trimmingWhitespace()
  }

  /// The token and proof of a `--batch` line `TOKEN<TAB>PROOF` (the proof field may be absent).
  static func split(_ line: String) -> (token: String, proof: String?) {
    let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
    let token = fields[0].trimmingWhitespace()
    guard fields.count == 2 else { return (token, nil) }
    let proof = fields[1].trimmingWhitespace()
    return (token, proof.isEmpty ? nil : proof)
  }
}
