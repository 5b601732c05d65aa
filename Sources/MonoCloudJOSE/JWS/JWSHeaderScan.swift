/// A header read in place: what verification needs of it, nothing kept.
struct ScannedHeader {
  let algorithm: JWSAlgorithm
  /// The position in the selector's candidates of the key that must verify the token.
  let candidate: Int
  /// The `typ` rule's failure, if it failed (thrown after the signature verified, in the order
  /// the checks have always run).
  let typeFailure: JOSEError?
}

extension JWSVerifier {
  /// Decodes the header segment `encoded` into temporary storage, reads `alg`, `kid` and `typ`
  /// in place and selects the key, allocating nothing. `nil` when the header is not plainly
  /// valid (bad base64url or JSON, escapes, a missing or unknown `alg`, a non-string `kid`,
  /// `crit`, …): the caller then parses it into a tree, which gives the usual errors.
  /// Key selection errors are thrown as they are.
  func scanHeader(_ encoded: UnsafeRawBufferPointer, typeRule: ClaimsValidator?) throws(JOSEError) -> ScannedHeader? {
    guard let count = Base64URL.decodedByteCount(encodedCount: encoded.count), count > 0,
      count <= headerLimits.maxInputBytes, let source = encoded.baseAddress
    else { return nil }
    let outcome: Result<ScannedHeader, JOSEError>? = withUnsafeTemporaryAllocation(byteCount: count, alignment: 1) {
      buffer in
      guard let destination = buffer.baseAddress,
        Base64URL.decodeUnchecked(source.assumingMemoryBound(to: UInt8.self), encoded.count, destination)
      else { return nil }
      let document = UnsafeRawBufferPointer(buffer)
      return JSONScanner.scanObject(document, maxDepth: headerLimits.maxDepth) { members in
        readHeader(document, members, typeRule: typeRule)
      } ?? nil
    }
    guard let outcome else { return nil }
    return try outcome.get()
  }

  private func readHeader(
    _ document: UnsafeRawBufferPointer, _ members: UnsafeBufferPointer<ScannedMember>, typeRule: ClaimsValidator?
  ) -> Result<ScannedHeader, JOSEError>? {
    var algorithm: JWSAlgorithm?
    var keyID: UnsafeRawBufferPointer?
    var type: UnsafeRawBufferPointer?
    for member in members {
      let name = UnsafeRawBufferPointer(rebasing: document[member.nameStart..<member.nameEnd])
      let string = JWSVerifier.stringValue(document, member)
      if name.count == 3 && name[0] == UInt8(ascii: "a") && name[1] == UInt8(ascii: "l") && name[2] == UInt8(ascii: "g")
      {
        guard let string, let known = JWSAlgorithm(nameBytes: string) else { return nil }
        algorithm = known
      } else if name.count == 3 && name[0] == UInt8(ascii: "k") && name[1] == UInt8(ascii: "i")
        && name[2] == UInt8(ascii: "d")
      {
        guard let string else { return nil }
        keyID = string
      } else if name.count == 3 && name[0] == UInt8(ascii: "t") && name[1] == UInt8(ascii: "y")
        && name[2] == UInt8(ascii: "p")
      {
        type = string
      } else if name.count == 4 && name[0] == UInt8(ascii: "c") && name[1] == UInt8(ascii: "r")
        && name[2] == UInt8(ascii: "i") && name[3] == UInt8(ascii: "t")
      {
        return nil
      }
    }
    guard let algorithm else { return nil }
    do throws(JOSEError) {
      let candidate = try selector.select(algorithm: algorithm, keyIDBytes: keyID)
      var typeFailure: JOSEError?
      if let typeRule {
        do throws(JOSEError) { try typeRule.checkType(typ: type) } catch { typeFailure = error }
      }
      return .success(ScannedHeader(algorithm: algorithm, candidate: candidate, typeFailure: typeFailure))
    } catch {
      return .failure(error)
    }
  }

  /// The bytes of a scanned member's string value (no escapes), or nil when it is not a string.
  private static func stringValue(_ document: UnsafeRawBufferPointer, _ member: ScannedMember)
    -> UnsafeRawBufferPointer?
  {
    guard member.valueEnd &- member.valueStart >= 2, document[member.valueStart] == JSONParser.quote else { return nil }
    return UnsafeRawBufferPointer(rebasing: document[(member.valueStart &+ 1)..<(member.valueEnd &- 1)])
  }
}
