/// A strict RFC 8259 JSON reader over bytes.
///
/// Rejects: invalid UTF-8 (overlong forms, UTF-8-encoded surrogates, code points above
/// U+10FFFF, truncated sequences), lone surrogate escapes, unescaped control characters,
/// duplicate member names (compared as decoded UTF-8 bytes), a leading byte order mark,
/// `NaN`/`Infinity`, leading zeros, a leading `+`, trailing commas, trailing non-whitespace,
/// nesting deeper than `Limits.maxDepth` and input larger than `Limits.maxInputBytes`.
/// Errors have code `.invalidInput` and say what and where (byte offset), never the content.
public enum JSONReader {
  /// Bounds on what the reader accepts.
  public struct Limits: Sendable {
    /// Maximum nesting of arrays and objects (a top-level object is depth 1). Clamped to 1…512
    /// because the reader recurses once per level.
    public var maxDepth: Int
    /// Maximum input size in bytes.
    public var maxInputBytes: Int

    public init(maxDepth: Int = 64, maxInputBytes: Int = 1 << 20) {
      self.maxDepth = maxDepth
      self.maxInputBytes = maxInputBytes
    }

    /// Depth 64, 1 MiB.
    public static var `default`: Limits { Limits() }
  }

  /// Parses exactly one JSON value (surrounded by optional whitespace) from `bytes`.
  public static func parse(_ bytes: UnsafeRawBufferPointer, limits: Limits = .default) throws(JOSEError) -> JSONValue {
    guard bytes.count <= limits.maxInputBytes else {
      throw JOSEError(.invalidInput, "JSON: input larger than \(limits.maxInputBytes) bytes")
    }
    guard let base = bytes.baseAddress else {
      throw JOSEError(.invalidInput, "JSON: empty input")
    }
    let maxDepth = min(max(limits.maxDepth, 1), 512)
    // The container stack starts on the machine stack; it moves to the heap only for
    // documents with more pending members than fit (see `JSONParser.push`).
    let result: Result<JSONValue, JOSEError> = withUnsafeTemporaryAllocation(
      of: StackEntry.self, capacity: JSONParser.initialStackCapacity
    ) { storage in
      guard let storageBase = storage.baseAddress else {
        return .failure(JOSEError(.invalidInput, "JSON: no parser stack"))
      }
      var parser = JSONParser(
        base.assumingMemoryBound(to: UInt8.self), count: bytes.count, maxDepth: maxDepth,
        stack: storageBase, capacity: storage.count)
      defer { parser.releaseStack() }
      do throws(JOSEError) {
        return .success(try parser.parseDocument())
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// Parses exactly one JSON value from `bytes`.
  public static func parse(_ bytes: [UInt8], limits: Limits = .default) throws(JOSEError) -> JSONValue {
    try bytes.withBytes { (raw) throws(JOSEError) -> JSONValue in try parse(raw, limits: limits) }
  }

  /// Parses exactly one JSON value from `bytes`.
  public static func parse(_ bytes: ArraySlice<UInt8>, limits: Limits = .default) throws(JOSEError) -> JSONValue {
    try bytes.withBytes { (raw) throws(JOSEError) -> JSONValue in try parse(raw, limits: limits) }
  }

  /// Parses exactly one JSON value from the UTF-8 of `text`.
  public static func parse(_ text: String, limits: Limits = .default) throws(JOSEError) -> JSONValue {
    try text.withUTF8Bytes { (raw) throws(JOSEError) -> JSONValue in try parse(raw, limits: limits) }
  }

  /// Parses a document that must be a JSON object (JOSE headers, claims, JWKs).
  public static func parseObject(
    _ bytes: UnsafeRawBufferPointer, limits: Limits = .default
  ) throws(JOSEError) -> JSONObject {
    try requireObject(parse(bytes, limits: limits))
  }

  /// Parses a document that must be a JSON object.
  public static func parseObject(_ bytes: [UInt8], limits: Limits = .default) throws(JOSEError) -> JSONObject {
    try requireObject(parse(bytes, limits: limits))
  }

  /// Parses a document that must be a JSON object.
  public static func parseObject(
    _ bytes: ArraySlice<UInt8>, limits: Limits = .default
  ) throws(JOSEError) -> JSONObject {
    try requireObject(parse(bytes, limits: limits))
  }

  /// Parses a document that must be a JSON object, from the UTF-8 of `text`.
  public static func parseObject(_ text: String, limits: Limits = .default) throws(JOSEError) -> JSONObject {
    try requireObject(parse(text, limits: limits))
  }

  /// The object `value` holds, or the error for a document that is not an object.
  static func requireObject(_ value: JSONValue) throws(JOSEError) -> JSONObject {
    guard case .object(let object) = value else { throw JOSEError(.invalidInput, "JSON: expected an object") }
    return object
  }

  /// Decodes base64url `encoded` (a JWS header or payload segment) into temporary storage and
  /// parses it as a JSON object, without keeping the decoded bytes.
  public static func parseObject(
    base64URLEncoded encoded: UnsafeRawBufferPointer, limits: Limits = .default
  ) throws(JOSEError) -> JSONObject {
    guard let count = Base64URL.decodedByteCount(encodedCount: encoded.count) else {
      throw JOSEError(.invalidInput, "base64url: impossible length")
    }
    guard count <= limits.maxInputBytes else {
      throw JOSEError(.invalidInput, "JSON: input larger than \(limits.maxInputBytes) bytes")
    }
    return try decodeAndParseObject(encoded, count: count, limits: limits, inPlace: false)
  }

  /// `parseObject(base64URLEncoded:limits:)`, keeping the decoded document as it is when the
  /// in-place scanner accepts it (`JSONScanner`): the object is then one allocation and its
  /// values are built only when asked for. Same result and same errors either way.
  package static func parseObjectInPlace(
    base64URLEncoded encoded: UnsafeRawBufferPointer, limits: Limits = .default
  ) throws(JOSEError) -> JSONObject {
    guard let count = Base64URL.decodedByteCount(encodedCount: encoded.count) else {
      throw JOSEError(.invalidInput, "base64url: impossible length")
    }
    guard count <= limits.maxInputBytes else {
      throw JOSEError(.invalidInput, "JSON: input larger than \(limits.maxInputBytes) bytes")
    }
    return try decodeAndParseObject(encoded, count: count, limits: limits, inPlace: true)
  }

  private static func decodeAndParseObject(
    _ encoded: UnsafeRawBufferPointer, count: Int, limits: Limits, inPlace: Bool
  ) throws(JOSEError) -> JSONObject {
    let result: Result<JSONObject, JOSEError> = withUnsafeTemporaryAllocation(
      byteCount: max(count, 1), alignment: 1
    ) { buffer in
      do throws(JOSEError) {
        let written = try Base64URL.decode(encoded, into: buffer)
        let document = UnsafeRawBufferPointer(rebasing: buffer[0..<written])
        if inPlace,
          let source = JSONScanner.scanObject(
            document, maxDepth: limits.maxDepth, { JSONSource.make(document: document, members: $0) })
        {
          return .success(JSONObject(source: source))
        }
        return .success(try parseObject(document, limits: limits))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }
}
