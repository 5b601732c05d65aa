// A small API protected by MonoCloud, configured only from the environment:
//   MONOCLOUD_BACKEND_TENANT_DOMAIN, MONOCLOUD_BACKEND_AUDIENCE (required), any other
//   MONOCLOUD_BACKEND_* option, and PORT (default 8080).
// Routes: GET /health (public), GET /orders (scope read:orders), GET /admin (group admin).
// SIGINT/SIGTERM stop it gracefully: in-flight requests finish, then the connection pool closes.
import Hummingbird
import Logging
import MonoCloudBackend
import MonoCloudHummingbird
import ServiceLifecycle

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

var logger = Logger(label: "orders-api")
logger.logLevel = .info

let monoCloud: MonoCloudBackendService
do {
  // Options set in code go here and win over the MONOCLOUD_BACKEND_* variables. The load
  // benchmark (Scripts/bench-server.sh) switches options on through those variables
  // (BENCH_API_ENV), e.g. a verified-token cache once MonoCloudBackend has one: an option that
  // has no variable would be read from the environment and set on `options` here.
  let options = MonoCloudBackendOptions()
  monoCloud = try MonoCloudBackendService(options: options)
} catch {
  logger.critical("configuration: \(error)")
  exit(2)
}

let router = Router(context: MonoCloudBasicRequestContext.self)
router.get("health") { _, _ in "ok" }
router.group("orders")
  .add(middleware: MonoCloudAuthMiddleware(client: monoCloud.client, scopes: ["read:orders"]))
  .get { _, context in "orders for \(try context.requireMonoCloudClaims().subject ?? "?")" }
router.group("admin")
  .add(middleware: MonoCloudAuthMiddleware(client: monoCloud.client, groups: ["admin"]))
  .get { _, context in "admin \(try context.requireMonoCloudClaims().subject ?? "?")" }

let port = getenv("PORT").flatMap { Int(String(cString: $0)) } ?? 8080
let app = Application(
  router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)

// The application stops first (services shut down in reverse order), then the client's pool.
let services = ServiceGroup(services: [monoCloud, app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
try await services.run()
