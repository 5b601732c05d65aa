import MonoCloudBackend
import MonoCloudJOSE
import Testing

@Suite struct SecretRedactionTests {
  static let secrets: [ClientSecret] = [.string("hunter2-plain"), .jwk(#"{"kty":"oct","k":"aHVudGVyMi1qd2s"}"#)]

  @Test(arguments: secrets)
  func secretIsNeverPrinted(secret: ClientSecret) {
    var dumped = ""
    dump(secret, to: &dumped)
    for text in [String(describing: secret), String(reflecting: secret), dumped, "\(secret)"] {
      #expect(!text.contains("hunter2"), "\(text)")
      #expect(!text.contains("aHVudGVy"), "\(text)")
      #expect(text.contains("redacted"), "\(text)")
    }
  }

  @Test func optionsHoldingASecretAreRedactedToo() {
    var options = MonoCloudBackendOptions(
      tenantDomain: "t.example.com", audience: "a", clientId: "c", clientSecret: .string("hunter2-plain"))
    options.staticMetadata = nil
    var dumped = ""
    dump(options, to: &dumped)
    #expect(!dumped.contains("hunter2"))
    #expect(!String(reflecting: options).contains("hunter2"))
    #expect(dumped.contains("redacted"))
  }

  @Test func textSecretsAreDetected() {
    #expect(ClientSecret(text: #"{"kty":"oct","k":"c2VjcmV0"}"#) == .jwk(#"{"kty":"oct","k":"c2VjcmV0"}"#))
    #expect(ClientSecret(text: #"{"k":"c2VjcmV0"}"#) == .string(#"{"k":"c2VjcmV0"}"#))
    #expect(ClientSecret(text: "plain") == .string("plain"))
  }
}

@Suite struct ErrorModelTests {
  @Test func equalityAndMatchingUseTheCodeOnly() {
    let expired = MonoCloudError.token(.invalidToken, "the token has expired (exp)")
    let badIssuer = MonoCloudError.token(.invalidToken, "the iss claim does not match the expected issuer")
    #expect(expired == badIssuer)
    #expect(expired != MonoCloudError.token(.insufficientScope, "the token has expired (exp)"))
    #expect(MonoCloudError.configuration(["a"]) == MonoCloudError.configuration(["b", "c"]))
    #expect(MonoCloudError.http(.timeout, "x") == MonoCloudError.http(.network, "y"))
    #expect(expired.code == .token(.invalidToken))
    #expect(MonoCloudError.token(.inactiveToken, "x").name == "inactive_token")
    let thrown: any Error = badIssuer
    switch thrown {
    case MonoCloudError.token(.insufficientScope, ""): Issue.record("matched another code")
    case MonoCloudError.token(.invalidToken, ""): break
    default: Issue.record("no match")
    }
  }

  @Test func joseReasonsAreKept() {
    let wrapped = MonoCloudError.token(JOSEError(.invalidKey, "the key is too small"))
    #expect(wrapped.code == .token(.invalidToken))
    #expect(wrapped.reason == "the key is too small")
    let scope = MonoCloudError.token(JOSEError(.insufficientScope, "a required scope is missing"))
    #expect(scope.code == .token(.insufficientScope))
    #expect(scope.description == "insufficient_scope: a required scope is missing")
  }

  @Test func claimFailuresReachTheCallerWithTheirReason() async throws {
    let harness = Harness()
    let client = try harness.client()
    let token = harness.tenant.mint(claims: harness.claims(lifetime: -1000))
    do throws(MonoCloudError) {
      _ = try await client.validateAccessToken(token)
      Issue.record("accepted an expired token")
    } catch {
      #expect(error.code == .token(.invalidToken))
      #expect(error.reason == "the token has expired (exp)")
    }
  }
}

@Suite struct HTTPOutcomeTypeTests {
  @Test func statusIsTyped() {
    #expect(HTTPStatus.ok.code == 200)
    #expect(HTTPStatus.unauthorized == 401)
    #expect(HTTPStatus.forbidden.rawValue == 403)
    #expect(HTTPStatus(code: 500) == .internalServerError)
    #expect(HTTPStatus(rawValue: 503) == .serviceUnavailable)
    #expect(AuthorizationOutcome.missingToken.status == .unauthorized)
    #expect(!AuthorizationOutcome.missingToken.isAuthorized)
    #expect(AuthorizationOutcome(status: .ok).isAuthorized)
  }

  @Test func headersAreLookedUpWithoutCase() {
    var headers: HTTPHeaderFields = [("WWW-Authenticate", "Bearer"), ("Retry-After", "30")]
    headers.append(name: "retry-after", value: "60")
    #expect(headers["www-authenticate"] == "Bearer")
    #expect(headers["RETRY-AFTER"] == "30")
    #expect(headers["Missing"] == nil)
    #expect(headers.count == 3)
    #expect(headers.map(\.name) == ["WWW-Authenticate", "Retry-After", "retry-after"])
    let failure = AuthorizationOutcome.failure(.http(.timeout, "x"))
    #expect(failure.status == .serviceUnavailable)
    #expect(failure.headers["retry-after"] == "30")
  }
}
