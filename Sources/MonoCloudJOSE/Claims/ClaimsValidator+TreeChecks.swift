import MonoCloudCrypto

// The claim checks over a `JSONValue` tree, written for it: native builds check claims that
// are trees (introspection answers, cached payloads, tokens with escapes) here, the fastest way
// for a tree. Embedded builds have only the `ClaimValue` checks (one copy of the rules in the
// wasm module), which give the same decisions and errors for trees as these (ClaimsInPlaceTests
// compares them with the in-place checks on every claim set).
#if !hasFeature(Embedded)
  extension ClaimsValidator {
    func validateTree(_ claims: JSONObject, now: Int64, certificateThumbprint: String?) throws(JOSEError) {
      try treeCheckIssuer(claims)
      try treeCheckAudience(claims)
      if let subject = claims["sub"], subject.stringValue == nil {
        throw JOSEError(.invalidToken, "the sub claim is not a string")
      }
      try treeCheckTimes(claims, now: now)
      try treeCheckScopes(claims)
      try treeCheckGroups(claims)
      try treeCheckCertificateBinding(claims, certificateThumbprint: certificateThumbprint)
    }

    // MARK: - The rules

    private func treeCheckIssuer(_ claims: JSONObject) throws(JOSEError) {
      guard !issuers.isEmpty else { return }
      guard let value = claims["iss"] else { throw JOSEError(.invalidToken, "the iss claim is missing") }
      guard let actual = value.stringValue, issuers.contains(where: { actual.utf8Equals($0) }) else {
        throw JOSEError(.invalidToken, "the iss claim does not match the expected issuer")
      }
    }

    private func treeCheckAudience(_ claims: JSONObject) throws(JOSEError) {
      let audiences = rules.policy.audiences
      guard !audiences.isEmpty else { return }
      guard let value = claims["aud"] else { throw JOSEError(.invalidToken, "the aud claim is missing") }
      switch value {
      case .string(let single):
        if audiences.contains(where: { single.utf8Equals($0) }) { return }
      case .array(let elements):
        for element in elements {
          if case .string(let candidate) = element, audiences.contains(where: { candidate.utf8Equals($0) }) { return }
        }
      default:
        throw JOSEError(.invalidToken, "the aud claim is neither a string nor an array")
      }
      throw JOSEError(.invalidToken, "the aud claim does not contain the expected audience")
    }

    private func treeCheckTimes(_ claims: JSONObject, now: Int64) throws(JOSEError) {
      let current = ClaimsValidator.saturatingAdd(now, clockSkew)
      if let value = claims["exp"] {
        guard case .number(let exp) = value else { throw JOSEError(.invalidToken, "the exp claim is not a number") }
        // exp > current - tolerance
        let limit = ClaimsValidator.saturatingAdd(current, ClaimsValidator.saturatingNegate(clockTolerance))
        guard try ClaimsValidator.compareNumber(exp, limit, claim: "exp") > 0 else {
          throw JOSEError(.invalidToken, "the token has expired (exp)")
        }
      } else if rules.policy.requireExpiration {
        throw JOSEError(.invalidToken, "the exp claim is missing (required)")
      }
      try treeCheckIssuedAt(claims, current: current)
      if let value = claims["nbf"] {
        guard case .number(let nbf) = value else { throw JOSEError(.invalidToken, "the nbf claim is not a number") }
        // nbf <= current + tolerance
        let limit = ClaimsValidator.saturatingAdd(current, clockTolerance)
        guard try ClaimsValidator.compareNumber(nbf, limit, claim: "nbf") <= 0 else {
          throw JOSEError(.invalidToken, "the token is not valid yet (nbf)")
        }
      }
    }

    /// `iat`, when present, must not be in the future beyond the tolerance; with a maximum token
    /// age it is required and must not be older than that age (plus the tolerance).
    private func treeCheckIssuedAt(_ claims: JSONObject, current: Int64) throws(JOSEError) {
      guard let value = claims["iat"] else {
        if maxTokenAge != nil {
          throw JOSEError(.invalidToken, "the iat claim is missing (a maximum token age is set)")
        }
        return
      }
      guard case .number(let iat) = value else { throw JOSEError(.invalidToken, "the iat claim is not a number") }
      // iat <= current + tolerance
      guard
        try ClaimsValidator.compareNumber(iat, ClaimsValidator.saturatingAdd(current, clockTolerance), claim: "iat")
          <= 0
      else {
        throw JOSEError(.invalidToken, "the token was issued in the future (iat)")
      }
      guard let maxTokenAge else { return }
      // iat >= current - maxTokenAge - tolerance
      let oldest = ClaimsValidator.saturatingAdd(
        current, ClaimsValidator.saturatingNegate(ClaimsValidator.saturatingAdd(maxTokenAge, clockTolerance)))
      guard try ClaimsValidator.compareNumber(iat, oldest, claim: "iat") >= 0 else {
        throw JOSEError(.invalidToken, "the token is older than the maximum token age (iat)")
      }
    }

    private func treeCheckScopes(_ claims: JSONObject) throws(JOSEError) {
      guard !requiredScopes.isEmpty else { return }
      if let value = claims["scope"] {
        guard let scope = value.stringValue else {
          throw JOSEError(.insufficientScope, "the scope claim is not a string")
        }
        let allPresent = scope.withUTF8Raw { bytes in
          requiredScopes.allSatisfy { required in
            required.withUTF8Raw { ClaimsValidator.spaceSeparated(bytes, contains: $0) }
          }
        }
        guard allPresent else { throw JOSEError(.insufficientScope, "a required scope is missing") }
        return
      }
      guard let value = claims["scp"] else { throw JOSEError(.insufficientScope, "the token has no scope claim") }
      switch value {
      case .array(let elements):
        for required in requiredScopes {
          let found = elements.contains { element in
            guard case .string(let granted) = element else { return false }
            return granted.utf8Equals(required)
          }
          guard found else { throw JOSEError(.insufficientScope, "a required scope is missing") }
        }
      case .string(let scope):
        let allPresent = scope.withUTF8Raw { bytes in
          requiredScopes.allSatisfy { required in
            required.withUTF8Raw { ClaimsValidator.spaceSeparated(bytes, contains: $0) }
          }
        }
        guard allPresent else { throw JOSEError(.insufficientScope, "a required scope is missing") }
      default:
        throw JOSEError(.insufficientScope, "the scp claim is neither an array nor a string")
      }
    }

    private func treeCheckGroups(_ claims: JSONObject) throws(JOSEError) {
      guard !requiredGroups.isEmpty else { return }
      guard let value = claims[rules.policy.groupsClaim] else {
        throw JOSEError(.insufficientGroups, "the \(rules.policy.groupsClaim) claim is missing")
      }
      guard case .array(let elements) = value else {
        throw JOSEError(.insufficientGroups, "the \(rules.policy.groupsClaim) claim is not an array")
      }
      var matched = 0
      for required in requiredGroups {
        let found = elements.contains { ClaimsValidator.treeGroup($0, matches: required) }
        if found {
          matched &+= 1
          if !rules.policy.groupsMatchAll { return }
        } else if rules.policy.groupsMatchAll {
          break
        }
      }
      guard rules.policy.groupsMatchAll && matched == requiredGroups.count else {
        throw JOSEError(.insufficientGroups, "a required group is missing")
      }
    }

    private func treeCheckCertificateBinding(_ claims: JSONObject, certificateThumbprint: String?) throws(JOSEError) {
      if rules.policy.certificateBinding == .dangerouslyIgnore { return }
      var bound: String?
      if let confirmation = claims["cnf"] {
        guard case .object(let cnf) = confirmation else {
          throw JOSEError(.invalidToken, "the cnf claim is not an object")
        }
        if let value = cnf["x5t#S256"] {
          guard case .string(let thumbprint) = value else {
            throw JOSEError(.invalidToken, "the cnf x5t#S256 member is not a string")
          }
          bound = thumbprint
        }
      }
      guard let bound else {
        if rules.policy.certificateBinding == .required {
          throw JOSEError(.invalidToken, "the token is not certificate-bound (cnf x5t#S256 missing)")
        }
        return
      }
      guard let presented = certificateThumbprint else {
        throw JOSEError(.invalidToken, "the token is certificate-bound but no client certificate was presented")
      }
      let same = bound.withUTF8Raw { a in presented.withUTF8Raw { b in ConstantTime.equals(a, b) } }
      guard same else {
        throw JOSEError(.invalidToken, "the client certificate does not match the token's cnf x5t#S256")
      }
    }

    /// The sign of `number - limit` (-1, 0, 1): exact for integers, via `Double` otherwise.
    static func compareNumber(_ number: JSONNumber, _ limit: Int64, claim: String) throws(JOSEError) -> Int {
      if let integer = number.int64Value {
        return integer < limit ? -1 : (integer == limit ? 0 : 1)
      }
      guard let value = number.doubleValue else {
        throw JOSEError(.invalidToken, "the \(claim) claim is out of range")
      }
      let bound = Double(limit)
      return value < bound ? -1 : (value == bound ? 0 : 1)
    }

    /// Whether a groups-claim element (a string, or an object with `id` or `name`) is `group`.
    static func treeGroup(_ element: JSONValue, matches group: String) -> Bool {
      switch element {
      case .string(let name):
        return name.utf8Equals(group)
      case .object(let object):
        if let id = object.string("id"), id.utf8Equals(group) { return true }
        if let name = object.string("name"), name.utf8Equals(group) { return true }
        return false
      default:
        return false
      }
    }
  }
#endif
