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

// For the load benchmark only (Scripts/bench-server.sh): BENCH_REFERENCE_ROUTES=1 adds
// /reference/no-op-middleware, the public route's answer behind a middleware that does nothing,
// which shows what the framework charges for any middleware apart from ours, and
// /reference/login-only: a middleware that sets fixed claims without reading the token and the
// /orders handler, the least any token middleware that hands claims to handlers can cost.
if getenv("BENCH_REFERENCE_ROUTES").map({ String(cString: $0) }) == "1" {
  router.group("reference").add(middleware: PassThroughMiddleware<MonoCloudBasicRequestContext>())
    .get("no-op-middleware") { _, _ in "ok" }
  router.group("reference").add(middleware: FixedClaimsMiddleware(claims: TokenClaims(["sub": "bench-user"])))
    .get("login-only") { _, context in "orders for \(try context.requireMonoCloudClaims().subject ?? "?")" }
}

let port = getenv("PORT").flatMap { Int(String(cString: $0)) } ?? 8080
let app = Application(
  router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)

// The application stops first (services shut down in reverse order), then the client's pool.
let services = ServiceGroup(services: [monoCloud, app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
try await services.run()

/// Sets fixed claims and calls the next responder (the benchmark's reference route for what
/// handing claims to a handler costs, without a token being read).
struct FixedClaimsMiddleware: RouterMiddleware {
  typealias Context = MonoCloudBasicRequestContext
  let claims: TokenClaims

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    var context = context
    context.monoCloudClaims = claims
    return try await next(request, context)
  }
}

/// A middleware that only calls the next responder (the benchmark's reference route).
struct PassThroughMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    try await next(request, context)
  }
}
