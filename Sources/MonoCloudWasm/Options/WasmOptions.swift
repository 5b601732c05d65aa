import MonoCloudJOSE

/// The options document of `mc_validate` (a JSON object), parsed strictly: unknown members,
/// wrong types and out-of-range numbers are errors, never silently ignored. The members map to
/// MonoCloudJOSE's `TokenValidationPolicy`, which checks them as it does for the client and
/// the command-line tool.
///
/// | member | type | default |
/// |---|---|---|
/// | `issuer` | string or array of strings (any one accepted), required | — |
/// | `audience` | string or array of strings (any one accepted), required | — |
/// | `now` | non-negative integer Unix seconds, required | — |
/// | `clockSkew` | non-negative integer seconds | 0 |
/// | `clockTolerance` | non-negative integer seconds | 300 |
/// | `scopes` | array of strings | `[]` |
/// | `groups` | array of strings | `[]` |
/// | `groupsClaim` | non-empty string | `groups` |
/// | `groupsMatchAll` | boolean | false |
/// | `algorithms` | array of algorithm names | RS/PS/ES 256/384/512, EdDSA, Ed25519 |
/// | `certificateBinding` | `when_present`, `required` or `dangerously_ignore` | `when_present` |
/// | `certificateThumbprint` | string (base64url SHA-256 of the client certificate) | none |
/// | `requireExpiration` | boolean: tokens without `exp` are refused | true |
/// | `maxTokenAge` | positive integer seconds: older `iat` refused, `iat` required | none |
/// | `requiredTypes` | array of strings: the header `typ` must be one of them | not checked |
///
/// Empty or blank entries in `scopes`, `groups` and `requiredTypes` are errors.
package struct WasmOptions: Sendable {
  package var policy: TokenValidationPolicy
  package var algorithms: [JWSAlgorithm]
  package var now: Int64
  /// The options without `now`, serialized canonically: equal bytes mean an equal validator.
  package var fingerprint: [UInt8]

  /// Parses the options document; the error message names the offending member.
  package init(jsonBytes: UnsafeRawBufferPointer) throws(WasmOptionsError) {
    let object: JSONObject
    do throws(JOSEError) {
      object = try JSONReader.parseObject(jsonBytes, limits: JSONReader.Limits(maxDepth: 4, maxInputBytes: 65_536))
    } catch {
      throw WasmOptionsError("options: \(error.message)")
    }
    var policy = TokenValidationPolicy()
    var algorithms = JWSAlgorithm.defaultAllowList
    var now: Int64?
    var fingerprintMembers: [JSONMember] = []
    for member in object.members {
      guard let known = Member(name: member.key) else {
        throw WasmOptionsError("options: unknown member \(member.key)")
      }
      if known == .now {
        now = try WasmOptions.integer(member.value, known)
      } else {
        try WasmOptions.apply(known, member.value, to: &policy, &algorithms)
        fingerprintMembers.append(member)
      }
    }
    guard !policy.issuers.isEmpty else { throw WasmOptionsError("options: issuer is required") }
    guard !policy.audiences.isEmpty else { throw WasmOptionsError("options: audience is required") }
    guard let now else { throw WasmOptionsError("options: now is required") }
    // The policy's own rules (blank requirements, durations); no tenant domain here.
    if let problem = policy.problems().first { throw WasmOptionsError("options: " + problem) }
    self.policy = policy
    self.algorithms = algorithms
    self.now = now
    fingerprint = JSONWriter.bytes(JSONObject(fingerprintMembers))
  }

  /// Reads one member other than `now` into `claims` or `algorithms`. Out of line, so that the
  /// error paths of the members do not each clean up the whole parse state.
  @inline(never)
  private static func apply(
    _ known: Member, _ value: JSONValue, to policy: inout TokenValidationPolicy, _ algorithms: inout [JWSAlgorithm]
  ) throws(WasmOptionsError) {
    switch known {
    case .now: break
    // An empty string is no issuer (audience): reported as missing.
    case .issuer: policy.issuers = try stringOrStrings(value, known)
    case .audience: policy.audiences = try stringOrStrings(value, known)
    case .clockSkew: policy.setClockSkew(seconds: try integer(value, known))
    case .clockTolerance: policy.setClockTolerance(seconds: try integer(value, known))
    case .scopes: policy.requiredScopes = try strings(value, known)
    case .groups: policy.requiredGroups = try strings(value, known)
    case .groupsClaim:
      let name = try string(value, known)
      guard !name.isEmpty else { throw invalid(known, "is empty") }
      policy.groupsClaim = name
    case .groupsMatchAll:
      guard let flag = value.boolValue else { throw invalid(known, "is not a boolean") }
      policy.groupsMatchAll = flag
    case .algorithms:
      var list: [JWSAlgorithm] = []
      for algorithmName in try strings(value, known) {
        guard let algorithm = JWSAlgorithm(name: algorithmName) else {
          throw invalid(known, "contains an unsupported algorithm")
        }
        list.append(algorithm)
      }
      guard !list.isEmpty else { throw invalid(known, "is empty") }
      algorithms = list
    case .certificateBinding:
      guard let mode = CertificateBindingMode(name: try string(value, known)) else {
        throw invalid(known, "is not when_present, required or dangerously_ignore")
      }
      policy.certificateBinding = mode
    case .certificateThumbprint: policy.certificateThumbprint = try string(value, known)
    case .requireExpiration:
      guard let flag = value.boolValue else { throw invalid(known, "is not a boolean") }
      policy.requireExpiration = flag
    case .maxTokenAge: policy.setMaxTokenAge(seconds: try integer(value, known))
    case .requiredTypes: policy.requiredTypes = try strings(value, known)
    }
  }

  /// The members an options document may have.
  enum Member: CaseIterable {
    case issuer, audience, now, clockSkew, clockTolerance, scopes, groups, groupsClaim, groupsMatchAll, algorithms
    case certificateBinding, certificateThumbprint, requireExpiration, maxTokenAge, requiredTypes

    var name: String {
      switch self {
      case .issuer: return "issuer"
      case .audience: return "audience"
      case .now: return "now"
      case .clockSkew: return "clockSkew"
      case .clockTolerance: return "clockTolerance"
      case .scopes: return "scopes"
      case .groups: return "groups"
      case .groupsClaim: return "groupsClaim"
      case .groupsMatchAll: return "groupsMatchAll"
      case .algorithms: return "algorithms"
      case .certificateBinding: return "certificateBinding"
      case .certificateThumbprint: return "certificateThumbprint"
      case .requireExpiration: return "requireExpiration"
      case .maxTokenAge: return "maxTokenAge"
      case .requiredTypes: return "requiredTypes"
      }
    }

    /// The member with exactly this name (UTF-8 bytes; no Unicode tables needed).
    @inline(never)
    init?(name: String) {
      for member in Member.allCases where member.name.utf8Equals(name) {
        self = member
        return
      }
      return nil
    }
  }

  /// One string (empty: none) or an array of strings.
  @inline(never)
  private static func stringOrStrings(_ value: JSONValue, _ member: Member) throws(WasmOptionsError) -> [String] {
    if let single = value.stringValue { return single.utf8.isEmpty ? [] : [single] }
    guard value.arrayValue != nil else { throw invalid(member, "is neither a string nor an array of strings") }
    return try strings(value, member)
  }

  @inline(never)
  private static func invalid(_ member: Member, _ problem: String) -> WasmOptionsError {
    WasmOptionsError("options: " + member.name + " " + problem)
  }

  @inline(never)
  private static func string(_ value: JSONValue, _ member: Member) throws(WasmOptionsError) -> String {
    guard let string = value.stringValue else { throw invalid(member, "is not a string") }
    return string
  }

  @inline(never)
  private static func strings(_ value: JSONValue, _ member: Member) throws(WasmOptionsError) -> [String] {
    guard let elements = value.arrayValue else { throw invalid(member, "is not an array") }
    var strings: [String] = []
    strings.reserveCapacity(elements.count)
    for element in elements {
      guard let string = element.stringValue else { throw invalid(member, "must contain only strings") }
      strings.append(string)
    }
    return strings
  }

  /// A non-negative integer (times and durations), as the CLI and the environment accept them.
  @inline(never)
  private static func integer(_ value: JSONValue, _ member: Member) throws(WasmOptionsError) -> Int64 {
    guard let number = value.int64Value, number >= 0 else { throw invalid(member, "is not a non-negative integer") }
    return number
  }
}

/// Why an options document was refused (reported as `invalid_options`).
package struct WasmOptionsError: Error, Sendable {
  package var message: String

  package init(_ message: String) {
    self.message = message
  }
}
