// swift-tools-version: 6.1
import PackageDescription

// Shared caches for a fleet on PostgreSQL: a nested package so that the root package keeps no dependencies.
let package = Package(
  name: "monocloud-postgres-cache",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "MonoCloudPostgresCache", targets: ["MonoCloudPostgresCache"]),
    .executable(name: "postgres-cache-benchmark", targets: ["PostgresCacheBenchmark"]),
  ],
  dependencies: [
    .package(name: "monocloud-backend-swift", path: "../.."),
    .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
    .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
  ],
  targets: [
    .target(
      name: "MonoCloudPostgresCache",
      dependencies: [
        .product(name: "MonoCloudBackend", package: "monocloud-backend-swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
      ]
    ),
    .executableTarget(
      name: "PostgresCacheBenchmark",
      dependencies: [
        "MonoCloudPostgresCache",
        .product(name: "MonoCloudBackend", package: "monocloud-backend-swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
      ]
    ),
    .testTarget(
      name: "MonoCloudPostgresCacheTests",
      dependencies: [
        "MonoCloudPostgresCache",
        .product(name: "MonoCloudBackend", package: "monocloud-backend-swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
  ]
)
