import MonoCloudJOSE

/// The options document of `mc_validate` (a JSON object), parsed strictly: unknown members,
/// wrong types and out-of-range numbers are errors, never silently ignored.
///
/// | member | type | default |
/// |---|---|---|
/// | `issuer` | string, required | — |
/// | `audience` | string, required | — |
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
package struct WasmOptions: Sendable {
  package var claims: ClaimsValidationOptions
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
    var claims = ClaimsValidationOptions()
    var algorithms = JWSAlgorithm.defaultAllowList
    var now: Int64?
    var issuer: String?
    var audience: String?
    var fingerprintMembers: [JSONMember] = []
    for member in object.members {
      let value = member.value
      guard let known = Member(name: member.key) else {
        throw WasmOptionsError("options: unknown member \(member.key)")
      }
      if known == .now {
        now = try WasmOptions.integer(value, known)
        continue
      }
      fingerprintMembers.append(member)
      switch known {
      case .now: break
      case .issuer: issuer = try WasmOptions.string(value, known)
      case .audience: audience = try WasmOptions.string(value, known)
      case .clockSkew: claims.clockSkew = try WasmOptions.integer(value, known)
      case .clockTolerance: claims.clockTolerance = try WasmOptions.integer(value, known)
      case .scopes: claims.requiredScopes = try WasmOptions.strings(value, known)
      case .groups: claims.requiredGroups = try WasmOptions.strings(value, known)
      case .groupsClaim:
        claims.groupsClaim = try WasmOptions.string(value, known)
        guard !claims.groupsClaim.isEmpty else { throw WasmOptions.invalid(known, "is empty") }
      case .groupsMatchAll:
        guard let flag = value.boolValue else { throw WasmOptions.invalid(known, "is not a boolean") }
        claims.groupsMatchAll = flag
      case .algorithms:
        algorithms = []
        for algorithmName in try WasmOptions.strings(value, known) {
          guard let algorithm = JWSAlgorithm(name: algorithmName) else {
            throw WasmOptions.invalid(known, "contains an unsupported algorithm")
          }
          algorithms.append(algorithm)
        }
        guard !algorithms.isEmpty else { throw WasmOptions.invalid(known, "is empty") }
      case .certificateBinding:
        guard let mode = CertificateBindingMode(name: try WasmOptions.string(value, known)) else {
          throw WasmOptions.invalid(known, "is not when_present, required or dangerously_ignore")
        }
        claims.certificateBinding = mode
      case .certificateThumbprint: claims.certificateThumbprint = try WasmOptions.string(value, known)
      }
    }
    guard let issuer, !issuer.isEmpty else { throw WasmOptionsError("options: issuer is required") }
    guard let audience, !audience.isEmpty else { throw WasmOptionsError("options: audience is required") }
    guard let now else { throw WasmOptionsError("options: now is required") }
    claims.issuer = issuer
    claims.audience = audience
    self.claims = claims
    self.algorithms = algorithms
    self.now = now
    fingerprint = JSONWriter.bytes(JSONObject(fingerprintMembers))
  }

  /// The members an options document may have.
  enum Member: CaseIterable {
    case issuer, audience, now, clockSkew, clockTolerance, scopes, groups, groupsClaim, groupsMatchAll, algorithms
    case certificateBinding, certificateThumbprint

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
