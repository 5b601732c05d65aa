// swift-tools-version: 6.1
import PackageDescription

// Hummingbird middleware: a nested package so that the root package keeps no dependencies.
let package = Package(
  name: "monocloud-hummingbird",
  platforms: [.macOS(.v14)],
  products: [
    .library(name: "MonoCloudHummingbird", targets: ["MonoCloudHummingbird"]),
    .executable(name: "monocloud-hummingbird-example", targets: ["OrdersAPI"]),
  ],
  dependencies: [
    .package(name: "monocloud-backend-swift", path: "../.."),
    .package(name: "monocloud-async-http-client", path: "../AsyncHTTPClient"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
    .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
  ],
  targets: [
    .target(
      name: "MonoCloudHummingbird",
      dependencies: [
        .product(name: "MonoCloudBackend", package: "monocloud-backend-swift"),
        .product(name: "MonoCloudAsyncHTTPClient", package: "monocloud-async-http-client"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ]
    ),
    // The runnable example (README "Integrations"): public, scope- and group-protected routes.
    .executableTarget(
      name: "OrdersAPI",
      dependencies: [
        "MonoCloudHummingbird",
        .product(name: "MonoCloudBackend", package: "monocloud-backend-swift"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Examples/OrdersAPI"
    ),
    .testTarget(
      name: "MonoCloudHummingbirdTests",
      dependencies: [
        "MonoCloudHummingbird",
        .product(name: "MonoCloudBackend", package: "monocloud-backend-swift"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]
    ),
  ]
)
