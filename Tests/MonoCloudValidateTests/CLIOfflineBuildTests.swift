import Foundation
import MonoCloudJOSE
import MonoCloudValidateCLI
import Testing

/// `monocloud-validate-offline`, the Foundation-free build without the online mode. Every
/// offline run of the other suites (`CLIRunner.run` with `--jwks`) is repeated with it and must
/// match `monocloud-validate` exactly; these tests cover what differs.
@Suite("monocloud-validate-offline")
struct CLIOfflineBuildTests {
  /// The one line the offline build prints for a run without `--jwks`.
  static let offlineOnlyLine =
    "error: monocloud-validate-offline is offline-only: pass --jwks FILE (with --metadata, --issuer or "
    + "--tenant-domain), or use monocloud-validate for tenant discovery, JWKS download and introspection\n"

  @Test("the offline build is found, and offline runs are the ones repeated with it")
  func mirroring() async throws {
    #expect(CLIRunner.offlineExecutable != nil, "monocloud-validate-offline not built")
    #expect(CLIRunner.isOfflineRun(CLISampleTests.quickStartArguments))
    #expect(CLIRunner.isOfflineRun(["--jwks=keys.json", "--issuer", "i", "--audience", "a", "t"]))
    #expect(!CLIRunner.isOfflineRun(["--tenant-domain", "example.com", "--audience", "a", "t"]))
    #expect(!CLIRunner.isOfflineRun(["--jwks", "keys.json", "--help"]))
    #expect(!CLIRunner.isOfflineRun(["--audience", "a", "--", "--jwks"]))
  }

  @Test("online runs (no --jwks) exit 2 with one line, and nothing is fetched")
  func onlineRunsAreRefused() async throws {
    let server = try CLIOnlineTests.tenant(introspection: #"{"active":true,"sub":"someone"}"#)
    defer { server.stop() }
    let token = try CLITestTokens.token(CLIOnlineTests.claims(issuer: server.baseURL))
    let cases: [(arguments: [String], stdin: String, environment: [String: String])] = [
      (CLIOnlineTests.arguments(server, [token]), "", [:]),
      (CLIOnlineTests.arguments(server, ["-"]), token, [:]),
      (CLIOnlineTests.arguments(server, ["--batch"]), token + "\n", [:]),
      (CLIOnlineTests.arguments(server, ["--introspect", "--client-id", "c", "--client-secret", "s", token]), "", [:]),
      (CLIOnlineTests.arguments(server, ["opaque-token-1234567890"]), "", [:]),
      (
        ["--now", String(CLITestTokens.now), token], "",
        ["MONOCLOUD_BACKEND_TENANT_DOMAIN": server.baseURL, "MONOCLOUD_BACKEND_AUDIENCE": CLITestTokens.audience]
      ),
      // Other problems are not reported first: the missing --jwks is the one that matters.
      (["--metadata", "Samples/metadata.json", token], "", [:]),
      ([token], "", [:]),
    ]
    for (arguments, stdin, environment) in cases {
      let result = try await CLIRunner.runOffline(arguments, stdin: stdin, environment: environment)
      #expect(result.status == 2, "\(arguments): \(result.standardError)")
      #expect(result.standardOutput.isEmpty)
      #expect(result.standardError == Self.offlineOnlyLine, "\(arguments)")
    }
    #expect(server.requests.isEmpty, "the offline build must not reach the tenant")

    // The full tool validates the same token through the tenant.
    let full = try await CLIRunner.run(CLIOnlineTests.arguments(server, [token]))
    #expect(full.status == 0, "stderr: \(full.standardError)")
    #expect(!server.requests.isEmpty)
  }

  @Test("usage errors come first and name the offline build in the hint")
  func usageErrors() async throws {
    let unknown = try await CLIRunner.runOffline(["--tenant-domain", "example.com", "--bogus", "t"])
    #expect(unknown.status == 2)
    #expect(unknown.standardOutput.isEmpty)
    #expect(
      unknown.standardError == "error: unknown option --bogus\nRun 'monocloud-validate-offline --help' for usage.\n")
    let missingValue = try await CLIRunner.runOffline(["--jwks"])
    #expect(missingValue.status == 2)
    #expect(missingValue.standardError.hasPrefix("error: option --jwks needs a value\n"))
  }

  @Test("--help lists what the offline build supports, and says it is offline-only")
  func help() async throws {
    for flag in ["--help", "-h"] {
      let result = try await CLIRunner.runOffline(["--tenant-domain", "example.com", flag, "--bogus"])
      #expect(result.status == 0)
      #expect(result.standardError.isEmpty)
      let usage = result.standardOutput
      #expect(usage.hasPrefix("Usage: monocloud-validate-offline [options] TOKEN\n"))
      #expect(usage.contains("monocloud-validate-offline [options] -"))
      #expect(usage.contains("monocloud-validate-offline [options] --batch"))
      #expect(usage.contains("This build has no\nonline mode: --jwks is required"))
      for option in [
        "--tenant-domain", "--audience", "--clock-skew", "--clock-tolerance", "--scope", "--group", "--groups-claim",
        "--groups-match-all", "--certificate", "--certificate-binding", "--now", "--jwks", "--metadata", "--issuer",
        "--batch", "--help",
      ] {
        #expect(usage.contains("\n  " + option + " "), "usage lacks \(option)")
      }
      // The online-only options are not offered (only mentioned as accepted and ignored).
      for option in ["--client-id", "--client-secret", "--client-auth-method", "--introspect"] {
        #expect(!usage.contains("\n  " + option + " "), "usage offers \(option)")
      }
      #expect(!usage.contains(" 3 "), "no exit status 3 offline")
    }
    // The full tool's usage still offers them.
    let full = try await CLIRunner.run(["--help"]).standardOutput
    #expect(full.contains("\n  --introspect ") && full.contains("\n  --client-id "))
  }

  #if os(Linux)
    @Test("the offline build links no Foundation, ICU or libcurl (the full tool does)")
    func noFoundation() async throws {
      func sharedLibraries(_ executable: URL?) async throws -> String {
        let executable = try #require(executable)
        let result = try await ChildProcess.run(
          URL(fileURLWithPath: "/usr/bin/env"), arguments: ["ldd", executable.path])
        let listing = String(decoding: result.output + result.errors, as: UTF8.self)
        // A fully static build (such as an Embedded-Swift one) links nothing at all.
        if listing.contains("not a dynamic executable") || listing.contains("statically linked") {
          return listing
        }
        #expect(result.status == 0, "ldd \(executable.path): \(listing)")
        #expect(listing.contains("libc.so"), "ldd \(executable.path): \(listing)")
        return listing
      }
      let offline = try await sharedLibraries(CLIRunner.offlineExecutable)
      for library in ["Foundation", "icu", "libcurl"] {
        #expect(!offline.contains(library), "the offline build needs \(library):\n\(offline)")
      }
      let full = try await sharedLibraries(CLIRunner.executable)
      #expect(full.contains("Foundation"), "expected Foundation in the full tool:\n\(full)")
    }
  #endif

  @Test("standard base64 of a DER certificate, as Foundation writes it")
  func base64() {
    var generator = SystemRandomNumberGenerator()
    for count in 0..<70 {
      let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      #expect(CertificateFile.base64(bytes) == Data(bytes).base64EncodedString(), "\(bytes)")
    }
    #expect(CertificateFile.base64([0xFB, 0xFF, 0xBF]) == "+/+/")
  }
}
