import MonoCloudJOSE

/// Offline validation (`--jwks`): one `JWTValidator` over the key file, built once and used
/// for every token of a batch. No network at all.
struct OfflineChecker {
  let validator: JWTValidator
  let certificateThumbprint: String?
  let now: Int64?
  /// The DPoP rules, with `--htm`/`--htu`: one replay cache for the whole run (a `jti` seen
  /// earlier in a batch is a replay).
  let dpop: OfflineDPoPChecker?

  init(settings: Settings) throws(CLIFailure) {
    guard let jwksFile = settings.jwksFile else { throw .configuration("no --jwks file") }
    let keySet = try OfflineChecker.loadKeySet(path: jwksFile)

    var policy = settings.policy
    if !policy.isGiven(.issuers), let metadataFile = settings.metadataFile {
      policy.issuers = [try OfflineChecker.loadIssuer(metadataPath: metadataFile)]
    } else if let metadataFile = settings.metadataFile {
      // Still read it, so that a broken file is reported rather than silently ignored.
      _ = try OfflineChecker.loadIssuer(metadataPath: metadataFile)
    }
    guard !policy.expectedIssuers.isEmpty else {
      throw .usage(
        "the expected issuer is unknown: pass --tenant-domain (or set \(Settings.environmentPrefix)TENANT_DOMAIN), "
          + "--metadata or --issuer")
    }
    certificateThumbprint = try settings.certificateFile.map { (path) throws(CLIFailure) -> String in
      try CertificateFile.thumbprint(path: path)
    }
    policy.certificateThumbprint = certificateThumbprint
    validator = JWTValidator(keySet: keySet, policy: policy)
    now = settings.now
    dpop = settings.dpop.map { OfflineDPoPChecker(request: $0) }
  }

  /// Validates one token at `--now` or the current time.
  func check(_ token: String) -> Verdict {
    guard !token.isEmpty else { return .rejected(code: "invalid_token", message: "the token is empty") }
    do throws(JOSEError) {
      let claims = try validator.validate(token, now: now ?? SystemClock.unixSeconds())
      return .valid(claims)
    } catch {
      return .rejected(code: OfflineChecker.wireCode(error.code), message: error.message)
    }
  }

  /// `check`, then the DPoP rules for the token sent with `dpopProof` (`nil`: as `Bearer`).
  func check(_ token: String, dpopProof: String?) -> Verdict {
    let verdict = check(token)
    guard let dpop, case .valid(let claims) = verdict else { return verdict }
    do throws(DPoPError) {
      try dpop.check(token: token, claims: claims, proof: dpopProof, now: now ?? SystemClock.unixSeconds())
      return verdict
    } catch {
      return .rejected(code: error.code.name, message: error.message)
    }
  }

  /// Claim and signature failures keep their code; anything else about the token (malformed
  /// input, a key that cannot be used for it) is `invalid_token`.
  static func wireCode(_ code: JOSEError.Code) -> String {
    switch code {
    case .insufficientScope, .insufficientGroups, .invalidToken, .inactiveToken: return code.name
    case .invalidKey, .invalidInput: return JOSEError.Code.invalidToken.name
    }
  }

  /// A JWKS (`{"keys":[…]}`) or a single JWK, or one PEM public key. Exit 2 when the file
  /// cannot be read or holds no usable key.
  static func loadKeySet(path: String) throws(CLIFailure) -> JWKSet {
    let bytes = try FileInput.read(path: path, what: "JWKS file", limit: JWKSet.maximumByteCount)
    let keySet: JWKSet
    do throws(JOSEError) {
      let text = String(decoding: bytes, as: UTF8.self)
      if text.trimmingWhitespace().hasPrefix("-----BEGIN") {
        keySet = JWKSet(keys: [try JWK(publicKeyFromPEM: text)])
      } else {
        let object = try JSONReader.parseObject(bytes)
        keySet =
          object["keys"] == nil ? JWKSet(keys: [try JWK(publicKeyFrom: object)]) : try JWKSet(publicKeysFrom: object)
      }
    } catch {
      throw .configuration("the JWKS file \(path) is invalid: \(error.message)")
    }
    guard !keySet.keys.isEmpty else {
      var reasons = keySet.skipped.prefix(3).map { "key \($0.index): \($0.reason)" }.joined(separator: "; ")
      if keySet.skipped.count > 3 { reasons += "; \(keySet.skipped.count - 3) more" }
      throw .configuration(
        "the JWKS file \(path) has no usable key" + (reasons.isEmpty ? "" : " (\(reasons))"))
    }
    return keySet
  }

  /// The `issuer` of a discovery document.
  static func loadIssuer(metadataPath path: String) throws(CLIFailure) -> String {
    let bytes = try FileInput.read(path: path, what: "metadata file")
    let object: JSONObject
    do throws(JOSEError) {
      object = try JSONReader.parseObject(bytes)
    } catch {
      throw .configuration("the metadata file \(path) is invalid: \(error.message)")
    }
    guard let issuer = object.string("issuer"), !issuer.isEmpty else {
      throw .configuration("the metadata file \(path) has no issuer")
    }
    return issuer
  }
}
