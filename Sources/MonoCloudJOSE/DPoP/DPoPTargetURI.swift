/// The comparison form of an HTTP target URI for a DPoP proof's `htu` (RFC 9449 §4.3): the
/// query and fragment dropped, then syntax-based and scheme-based normalisation (RFC 3986
/// §6.2.2–6.2.3): scheme and host in lower case, percent-encodings with upper-case hex digits
/// and unreserved characters decoded, dot segments removed, the default port and an empty port
/// removed, an empty path made `/`. Two URIs denote the same target when their forms are equal.
///
/// Only absolute `http` and `https` URIs with an authority are accepted; bytes outside the
/// printable ASCII range, malformed percent-encodings, ports above 65535 and an empty host
/// are refused (`nil`).
public enum DPoPTargetURI {
  /// The longest URI considered (request lines longer than this are refused by servers anyway).
  public static let maximumByteCount = 8192

  /// The normalised form of `uri`, or `nil` when it is not an absolute http(s) URI.
  ///
  /// ```swift
  /// DPoPTargetURI.normalized("HTTPS://Api.Example.COM:443/a/./b/../c?x=1#f")  // "https://api.example.com/a/c"
  /// ```
  public static func normalized(_ uri: String) -> String? {
    guard let bytes = uri.withUTF8Raw({ normalizedBytes($0) }) else { return nil }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The normalised form of the ASCII bytes `uri`, or `nil`.
  package static func normalizedBytes(_ uri: UnsafeRawBufferPointer) -> [UInt8]? {
    let n = uri.count
    guard n > 0, n <= maximumByteCount else { return nil }
    // Most request URLs are already in normal form: copied whole, not byte by byte.
    if isPlainlyNormalized(uri) { return Array(uri) }
    for byte in uri where byte < 0x21 || byte > 0x7E { return nil }

    // Scheme: http or https, any case.
    var colon = 0
    while colon < n && uri[colon] != UInt8(ascii: ":") { colon &+= 1 }
    guard colon < n else { return nil }
    var output: [UInt8] = []
    output.reserveCapacity(n &+ 1)
    for i in 0..<colon { output.append(lowercase(uri[i])) }
    let defaultPort: Int
    if output == [0x68, 0x74, 0x74, 0x70] {  // "http"
      defaultPort = 80
    } else if output == [0x68, 0x74, 0x74, 0x70, 0x73] {  // "https"
      defaultPort = 443
    } else {
      return nil
    }
    guard colon &+ 2 < n, uri[colon &+ 1] == UInt8(ascii: "/"), uri[colon &+ 2] == UInt8(ascii: "/") else {
      return nil
    }
    output.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "/")])

    // Authority: up to the path, query or fragment.
    let authorityStart = colon &+ 3
    var authorityEnd = authorityStart
    while authorityEnd < n {
      let byte = uri[authorityEnd]
      if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
      authorityEnd &+= 1
    }
    guard appendAuthority(uri, authorityStart..<authorityEnd, defaultPort: defaultPort, to: &output) else {
      return nil
    }

    // Path: up to the query or fragment, which are ignored.
    var pathEnd = authorityEnd
    while pathEnd < n && uri[pathEnd] != UInt8(ascii: "?") && uri[pathEnd] != UInt8(ascii: "#") { pathEnd &+= 1 }
    let pathStart = output.count
    guard appendPercentNormalized(uri, authorityEnd..<pathEnd, lowercased: false, to: &output) else { return nil }
    removeDotSegments(&output, from: pathStart)
    return output
  }

  /// Whether `uri` is its own normal form by a conservative test: `http://` or `https://` in
  /// lower case; a non-empty host of lower-case letters, digits, `.` and `-` only (no userinfo,
  /// no port, no IP literal); then a path of unreserved characters and `/` only (no `%`, no
  /// query or fragment) with no `/.` anywhere (so no dot segment). Anything else takes the full
  /// normalisation, which gives the same bytes for such a URI.
  private static func isPlainlyNormalized(_ uri: UnsafeRawBufferPointer) -> Bool {
    let n = uri.count
    var i: Int
    if n > 8, uri[0] == UInt8(ascii: "h"), uri[1] == UInt8(ascii: "t"), uri[2] == UInt8(ascii: "t"),
      uri[3] == UInt8(ascii: "p")
    {
      i = uri[4] == UInt8(ascii: "s") ? 5 : 4
    } else {
      return false
    }
    guard i &+ 3 < n, uri[i] == UInt8(ascii: ":"), uri[i &+ 1] == UInt8(ascii: "/"), uri[i &+ 2] == UInt8(ascii: "/")
    else { return false }
    i &+= 3
    let hostStart = i
    while i < n && uri[i] != UInt8(ascii: "/") {
      let byte = uri[i]
      guard
        byte &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: ".")
          || byte == UInt8(ascii: "-")
      else { return false }
      i &+= 1
    }
    guard i > hostStart, i < n else { return false }
    while i < n {
      let byte = uri[i]
      if byte == UInt8(ascii: "/") {
        guard i &+ 1 == n || uri[i &+ 1] != UInt8(ascii: ".") else { return false }
      } else if !isUnreserved(byte) {
        return false
      }
      i &+= 1
    }
    return true
  }

  /// `[userinfo@]host[:port]`: the host lower-cased, the port kept only when it is not the default.
  private static func appendAuthority(
    _ uri: UnsafeRawBufferPointer, _ range: Range<Int>, defaultPort: Int, to output: inout [UInt8]
  ) -> Bool {
    var start = range.lowerBound
    // The userinfo ends at the last '@' (it cannot appear in the host or port).
    var at = range.upperBound
    while at > start {
      at &-= 1
      if uri[at] == UInt8(ascii: "@") {
        guard appendPercentNormalized(uri, start..<at, lowercased: false, to: &output) else { return false }
        output.append(UInt8(ascii: "@"))
        start = at &+ 1
        break
      }
    }
    // The host ends at the port's ':' (after the ']' of an IP literal).
    var hostEnd = start
    if hostEnd < range.upperBound && uri[hostEnd] == UInt8(ascii: "[") {
      while hostEnd < range.upperBound && uri[hostEnd] != UInt8(ascii: "]") { hostEnd &+= 1 }
      guard hostEnd < range.upperBound else { return false }
      hostEnd &+= 1
    } else {
      while hostEnd < range.upperBound && uri[hostEnd] != UInt8(ascii: ":") { hostEnd &+= 1 }
    }
    guard hostEnd > start else { return false }
    guard appendPercentNormalized(uri, start..<hostEnd, lowercased: true, to: &output) else { return false }
    guard hostEnd < range.upperBound else { return true }
    guard uri[hostEnd] == UInt8(ascii: ":") else { return false }
    // The port: digits only; empty means the default.
    var port = 0
    var i = hostEnd &+ 1
    let digitsStart = i
    while i < range.upperBound {
      let digit = uri[i] &- UInt8(ascii: "0")
      guard digit < 10 else { return false }
      port = port &* 10 &+ Int(digit)
      guard port <= 65_535 else { return false }
      i &+= 1
    }
    if i > digitsStart && port != defaultPort {
      output.append(UInt8(ascii: ":"))
      appendDecimal(port, to: &output)
    }
    return true
  }

  /// Copies `range` of `uri`: `%XX` of an unreserved character decoded, other `%XX` with
  /// upper-case hex digits; ASCII letters lower-cased when `lowercased`. False on a bad `%`.
  private static func appendPercentNormalized(
    _ uri: UnsafeRawBufferPointer, _ range: Range<Int>, lowercased: Bool, to output: inout [UInt8]
  ) -> Bool {
    var i = range.lowerBound
    while i < range.upperBound {
      let byte = uri[i]
      guard byte == UInt8(ascii: "%") else {
        output.append(lowercased ? lowercase(byte) : byte)
        i &+= 1
        continue
      }
      guard i &+ 2 < range.upperBound, let high = hexValue(uri[i &+ 1]), let low = hexValue(uri[i &+ 2]) else {
        return false
      }
      let value = high &<< 4 | low
      if isUnreserved(value) {
        output.append(lowercased ? lowercase(value) : value)
      } else {
        output.append(UInt8(ascii: "%"))
        output.append(hexDigit(high))
        output.append(hexDigit(low))
      }
      i &+= 3
    }
    return true
  }

  /// Resolves the `.` and `..` segments of the path `output[start...]` in place (RFC 3986
  /// §5.2.4); an empty path becomes `/`. Segments only shrink, so the write position never
  /// passes the read position.
  private static func removeDotSegments(_ output: inout [UInt8], from start: Int) {
    let end = output.count
    var write = start
    var read = start  // at the '/' that opens the next segment
    while read < end {
      var next = read &+ 1
      while next < end && output[next] != UInt8(ascii: "/") { next &+= 1 }
      let length = next &- read &- 1
      let isLast = next >= end
      let isDot = length == 1 && output[read &+ 1] == UInt8(ascii: ".")
      let isDotDot = length == 2 && output[read &+ 1] == UInt8(ascii: ".") && output[read &+ 2] == UInt8(ascii: ".")
      if isDot || isDotDot {
        if isDotDot && write > start {
          // Drop the last segment written: back to its opening '/'.
          write &-= 1
          while write > start && output[write] != UInt8(ascii: "/") { write &-= 1 }
        }
        // A trailing `.` or `..` leaves the directory: `/a/b/..` is `/a/`.
        if isLast {
          output[write] = UInt8(ascii: "/")
          write &+= 1
        }
      } else {
        var i = read
        while i < next {
          output[write] = output[i]
          write &+= 1
          i &+= 1
        }
      }
      read = next
    }
    output.removeLast(end &- write)
    if write == start { output.append(UInt8(ascii: "/")) }
  }

  private static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
    var digits: [UInt8] = []
    var rest = value
    repeat {
      digits.append(UInt8(ascii: "0") &+ UInt8(rest % 10))
      rest /= 10
    } while rest > 0
    output.append(contentsOf: digits.reversed())
  }

  private static func lowercase(_ byte: UInt8) -> UInt8 {
    byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
  }

  /// ALPHA, DIGIT, `-`, `.`, `_`, `~` (RFC 3986 §2.3).
  private static func isUnreserved(_ byte: UInt8) -> Bool {
    (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    if byte &- UInt8(ascii: "0") < 10 { return byte &- UInt8(ascii: "0") }
    let letter = (byte | 0x20) &- UInt8(ascii: "a")
    return letter < 6 ? letter &+ 10 : nil
  }

  private static func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? UInt8(ascii: "0") &+ value : UInt8(ascii: "A") &+ value &- 10
  }
}
