/// The parts of a JOSE header the verifier acts on.
package struct JWSHeaderFields {
  /// The whole header.
  package let object: JSONObject
  /// `alg`, known and not `none` (the allow-list is checked by the caller).
  package let algorithm: JWSAlgorithm
  /// `kid`, if present.
  package let keyID: String?

  /// Reads the header object: `alg` must be a known algorithm name (so never `none`), `kid` a
  /// string if present, and `crit` must be absent (no extension is understood). `jwk`, `jku`,
  /// `x5u`, `x5c` and all other members are ignored: keys come from the key set only.
  package init(_ object: JSONObject) throws(JOSEError) {
    var algorithm: JWSAlgorithm? = nil
    var keyID: String? = nil
    for member in object.members {
      let name = member.key
      if name.utf8Equals("alg") {
        guard let value = member.value.stringValue else {
          throw JOSEError(.invalidToken, "the alg header is not a string", reason: .algorithmNotAllowed)
        }
        guard let known = JWSAlgorithm(name: value) else {
          throw JOSEError(.invalidToken, "the alg header names an unsupported algorithm", reason: .algorithmNotAllowed)
        }
        algorithm = known
      } else if name.utf8Equals("kid") {
        guard let value = member.value.stringValue else {
          throw JOSEError(.invalidToken, "the kid header is not a string")
        }
        keyID = value
      } else if name.utf8Equals("crit") {
        throw JOSEError(.invalidToken, "the token has critical header extensions (crit)")
      }
    }
    guard let algorithm else {
      throw JOSEError(.invalidToken, "the token has no alg header", reason: .algorithmNotAllowed)
    }
    self.object = object
    self.algorithm = algorithm
    self.keyID = keyID
  }

  /// Decodes and parses the header segment.
  package init(encoded: UnsafeRawBufferPointer, limits: JSONReader.Limits) throws(JOSEError) {
    let object: JSONObject
    do throws(JOSEError) {
      object = try JSONReader.parseObject(base64URLEncoded: encoded, limits: limits)
    } catch {
      throw error.wrapped(as: .invalidToken, "the token header is invalid")
    }
    try self.init(object)
  }
}
