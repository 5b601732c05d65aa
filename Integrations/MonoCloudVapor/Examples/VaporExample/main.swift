// An orders API protected by MonoCloud access tokens. Configure it with the environment:
//   MONOCLOUD_BACKEND_TENANT_DOMAIN=https://your-tenant.us.monocloud.com \
//   MONOCLOUD_BACKEND_AUDIENCE=https://api.example.com \
//   MONOCLOUD_BACKEND_CLIENT_ID=… MONOCLOUD_BACKEND_CLIENT_SECRET=… \
//   swift run monocloud-vapor-example serve --port 8080
import MonoCloudBackend
import MonoCloudVapor
import Vapor

var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)

// The shared HTTP client must not follow redirects by itself: the MonoCloud fetcher decides.
app.http.client.configuration.redirectConfiguration = .disallow
do {
  // Options come from MONOCLOUD_BACKEND_*; values given here in code would override them. The
  // load benchmark (Scripts/bench-vapor.sh) switches options on through those variables
  // (BENCH_API_ENV), e.g. a verified-token cache once MonoCloudBackend has one: an option that
  // has no variable would be read from the environment and set on `options` here.
  let options = MonoCloudBackendOptions()
  try app.monocloud.configure(options)

  app.get("health") { _ in "ok" }

  // Any valid token; the principal is the validated caller.
  app.grouped(MonoCloudMiddleware()).get("me") { req in
    try req.auth.require(MonoCloudPrincipal.self).subject ?? ""
  }
  // The read:orders scope.
  app.grouped(MonoCloudMiddleware(scopes: ["read:orders"])).get("orders") { req in
    try req.monocloud.claims.subject ?? ""
  }
  // The admin group and the write:orders scope.
  app.grouped(MonoCloudMiddleware(scopes: ["write:orders"], groups: ["admin"])).post("orders") { _ in
    HTTPStatus.created
  }
  // For the load benchmark only (Scripts/bench-vapor.sh): BENCH_REFERENCE_ROUTES=1 adds
  // /reference/no-op-middleware, the public route's answer behind a middleware that does
  // nothing, which shows what the framework charges for any middleware apart from ours, and
  // /reference/login-only (below).
  if Environment.get("BENCH_REFERENCE_ROUTES") == "1" {
    app.grouped(PassThroughMiddleware()).get("reference", "no-op-middleware") { _ in "ok" }
    // The least any middleware that gives handlers `req.auth` and `req.monocloud.claims` can
    // cost in Vapor: it logs a fixed principal in without reading the token; answers as /orders.
    let fixed = MonoCloudPrincipal(claims: TokenClaims(["sub": "bench-user"]))
    app.grouped(LoginOnlyMiddleware(principal: fixed)).get("reference", "login-only") { req in
      try req.monocloud.claims.subject ?? ""
    }
  }
  try await app.execute()
} catch {
  app.logger.critical("\(error)")
  try? await app.asyncShutdown()
  exit(1)
}
try await app.asyncShutdown()

/// Logs a fixed principal in and calls the next responder (the benchmark's reference route for
/// Vapor's own cost of authentication).
struct LoginOnlyMiddleware: Middleware {
  let principal: MonoCloudPrincipal

  func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
    request.auth.login(principal)
    return next.respond(to: request)
  }
}

/// A middleware that only calls the next responder (the benchmark's reference route).
struct PassThroughMiddleware: Middleware {
  func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
    next.respond(to: request)
  }
}
