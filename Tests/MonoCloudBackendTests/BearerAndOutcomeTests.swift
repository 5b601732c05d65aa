import MonoCloudBackend
import Testing

@Suite struct BearerTokenTests {
  @Test(arguments: [
    ("Bearer abc.def.ghi", "abc.def.ghi"), ("bearer tok", "tok"), ("BEARER tok", "tok"), ("bEaReR  tok", "tok"),
  ])
  func parses(header: String, token: String) {
    #expect(BearerToken.parse(authorizationHeader: header) == token)
  }

  @Test(arguments: ["", "Bearer", "Bearer ", "Basic abc", "Bearer a b", "Token abc", "Bearerabc", "Bearer a\tb"])
  func refuses(header: String) {
    #expect(BearerToken.parse(authorizationHeader: header) == nil)
  }

  @Test func missingHeader() {
    #expect(BearerToken.parse(authorizationHeader: nil) == nil)
  }
}

@Suite struct OutcomeMappingTests {
  func header(_ outcome: AuthorizationOutcome, _ name: String) -> String? {
    outcome.headers.first { $0.name == name }?.value
  }

  @Test func missingToken() {
    let outcome = AuthorizationOutcome.missingToken
    #expect(outcome.status == 401)
    #expect(header(outcome, "WWW-Authenticate") == "Bearer")
  }

  @Test(arguments: [JOSEError.Code.insufficientScope, .insufficientGroups])
  func forbidden(code: JOSEError.Code) {
    let outcome = AuthorizationOutcome.failure(.token(code, "x"))
    #expect(outcome.status == 403)
    #expect(header(outcome, "WWW-Authenticate") == "Bearer error=\"insufficient_scope\"")
  }

  @Test(arguments: [JOSEError.Code.invalidToken, .inactiveToken])
  func unauthorized(code: JOSEError.Code) {
    let outcome = AuthorizationOutcome.failure(.token(code, "x"))
    #expect(outcome.status == 401)
    #expect(header(outcome, "WWW-Authenticate") == "Bearer error=\"invalid_token\"")
  }

  @Test(arguments: [
    (MonoCloudError.HTTPFailure.network, 503), (.timeout, 503), (.status(500), 503), (.status(503), 503),
    (.status(429), 503), (.status(404), 500), (.status(302), 500), (.responseTooLarge(limit: 1), 500),
    (.unexpectedContentType, 500), (.redirectRefused, 500), (.malformedResponse, 500),
  ])
  func httpFailures(failure: MonoCloudError.HTTPFailure, status: Int) {
    let outcome = AuthorizationOutcome.failure(.http(failure, "x"))
    #expect(outcome.status.code == status)
    #expect((header(outcome, "Retry-After") != nil) == (status == 503))
  }

  @Test func configurationAndServerErrors() {
    #expect(AuthorizationOutcome.failure(.configuration(["x"])).status == 500)
    let server = MonoCloudError(.authorizationServer(error: "invalid_client", description: nil), "x")
    #expect(AuthorizationOutcome.failure(server).status == 500)
    #expect(server.name == "invalid_client")
    #expect(server.code == .authorizationServer)
  }
}

@Suite struct EncodingTests {
  @Test(arguments: [
    ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
    ("foobar", "Zm9vYmFy"),
  ])
  func base64(input: String, output: String) {
    #expect(Base64.encode(Array(input.utf8)) == output)
  }

  @Test func base64AllBytes() {
    #expect(Base64.encode([0xFB, 0xFF, 0xBF]) == "+/+/")
  }

  @Test func formEncoding() {
    #expect(FormURLEncoding.encode("a b+c/d:é~*-._") == "a+b%2Bc%2Fd%3A%C3%A9%7E*-._")
    #expect(
      String(decoding: FormURLEncoding.body([("token", "x y"), ("a&b", "=")]), as: UTF8.self) == "token=x+y&a%26b=%3D")
  }
}
