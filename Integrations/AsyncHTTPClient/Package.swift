// swift-tools-version: 6.1
import PackageDescription

// The AsyncHTTPClient fetcher: a nested package so that the root package keeps no dependencies.
let package = Package(
  name: "monocloud-async-http-client",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "MonoCloudAsyncHTTPClient", targets: ["MonoCloudAsyncHTTPClient"])
  ],
  dependencies: [
    .package(name: "monocloud-backend-swift", path: "../.."),
    .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
    .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
  ],
  targets: [
    .target(
      name: "MonoCloudAsyncHTTPClient",
      dependencies: [
        .product(name: "MonoCloudBackend", package: "monocloud-backend-swift"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]
    ),
    .testTarget(
      name: "MonoCloudAsyncHTTPClientTests",
      dependencies: [
        "MonoCloudAsyncHTTPClient",
        .product(name: "MonoCloudBackend", package: "monocloud-backend-swift"),
        .product(name: "MonoCloudCrypto", package: "monocloud-backend-swift"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ]
    ),
  ]
)
