import MonoCloudJOSE
import Testing

@Suite struct DPoPProofValidatorTests {
  typealias T = DPoPTestSupport
  let validator = DPoPProofValidator()

  // MARK: - RFC 9449 examples (validated at their own time: their iat is in 2019)

  @Test func rfcTokenRequestProofFigure2() throws {
    let request = DPoPRequest(proof: T.RFC.tokenRequestProof, method: "POST", url: "https://server.example.com/token")
    let proof = try validator.verify(
      request, accessToken: nil, confirmationThumbprint: T.RFC.thumbprint, now: T.RFC.tokenRequestIssuedAt)
    #expect(proof.identifier == "-BwC3ESc6acc2lTc")
    #expect(proof.method == "POST")
    #expect(proof.targetURI == "https://server.example.com/token")
    #expect(proof.issuedAt == T.RFC.tokenRequestIssuedAt)
    #expect(proof.algorithm == .es256)
    #expect(proof.thumbprint == T.RFC.thumbprint)
    #expect(proof.nonce == nil)
    #expect(proof.replayExpiresAt == T.RFC.tokenRequestIssuedAt + 300)
  }

  @Test func rfcResourceProofFigure13() throws {
    #expect(DPoPProofValidator.accessTokenHash(T.RFC.accessToken) == T.RFC.accessTokenHash)
    let request = DPoPRequest(
      proof: T.RFC.resourceProof, method: "GET", url: "https://resource.example.org/protectedresource")
    let cache = DPoPReplayMemoryCache(capacity: 8)
    let proof = try validator.validate(
      request, accessToken: T.RFC.accessToken, confirmationThumbprint: T.RFC.thumbprint, now: T.RFC.resourceIssuedAt,
      replayCache: cache)
    #expect(proof.identifier == "e1j3V_bKic8-LAEB")
    #expect(proof.thumbprint == T.RFC.thumbprint)
    #expect(cache.count == 1)

    let at = T.RFC.resourceIssuedAt
    let failures: [(DPoPError.Reason, DPoPError.Reason?)] = [
      // The same proof again.
      (
        .replayed,
        T.failure { () throws(DPoPError) in
          _ = try validator.validate(
            request, accessToken: T.RFC.accessToken, confirmationThumbprint: T.RFC.thumbprint, now: at,
            replayCache: cache)
        }
      ),
      // Another token, another key binding, another time, method or URL.
      (
        .athMismatch,
        T.failure { () throws(DPoPError) in
          _ = try validator.verify(request, accessToken: "other", confirmationThumbprint: nil, now: at)
        }
      ),
      (
        .thumbprintMismatch,
        T.failure { () throws(DPoPError) in
          _ = try validator.verify(
            request, accessToken: T.RFC.accessToken, confirmationThumbprint: "AAAA" + T.RFC.thumbprint.dropFirst(4),
            now: at)
        }
      ),
      (
        .iatOutOfWindow,
        T.failure { () throws(DPoPError) in
          _ = try validator.verify(request, accessToken: T.RFC.accessToken, confirmationThumbprint: nil, now: at + 301)
        }
      ),
      (
        .methodMismatch,
        T.failure { () throws(DPoPError) in
          var post = request
          post.method = "POST"
          _ = try validator.verify(post, accessToken: T.RFC.accessToken, confirmationThumbprint: nil, now: at)
        }
      ),
      (
        .urlMismatch,
        T.failure { () throws(DPoPError) in
          var other = request
          other.url = "https://resource.example.org/otherresource"
          _ = try validator.verify(other, accessToken: T.RFC.accessToken, confirmationThumbprint: nil, now: at)
        }
      ),
    ]
    #expect(failures.count == 6)
    for (expected, actual) in failures { #expect(actual == expected) }
  }

  // MARK: - Happy paths, one per algorithm family

  @Test(arguments: [
    ("ec-p256", JWSAlgorithm.es256), ("ec-p384", .es384), ("ec-p521", .es512), ("rsa-rs256", .rs256),
    ("rsa-ps256", .ps256), ("okp-ed25519", .edDSA),
  ])
  func validProofIsAccepted(kid: String, algorithm: JWSAlgorithm) throws {
    let key = T.key(kid)
    let proof = T.proof(key: key, algorithm: algorithm)
    let cache = DPoPReplayMemoryCache(capacity: 4)
    let accepted = try validator.validate(
      T.request(proof), accessToken: T.accessToken, confirmationThumbprint: key.thumbprint(), now: T.now,
      replayCache: cache)
    #expect(accepted.algorithm == algorithm)
    #expect(accepted.thumbprint == key.thumbprint())
    #expect(accepted.identifier == "jti-0001")
    #expect(accepted.issuedAt == T.now)
    #expect(accepted.replayExpiresAt == T.now + 300)
    #expect(accepted.key.isPrivate == false)
  }

  @Test func fullySpecifiedEd25519AlgorithmIsAccepted() throws {
    // RFC 9864's `Ed25519`: the test key says `alg` EdDSA, so the header jwk leaves `alg` out.
    let key = T.key("okp-ed25519")
    var jwk = key.publicKey.jsonObject()
    jwk["alg"] = nil
    let header: JSONObject = ["typ": "dpop+jwt", "alg": "Ed25519", "jwk": .object(jwk)]
    let signing = try JWK(
      json: {
        var o = key.jsonObject(); o["alg"] = nil; return o
      }())
    let proof = T.proof(key: signing, algorithm: .ed25519, header: header)
    let accepted = try validator.verify(
      T.request(proof), accessToken: T.accessToken, confirmationThumbprint: nil, now: T.now)
    #expect(accepted.algorithm == .ed25519)
  }

  @Test func boundariesOfTheIssuedAtWindowAreAccepted() throws {
    let key = T.key("ec-p256")
    for (offset, accepted) in [(-300, true), (-301, false), (5, true), (6, false), (0, true)] as [(Int64, Bool)] {
      let proof = T.proof(key: key, algorithm: .es256, claims: T.claims(iat: T.now + offset))
      let reason = T.failure { () throws(DPoPError) in
        _ = try validator.verify(T.request(proof), accessToken: T.accessToken, confirmationThumbprint: nil, now: T.now)
      }
      #expect(reason == (accepted ? nil : .iatOutOfWindow), "offset \(offset)")
    }
    // A configured window, and a clock skew that moves `now`.
    let strict = DPoPProofValidator(DPoPValidationOptions(maximumProofAge: 60, futureTolerance: 0, clockSkew: 100))
    let proof = T.proof(key: key, algorithm: .es256, claims: T.claims(iat: T.now + 100))
    _ = try strict.verify(T.request(proof), accessToken: T.accessToken, confirmationThumbprint: nil, now: T.now)
    let old = T.proof(key: key, algorithm: .es256, claims: T.claims(iat: T.now + 39))
    #expect(
      T.failure { () throws(DPoPError) in
        _ = try strict.verify(T.request(old), accessToken: T.accessToken, confirmationThumbprint: nil, now: T.now)
      } == .iatOutOfWindow)
  }

  @Test func fractionalIssuedAtIsRoundedDown() throws {
    let key = T.key("ec-p256")
    var claims = T.claims()
    claims["iat"] = .number(JSONNumber(text: "\(T.now).75")!)
    let proof = T.proof(key: key, algorithm: .es256, claims: claims)
    let accepted = try validator.verify(
      T.request(proof), accessToken: T.accessToken, confirmationThumbprint: nil, now: T.now)
    #expect(accepted.issuedAt == T.now)
  }

  @Test func equalURLsAfterNormalisationAreAccepted() throws {
    let key = T.key("ec-p256")
    let pairs: [(htu: String, url: String)] = [
      ("https://api.example.com/orders", "https://api.example.com/orders?id=1#top"),
      ("https://api.example.com/orders?page=2", "https://api.example.com/orders"),
      ("HTTPS://API.Example.COM:443/orders", "https://api.example.com/orders"),
      ("https://api.example.com/./v1/../orders", "https://api.example.com:/orders"),
      ("https://api.example.com/%6Frders", "https://api.example.com/orders"),
      ("http://api.example.com:80", "http://api.example.com/"),
      ("https://api.example.com:8443/orders", "https://API.example.com:8443/orders#x"),
    ]
    for (htu, url) in pairs {
      let proof = T.proof(key: key, algorithm: .es256, claims: T.claims(htu: htu))
      let reason = T.failure { () throws(DPoPError) in
        _ = try validator.verify(
          T.request(proof, url: url), accessToken: T.accessToken, confirmationThumbprint: nil, now: T.now)
      }
      #expect(reason == nil, "\(htu) vs \(url)")
    }
    #expect(pairs.count == 7)
  }

  @Test func nonceIsRequiredWhenTheServerHasOne() throws {
    let key = T.key("ec-p256")
    let without = T.proof(key: key, algorithm: .es256)
    var claims = T.claims()
    claims["nonce"] = "eyJ7S_zG.eyJH0-Z.HX4w-7v"
    let with = T.proof(key: key, algorithm: .es256, claims: claims)
    func check(_ proof: String, _ nonces: [String]) -> DPoPError? {
      do throws(DPoPError) {
        _ = try validator.verify(
          T.request(proof, nonces: nonces), accessToken: T.accessToken, confirmationThumbprint: nil, now: T.now)
        return nil
      } catch {
        return error
      }
    }
    #expect(check(without, []) == nil)
    #expect(check(with, []) == nil)
    #expect(check(with, ["eyJ7S_zG.eyJH0-Z.HX4w-7v"]) == nil)
    #expect(check(with, ["next-nonce", "eyJ7S_zG.eyJH0-Z.HX4w-7v"]) == nil)
    let missing = check(without, ["eyJ7S_zG.eyJH0-Z.HX4w-7v"])
    #expect(missing?.reason == .nonceRequired)
    #expect(missing?.code == .useDPoPNonce)
    let stale = check(with, ["next-nonce"])
    #expect(stale?.reason == .nonceMismatch)
    #expect(stale?.code.name == "use_dpop_nonce")
    let accepted = try validator.verify(
      T.request(with, nonces: ["eyJ7S_zG.eyJH0-Z.HX4w-7v"]), accessToken: T.accessToken, confirmationThumbprint: nil,
      now: T.now)
    #expect(accepted.nonce == "eyJ7S_zG.eyJH0-Z.HX4w-7v")
  }

  @Test func replayIsScopedByKeyAndURL() throws {
    let cache = DPoPReplayMemoryCache(capacity: 16)
    let ec = T.key("ec-p256")
    let ed = T.key("okp-ed25519")
    func run(_ proof: String, url: String = T.url) -> DPoPError.Reason? {
      T.failure { () throws(DPoPError) in
        _ = try validator.validate(
          T.request(proof, url: url), accessToken: T.accessToken, confirmationThumbprint: nil, now: T.now,
          replayCache: cache)
      }
    }
    let first = T.proof(key: ec, algorithm: .es256, claims: T.claims(jti: "same"))
    #expect(run(first) == nil)
    #expect(run(first) == .replayed)
    // The same jti re-signed (a new signature) is still a replay.
    #expect(run(T.proof(key: ec, algorithm: .es256, claims: T.claims(jti: "same"))) == .replayed)
    // Another key, or another target URI, may use the same jti.
    #expect(run(T.proof(key: ed, algorithm: .edDSA, claims: T.claims(jti: "same"))) == nil)
    let otherURL = "https://api.example.com/invoices"
    #expect(
      run(T.proof(key: ec, algorithm: .es256, claims: T.claims(jti: "same", htu: otherURL)), url: otherURL) == nil)
    #expect(cache.count == 3)
    // A proof that fails a check is not recorded.
    let wrongMethod = T.proof(key: ec, algorithm: .es256, claims: T.claims(jti: "fresh", htm: "POST"))
    #expect(run(wrongMethod) == .methodMismatch)
    #expect(cache.count == 3)
  }

  @Test func fullReplayCacheFailsClosed() throws {
    let cache = DPoPReplayMemoryCache(capacity: 2)
    let key = T.key("ec-p256")
    var reasons: [DPoPError.Reason?] = []
    for jti in ["a", "b", "c"] {
      let proof = T.proof(key: key, algorithm: .es256, claims: T.claims(jti: jti))
      reasons.append(
        T.failure { () throws(DPoPError) in
          _ = try validator.validate(
            T.request(proof), accessToken: T.accessToken, confirmationThumbprint: nil, now: T.now, replayCache: cache)
        })
    }
    #expect(reasons == [nil, nil, .replayCacheFull])
    // Once the first entries expired (iat + 300 < now), there is room again.
    let later = T.proof(key: key, algorithm: .es256, claims: T.claims(jti: "d", iat: T.now + 301))
    _ = try validator.validate(
      T.request(later), accessToken: T.accessToken, confirmationThumbprint: nil, now: T.now + 301, replayCache: cache)
    #expect(cache.count == 1)
  }

  @Test func options() {
    let validator = DPoPProofValidator(DPoPValidationOptions(algorithms: [.hs256, .es256, .es256, .edDSA, .hs512]))
    #expect(validator.options.algorithms == [.es256, .edDSA])
    #expect(validator.algorithmNames == "ES256 EdDSA")
    #expect(
      DPoPProofValidator().algorithmNames == "RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA Ed25519")
  }
}
