import MonoCloudCrypto
import MonoCloudJOSE

/// Client authentication at the introspection endpoint (RFC 6749 §2.3, RFC 7523, RFC 8705).
struct ClientAuthentication: Sendable {
  static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
  /// The assertion type of a SPIFFE JWT-SVID (`spiffe_jwt`).
  static let spiffeAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-spiffe"

  let method: ClientAuthMethod
  let clientId: String?
  let secret: ClientSecret?
  /// `spiffe_jwt`: the fixed JWT-SVID, and the provider asked first when set.
  var spiffeJWTSVID: String? = nil
  var spiffeJWTSVIDProvider: (@Sendable () async throws -> String)? = nil

  /// Problems that make introspection impossible; checked before any request or cache access.
  func problems() -> [String] {
    guard let clientId, !clientId.isEmpty else {
      return ["clientId is required for introspection (MONOCLOUD_BACKEND_CLIENT_ID)"]
    }
    if method.usesClientSecret && secret == nil {
      return ["clientSecret is required for \(method.rawValue) (MONOCLOUD_BACKEND_CLIENT_SECRET)"]
    }
    if method == .spiffeJWT && spiffeJWTSVID == nil && spiffeJWTSVIDProvider == nil {
      return ["spiffe_jwt needs spiffeJWTSVID (MONOCLOUD_BACKEND_SPIFFE_JWT_SVID) or spiffeJWTSVIDProvider"]
    }
    return []
  }

  /// Adds the credentials to the form fields and headers of a request to `audience`'s
  /// endpoint. `now` is Unix seconds (assertion `iat`).
  func apply(
    fields: inout [(String, String)], headers: inout [(name: String, value: String)], audience: String, now: Int64
  ) async throws(MonoCloudError) {
    let problems = problems()
    guard problems.isEmpty, let clientId else { throw .configuration(problems) }
    switch method {
    case .spiffeJWT:
      let svid = try await currentSVID()
      fields.append(("client_id", clientId))
      fields.append(("client_assertion_type", Self.spiffeAssertionType))
      fields.append(("client_assertion", svid))
    case .clientSecretBasic:
      let secret = try plainSecret()
      let credentials = FormURLEncoding.encode(clientId) + ":" + FormURLEncoding.encode(secret)
      headers.append(("Authorization", "Basic " + Base64.encode(Array(credentials.utf8))))
    case .clientSecretPost:
      fields.append(("client_id", clientId))
      fields.append(("client_secret", try plainSecret()))
    case .clientSecretJWT:
      let (key, algorithm, kid) = try hmacKey()
      let claims = Self.assertionClaims(clientId: clientId, audience: audience, now: now)
      fields.append(("client_id", clientId))
      fields.append(("client_assertion_type", Self.assertionType))
      fields.append(("client_assertion", Self.hmacJWT(claims, key: key, algorithm: algorithm, kid: kid)))
    case .privateKeyJWT:
      guard let secret else { throw .configuration(["clientSecret is required for private_key_jwt"]) }
      let claims = Self.assertionClaims(clientId: clientId, audience: audience, now: now)
      fields.append(("client_id", clientId))
      fields.append(("client_assertion_type", Self.assertionType))
      fields.append(("client_assertion", try Self.privateKeyJWT(claims, key: secret)))
    case .tlsClientAuth, .selfSignedTLSClientAuth, .spiffeX509:
      // The certificate (an X.509-SVID for spiffe_x509) proves the client: only its id is sent.
      fields.append(("client_id", clientId))
    }
  }

  /// The JWT-SVID to send: the provider's answer, else the fixed one. Never echoed in errors.
  private func currentSVID() async throws(MonoCloudError) -> String {
    var svid = spiffeJWTSVID
    if let provider = spiffeJWTSVIDProvider {
      do {
        svid = try await provider()
      } catch let error as MonoCloudError {
        throw error
      } catch {
        throw .http(.network, "spiffeJWTSVIDProvider failed: no JWT-SVID for spiffe_jwt")
      }
    }
    let text = ConfigurationText.trimmed(svid ?? "")
    // A compact JWS: three non-empty-headed parts; anything else would only be refused by the server.
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, !parts[2].isEmpty else {
      throw .configuration(["the JWT-SVID for spiffe_jwt is not a compact JWT"])
    }
    return text
  }

  private func plainSecret() throws(MonoCloudError) -> String {
    guard case .string(let secret)? = secret else {
      throw .configuration(["clientSecret must be a string for \(method.rawValue)"])
    }
    return secret
  }

  /// The HMAC key and algorithm: a string secret is HS256; an `oct` JWK's `alg` may pick HS384/HS512.
  private func hmacKey() throws(MonoCloudError) -> ([UInt8], HashAlgorithm, String?) {
    switch secret {
    case .string(let text)?: return (Array(text.utf8), .sha256, nil)
    case .jwk(let json)?:
      let jwk: JSONObject
      do { jwk = try JSONReader.parseObject(json) } catch {
        throw .configuration(["clientSecret: the JWK is not a JSON object"])
      }
      guard jwk.string("kty") == "oct", let k = jwk.string("k"), let key = try? Base64URL.decode(k), !key.isEmpty else {
        throw .configuration(["clientSecret: client_secret_jwt needs an oct JWK with k"])
      }
      let algorithm: HashAlgorithm
      switch jwk.string("alg") {
      case nil, "HS256"?: algorithm = .sha256
      case "HS384"?: algorithm = .sha384
      case "HS512"?: algorithm = .sha512
      default: throw .configuration(["clientSecret: an oct JWK's alg must be HS256, HS384 or HS512"])
      }
      return (key, algorithm, jwk.string("kid"))
    case nil: throw .configuration(["clientSecret is required for client_secret_jwt"])
    }
  }

  /// Signs a `private_key_jwt` assertion with the private key given as a JWK or PEM: the
  /// key's `alg`, else RS256 (RSA), ES256/ES384/ES512 (by curve) or EdDSA (Ed25519).
  static func privateKeyJWT(_ claims: JSONObject, key secret: ClientSecret) throws(MonoCloudError) -> String {
    let key: JWK
    do throws(JOSEError) {
      switch secret {
      case .jwk(let json): key = try JWK(importingPrivateKeyFromJSONString: json)
      case .string(let pem): key = try JWK(importingPrivateKeyFromPEM: pem)
      }
    } catch {
      throw .configuration(["clientSecret: not a usable private key for private_key_jwt (\(error.message))"])
    }
    guard key.isPrivate, key.keyType != .oct else {
      throw .configuration(["clientSecret: private_key_jwt needs an RSA, EC or OKP private key"])
    }
    let algorithm: JWSAlgorithm
    if let name = key.algorithm {
      guard let named = JWSAlgorithm(name: name) else {
        throw .configuration(["clientSecret: the key's alg is not a supported signing algorithm"])
      }
      algorithm = named
    } else {
      switch (key.keyType, key.curve) {
      case (.ec, .p384?): algorithm = .es384
      case (.ec, .p521?): algorithm = .es512
      case (.ec, _): algorithm = .es256
      case (.okp, _): algorithm = .edDSA
      default: algorithm = .rs256
      }
    }
    do throws(JOSEError) {
      return try JWS.sign(claims: claims, key: key, algorithm: algorithm, extraHeader: ["typ": "JWT"])
    } catch {
      throw .configuration(["clientSecret: signing the client assertion failed (\(error.message))"])
    }
  }

  /// `iss` = `sub` = client id, `aud` = issuer, a random `jti`, `iat` = `nbf` = now, `exp` = now + 60.
  static func assertionClaims(clientId: String, audience: String, now: Int64) -> JSONObject {
    var random = SystemRandomNumberGenerator()
    var jti: [UInt8] = []
    for _ in 0..<2 { withUnsafeBytes(of: random.next() as UInt64) { jti += $0 } }
    var claims = JSONObject()
    claims["iss"] = .string(clientId)
    claims["sub"] = .string(clientId)
    claims["aud"] = .string(audience)
    claims["jti"] = .string(Base64URL.encode(jti))
    claims["iat"] = .number(JSONNumber(now))
    claims["nbf"] = .number(JSONNumber(now))
    claims["exp"] = .number(JSONNumber(now + 60))
    return claims
  }

  static func hmacJWT(_ claims: JSONObject, key: [UInt8], algorithm: HashAlgorithm, kid: String?) -> String {
    var header = JSONObject()
    let name: String
    switch algorithm {
    case .sha384: name = "HS384"
    case .sha512: name = "HS512"
    default: name = "HS256"
    }
    header["alg"] = .string(name)
    header["typ"] = .string("JWT")
    if let kid { header["kid"] = .string(kid) }
    let signingInput = Base64URL.encode(JSONWriter.bytes(header)) + "." + Base64URL.encode(JSONWriter.bytes(claims))
    let mac = algorithm.authenticationCode(key: key, message: Array(signingInput.utf8))
    return signingInput + "." + Base64URL.encode(mac)
  }
}
