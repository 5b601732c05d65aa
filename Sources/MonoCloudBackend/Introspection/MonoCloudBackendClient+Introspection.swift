import MonoCloudCrypto
import MonoCloudJOSE

// Token introspection (RFC 7662) through the introspection cache, one request per token at a time.
extension MonoCloudBackendClient {
  /// Introspects a token at the tenant (RFC 7662), through the introspection cache; then the
  /// same claim checks as for JWTs run on the response, on every call (cached or not).
  public func introspectAccessToken(
    _ token: String, scopes: [String] = [], groups: [String] = [], clientCertificate: String? = nil
  ) async throws(MonoCloudError) -> TokenClaims {
    let problems = authentication.problems()
    guard problems.isEmpty else { throw .configuration(problems) }
    let key = Self.cacheKey(for: token)
    if let memoryCache {
      if let entry = memoryCache.cachedEntry(for: key, now: clock.unixTimeSeconds),
        let response = entry.decoded ?? (try? JSONReader.parseObject(entry.value))
      {
        onEvent?(.cacheHit(.introspection))
        return try evaluateIntrospection(response, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
          .get()
      }
    } else if let value = await introspectionCache.get(key) {
      if let response = try? JSONReader.parseObject(value) {
        onEvent?(.cacheHit(.introspection))
        return try evaluateIntrospection(response, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
          .get()
      }
      await introspectionCache.delete(key)
    }
    onEvent?(.cacheMiss(.introspection))
    let response = try await sharedIntrospection(token: token, key: key).get()
    return try evaluateIntrospection(response, scopes: scopes, groups: groups, clientCertificate: clientCertificate)
      .get()
  }

  func evaluateIntrospection(
    _ response: JSONObject, scopes: [String], groups: [String], clientCertificate: String?
  ) -> Result<TokenClaims, MonoCloudError> {
    guard response.bool("active") == true else { return .failure(.token(.inactiveToken, "the token is not active")) }
    var claims = response
    claims["active"] = nil
    return claimChecks.result(
      claims, now: clock.unixTimeSeconds, issuerRule: .whenPresent, scopes: scopes, groups: groups,
      clientCertificate: clientCertificate)
  }

  /// One request per token at a time: concurrent callers share it.
  func sharedIntrospection(token: String, key: String) async -> Result<JSONObject, MonoCloudError> {
    let now = clock.unixTimeSeconds
    let (task, joined, cached) = introspectionsInFlight.withLock {
      inFlight -> (Task<Result<JSONObject, MonoCloudError>, Never>?, Bool, JSONObject?) in
      if let task = inFlight[key] { return (task, true, nil) }
      // A request that finished between this caller's cache miss and now has stored its answer.
      if let decoded = memoryCache?.cachedEntry(for: key, now: now)?.decoded { return (nil, false, decoded) }
      let task = Task {
        let result = await self.introspect(token: token, key: key)
        self.introspectionsInFlight.withLock { $0[key] = nil }
        return result
      }
      inFlight[key] = task
      return (task, false, nil)
    }
    if let cached { return .success(cached) }
    guard let task else { return .failure(.http(.network, "introspection could not start")) }
    if joined { onEvent?(.joinedInFlight(.introspection)) }
    return await task.value
  }

  func introspect(token: String, key: String) async -> Result<JSONObject, MonoCloudError> {
    do throws(MonoCloudError) {
      let metadata = try await metadataCache.value().get()
      let method = options.clientAuthMethod
      let endpoint = metadata.introspectionEndpoint(for: method, trustStoreId: options.trustStoreId)
      guard let endpoint else {
        throw .configuration(["the discovery document has no introspection_endpoint, so tokens cannot be introspected"])
      }
      var fields = [("token", token), ("token_type_hint", "access_token")]
      var headers: [(name: String, value: String)] = [
        ("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json"),
      ]
      try await authentication.apply(
        fields: &fields, headers: &headers, audience: expectedIssuer, now: clock.unixTimeSeconds)
      let request = HTTPRequest(
        method: "POST", url: endpoint, headers: headers, body: FormURLEncoding.body(fields),
        requiresClientCertificate: method.usesMutualTLS)
      let response = try await transport.send(request, for: .introspection).get()
      switch response.status {
      case 200:
        let object = try TenantTransport.jsonObject(response, .introspection).get()
        let active = object.bool("active") == true
        onEvent?(.introspected(active: active))
        let stored: JSONObject = active ? object : ["active": false]
        await remember(stored, key: key, active: active)
        return .success(stored)
      case 400, 401:
        let body = try? JSONReader.parseObject(response.body)
        let error = body?.string("error") ?? (response.status == 401 ? "invalid_client" : "invalid_request")
        let description = body?.string("error_description")
        throw MonoCloudError(
          .authorizationServer(error: error, description: description),
          // The server's description stays in `kind` only: the message must never echo input.
          "the authorization server refused the introspection: \(error)")
      default:
        throw .status(response, "introspection answered HTTP \(response.status)")
      }
    } catch {
      return .failure(error)
    }
  }

  /// Caches an introspection answer: active until min(exp, now + duration), inactive for the duration.
  func remember(_ response: JSONObject, key: String, active: Bool) async {
    let duration = options.introspectionCacheDuration.components.seconds
    guard duration > 0 else { return }
    let now = clock.unixTimeSeconds
    var expiresAt = now + duration
    if active, let exp = response.double("exp") {
      guard exp.isFinite, exp > Double(now) else { return }
      expiresAt = min(expiresAt, Int64(exp))
    }
    guard expiresAt > now else { return }
    let text = JSONWriter.string(response)
    if let memoryCache {
      memoryCache.store(key, value: text, decoded: response, expiresAt: expiresAt)
    } else {
      await introspectionCache.set(key, value: text, expiresAt: expiresAt)
    }
  }

  /// The introspection cache key of a token: base64url(SHA-256(token)), never the token.
  public static func cacheKey(for token: String) -> String {
    Base64URL.encode(SHA256.hash(Array(token.utf8)))
  }
}
