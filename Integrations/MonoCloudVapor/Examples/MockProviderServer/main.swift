// The mock OpenID provider as a process, for manual runs against the example: starts on a free loopback
// port, writes the issuer and ready-made tokens into the folder given as the only argument
// (files `issuer`, `rs256`, `es256`, `eddsa`, `opaque`: one token a line), then serves until
// it is killed.
import Foundation
import MonoCloudJOSE
import MonoCloudMockProvider

guard CommandLine.arguments.count == 2 else {
  FileHandle.standardError.write(Data("usage: monocloud-mock-provider OUTPUT_FOLDER\n".utf8))
  exit(2)
}
let folder = URL(fileURLWithPath: CommandLine.arguments[1])
let provider = try await MockProvider.start()

/// Eight tokens per kind, for distinct subjects, valid for a day.
func tokens(of provider: MockProvider, _ make: (JSONObject) throws -> String) rethrows -> String {
  try (1...8).map { try make(provider.claims(subject: "user-\($0)", expiresIn: 86_400)) }.joined(separator: "\n")
}
let files: [(String, String)] = [
  ("rs256", try tokens(of: provider) { try provider.jwt($0, algorithm: .rs256) }),
  ("es256", try tokens(of: provider) { try provider.jwt($0, algorithm: .es256) }),
  ("eddsa", try tokens(of: provider) { try provider.jwt($0, algorithm: .edDSA) }),
  ("opaque", tokens(of: provider) { provider.opaqueToken($0) }),
  // Written last: its presence tells the script that everything is ready.
  ("issuer", provider.issuer),
]
for (name, text) in files {
  try (text + "\n").write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
}
while true { try await Task.sleep(for: .seconds(3600)) }
