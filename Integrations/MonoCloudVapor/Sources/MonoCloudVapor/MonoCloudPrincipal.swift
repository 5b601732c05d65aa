import MonoCloudBackend
import Vapor

/// The caller of a request whose access token was validated: `req.auth.require(MonoCloudPrincipal.self)`
/// in a handler behind `MonoCloudMiddleware` (or `MonoCloudAuthenticator`).
public struct MonoCloudPrincipal: Authenticatable, Sendable {
  /// Every claim of the token (the JWT payload, or the introspection response).
  public let claims: TokenClaims
  /// The claim that holds the groups: the client's `groupsClaim` (`groups` by default).
  public let groupsClaim: String

  /// The groups of the token, read from `groupsClaim` when asked (most handlers never ask, so
  /// a request does not pay for the array).
  public var groups: [String] { claims.object.strings(groupsClaim) ?? [] }

  public init(claims: TokenClaims, groupsClaim: String = "groups") {
    self.claims = claims
    self.groupsClaim = groupsClaim
  }

  /// `sub`, when it is a string.
  public var subject: String? { claims.subject }

  /// The granted scopes (the space-separated `scope` claim, else an `scp` array).
  public var scopes: [String] { claims.scopes }
}

extension Request {
  /// MonoCloud helpers of this request: `req.monocloud.claims`, `req.monocloud.principal`.
  public var monocloud: MonoCloud { MonoCloud(request: self) }

  public struct MonoCloud: Sendable {
    let request: Request

    /// The validated principal, when a MonoCloud middleware logged one in.
    public var principal: MonoCloudPrincipal? { request.auth.get(MonoCloudPrincipal.self) }

    /// The validated claims; throws 401 `Bearer` when the route is not behind a MonoCloud
    /// middleware (a wiring mistake that must not serve the handler anonymously).
    public var claims: TokenClaims {
      get throws {
        guard let principal else { throw MonoCloudAbort.missingToken }
        return principal.claims
      }
    }

    /// The application's shared client; nil until `app.monocloud.configure(...)` was called.
    public var client: MonoCloudBackendClient? { request.application.monocloud.client }
  }
}
