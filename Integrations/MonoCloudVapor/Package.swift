// swift-tools-version: 6.1
import PackageDescription

// The Vapor integration: a nested package so that the root package keeps no dependencies.
let package = Package(
  name: "monocloud-vapor",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "MonoCloudVapor", targets: ["MonoCloudVapor"]),
    .executable(name: "monocloud-vapor-example", targets: ["VaporExample"]),
    .executable(name: "monocloud-mock-provider", targets: ["MockProviderServer"]),
  ],
  dependencies: [
    .package(name: "monocloud-backend-swift", path: "../.."),
    .package(name: "monocloud-async-http-client", path: "../AsyncHTTPClient"),
    .package(url: "https://github.com/vapor/vapor", exact: "4.122.3"),
    .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-atomics", from: "1.3.0"),
  ],
  targets: [
    .target(
      name: "MonoCloudVapor",
      dependencies: [
        .product(name: "MonoCloudBackend", package: "monocloud-backend-swift"),
        .product(name: "MonoCloudCrypto", package: "monocloud-backend-swift"),
        .product(name: "MonoCloudAsyncHTTPClient", package: "monocloud-async-http-client"),
        .product(name: "Vapor", package: "vapor"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Atomics", package: "swift-atomics"),
      ]
    ),
    // A mock OpenID provider (discovery, JWKS, introspection) on SwiftNIO, shared by the tests
    // and runnable as monocloud-mock-provider (the load benchmark uses Scripts/bench/mock_op.py, which
    // also rotates keys and goes down on demand); never shipped as a product library.
    .target(
      name: "MonoCloudMockProvider",
      dependencies: [
        .product(name: "MonoCloudJOSE", package: "monocloud-backend-swift"),
        .product(name: "MonoCloudCrypto", package: "monocloud-backend-swift"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ],
      path: "Examples/MockProvider"
    ),
    .executableTarget(
      name: "VaporExample",
      dependencies: [
        "MonoCloudVapor", .product(name: "MonoCloudBackend", package: "monocloud-backend-swift"),
        .product(name: "Vapor", package: "vapor"),
      ],
      path: "Examples/VaporExample"
    ),
    .executableTarget(
      name: "MockProviderServer",
      dependencies: ["MonoCloudMockProvider"],
      path: "Examples/MockProviderServer"
    ),
    .testTarget(
      name: "MonoCloudVaporTests",
      dependencies: [
        "MonoCloudVapor",
        "MonoCloudMockProvider",
        .product(name: "MonoCloudBackend", package: "monocloud-backend-swift"),
        .product(name: "VaporTesting", package: "vapor"),
      ]
    ),
  ]
)
