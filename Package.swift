// swift-tools-version: 6.1
import PackageDescription

// No package dependencies, now or later: every line of crypto is ours (see README).
let package = Package(
  name: "monocloud-backend-swift",
  products: [
    .library(name: "MonoCloudCrypto", targets: ["MonoCloudCrypto"]),
    .library(name: "MonoCloudJOSE", targets: ["MonoCloudJOSE"]),
    .library(name: "MonoCloudBackend", targets: ["MonoCloudBackend"]),
    .library(name: "MonoCloudURLSession", targets: ["MonoCloudURLSession"]),
    .executable(name: "monocloud-validate", targets: ["monocloud-validate"]),
    .executable(name: "monocloud-validate-offline", targets: ["monocloud-validate-offline"]),
    .executable(name: "monocloud-bench", targets: ["monocloud-bench"]),
  ],
  dependencies: [],
  targets: [
    // Portable core: stdlib only, Embedded-Swift clean (checked by .ci/run).
    .target(name: "MonoCloudCrypto"),
    .target(name: "MonoCloudJOSE", dependencies: ["MonoCloudCrypto"]),
    // The client: JOSE plus stdlib concurrency, no Foundation.
    .target(name: "MonoCloudBackend", dependencies: ["MonoCloudJOSE"]),
    // The default fetcher, the only library that uses Foundation.
    .target(name: "MonoCloudURLSession", dependencies: ["MonoCloudBackend"]),
    // C-ABI entry points of the WebAssembly build (Scripts/build-wasm.sh); also built natively.
    .target(name: "MonoCloudWasm", dependencies: ["MonoCloudJOSE"]),
    // The command-line tool without its online part: arguments, settings, offline checks,
    // output (stdlib and the C library, no Foundation). Shared by both executables.
    .target(name: "MonoCloudValidateCLI", dependencies: ["MonoCloudJOSE", "CMonoCloudShim"]),
    // The few C library calls of that front end (plain C signatures, so that the Embedded
    // static build of the offline tool, Scripts/build-static.sh, can use them too).
    .target(name: "CMonoCloudShim"),
    .executableTarget(
      name: "monocloud-validate",
      dependencies: ["MonoCloudValidateCLI", "MonoCloudJOSE", "MonoCloudBackend", "MonoCloudURLSession"]
    ),
    // The same tool, offline only (--jwks): no Foundation, a small static Linux binary.
    .executableTarget(name: "monocloud-validate-offline", dependencies: ["MonoCloudValidateCLI"]),
    // Counts heap allocations for the benchmark only (interposes malloc on glibc).
    .target(name: "MallocCounter"),
    .executableTarget(
      name: "monocloud-bench",
      dependencies: ["MonoCloudCrypto", "MonoCloudJOSE", "MonoCloudBackend", "MallocCounter"]
    ),
    // Fixtures/ holds PEM keys and JSON vectors that the tests read from disk.
    .testTarget(name: "MonoCloudCryptoTests", dependencies: ["MonoCloudCrypto"], exclude: ["Fixtures"]),
    .testTarget(name: "MonoCloudJOSETests", dependencies: ["MonoCloudJOSE", "MonoCloudCrypto"]),
    .testTarget(
      name: "MonoCloudBackendTests",
      dependencies: ["MonoCloudBackend", "MonoCloudURLSession"]
    ),
    .testTarget(
      name: "MonoCloudValidateTests", dependencies: ["MonoCloudJOSE", "MonoCloudWasm", "MonoCloudValidateCLI"]
    ),
  ]
)
