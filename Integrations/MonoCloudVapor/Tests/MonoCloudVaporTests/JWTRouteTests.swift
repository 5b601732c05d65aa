import MonoCloudBackend
import MonoCloudMockProvider
import MonoCloudVapor
import Testing
import Vapor
import VaporTesting

@Suite("JWT access tokens on Vapor routes")
struct JWTRouteTests {
  @Test("valid RS256, ES256 and EdDSA tokens reach the handler with the principal")
  func validTokensOfEachAlgorithm() async throws {
    try await withProtectedApp { app, provider in
      var reached = 0
      for algorithm in [JWSAlgorithm.rs256, .es256, .edDSA] {
        let token = try provider.jwt(provider.claims(subject: "user-\(algorithm.name)"), algorithm: algorithm)
        let response = try await send(app, "me", bearer: token)
        #expect(response.status == .ok, "\(algorithm.name)")
        #expect(response.body.string == "user-\(algorithm.name) scopes=read:orders groups=")
        reached += 1
      }
      #expect(reached == 3)
      // One discovery and one JWKS fetch served all three keys.
      #expect(provider.hitCount("/jwks") == 1)
    }
  }

  @Test("an expired token is refused with 401 invalid_token")
  func expired() async throws {
    try await withProtectedApp { app, provider in
      let token = try provider.jwt(provider.claims(expiresIn: -3600))
      let response = try await send(app, "me", bearer: token)
      #expect(response.status == .unauthorized)
      #expect(challenge(response)?.hasPrefix("Bearer error=\"invalid_token\", error_description=\"") == true)
      expectNoEcho(of: token, in: response)
    }
  }

  @Test("a token for another audience is refused with 401 invalid_token")
  func wrongAudience() async throws {
    try await withProtectedApp { app, provider in
      let token = try provider.jwt(provider.claims(audience: "https://other.example.com"))
      let response = try await send(app, "me", bearer: token)
      #expect(response.status == .unauthorized)
      #expect(challenge(response)?.hasPrefix("Bearer error=\"invalid_token\"") == true)
      expectNoEcho(of: token, in: response)
    }
  }

  @Test("a token from another issuer is refused with 401 invalid_token")
  func wrongIssuer() async throws {
    try await withProtectedApp { app, provider in
      let token = try provider.jwt(provider.claims(issuer: "https://evil.example.com"))
      let response = try await send(app, "me", bearer: token)
      #expect(response.status == .unauthorized)
      #expect(challenge(response)?.hasPrefix("Bearer error=\"invalid_token\"") == true)
    }
  }

  @Test("a token missing a required scope is refused with 403 insufficient_scope naming the scopes")
  func missingScope() async throws {
    try await withProtectedApp { app, provider in
      let token = try provider.jwt(provider.claims(scopes: ["read:orders"]))
      #expect(try await send(app, "orders", bearer: token).status == .ok)
      let response = try await send(app, "orders", method: .POST, bearer: token)
      #expect(response.status == .forbidden)
      let header = try #require(challenge(response))
      #expect(header.hasPrefix("Bearer error=\"insufficient_scope\", error_description=\""))
      #expect(header.hasSuffix(", scope=\"read:orders write:orders\""))
      expectNoEcho(of: token, in: response)
    }
  }

  @Test("groups: one of them suffices by default; none is 403 insufficient_scope")
  func missingGroup() async throws {
    try await withProtectedApp { app, provider in
      let ops = try provider.jwt(provider.claims(groups: ["ops"]))
      #expect(try await send(app, "staff", bearer: ops).status == .ok)
      let outsider = try provider.jwt(provider.claims(groups: ["sales"]))
      let response = try await send(app, "staff", bearer: outsider)
      #expect(response.status == .forbidden)
      #expect(challenge(response)?.hasPrefix("Bearer error=\"insufficient_scope\"") == true)
      let noGroups = try provider.jwt(provider.claims())
      #expect(try await send(app, "staff", bearer: noGroups).status == .forbidden)
    }
  }

  @Test("matchAll on a route: every group is required; matchAll false overrides a client-wide true")
  func matchAll() async throws {
    try await withProtectedApp { app, provider in
      let one = try provider.jwt(provider.claims(groups: ["admin"]))
      let both = try provider.jwt(provider.claims(groups: ["ops", "admin"]))
      #expect(try await send(app, "staff-all", bearer: one).status == .forbidden)
      #expect(try await send(app, "staff-all", bearer: both).status == .ok)
      #expect(try await send(app, "staff-any", bearer: one).status == .ok)
    }
    try await withProtectedApp(configure: { $0.groupOptions = GroupOptions(matchAll: true) }) { app, provider in
      let one = try provider.jwt(provider.claims(groups: ["admin"]))
      #expect(try await send(app, "staff", bearer: one).status == .forbidden)
      #expect(try await send(app, "staff-any", bearer: one).status == .ok)
      let response = try await send(app, "staff-all", bearer: one)
      #expect(response.status == .forbidden)
      #expect(challenge(response)?.hasPrefix("Bearer error=\"insufficient_scope\"") == true)
    }
  }

  @Test("a token with a bad signature is refused with 401 invalid_token")
  func tamperedSignature() async throws {
    try await withProtectedApp { app, provider in
      let token = try provider.jwt(provider.claims())
      let tampered = String(token.dropLast(4)) + (token.hasSuffix("AAAA") ? "BBBB" : "AAAA")
      let response = try await send(app, "me", bearer: tampered)
      #expect(response.status == .unauthorized)
      #expect(challenge(response)?.hasPrefix("Bearer error=\"invalid_token\"") == true)
      expectNoEcho(of: tampered, in: response)
    }
  }

  @Test("certificate-bound tokens: the resolved certificate must match cnf.x5t#S256")
  func certificateBinding() async throws {
    try await withProtectedApp { app, provider in
      var claims = provider.claims()
      let thumbprint = try CertificateThumbprint.sha256(certificate: TestCertificates.clientA)
      claims["cnf"] = .object(["x5t#S256": .string(thumbprint)])
      let token = try provider.jwt(claims, algorithm: .es256)
      let matching = try await send(app, "bound", bearer: token, headers: [("X-Client-Cert", TestCertificates.clientA)])
      #expect(matching.status == .ok)
      let other = try await send(app, "bound", bearer: token, headers: [("X-Client-Cert", TestCertificates.clientB)])
      #expect(other.status == .unauthorized)
      #expect(challenge(other)?.hasPrefix("Bearer error=\"invalid_token\"") == true)
      // An unbound token passes with or without a certificate (binding checked when present).
      let unbound = try provider.jwt(provider.claims())
      #expect(
        try await send(app, "bound", bearer: unbound, headers: [("X-Client-Cert", TestCertificates.clientB)]).status
          == .ok)
    }
  }

  @Test("tokenResolver: the token comes from another header, and the Authorization header is not read")
  func tokenResolver() async throws {
    try await withProtectedApp { app, provider in
      let token = try provider.jwt(provider.claims())
      #expect(try await send(app, "resolved", headers: [("X-Access-Token", token)]).status == .ok)
      let response = try await send(app, "resolved", bearer: token)
      #expect(response.status == .unauthorized)
      #expect(challenge(response) == "Bearer")
    }
  }
}
