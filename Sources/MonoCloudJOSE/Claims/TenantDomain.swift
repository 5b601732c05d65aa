/// Normalization of the tenant domain, which is also the expected issuer.
public enum TenantDomain {
  /// Adds `https://` when no scheme is given and strips trailing `/`. `http://` is accepted
  /// only for loopback hosts (`localhost`, `127.0.0.0/8`, `[::1]`) so that a test tenant can
  /// run locally; any other scheme or host form is refused with the reason.
  public static func normalize(_ raw: String) -> Result<String, TenantDomainProblem> {
    var bytes = Array(ConfigurationText.trimmed(raw).utf8)
    if bytes.isEmpty { return .failure(TenantDomainProblem("must not be empty")) }
    if firstIndex(of: Array("://".utf8), in: bytes) == nil { bytes = Array("https://".utf8) + bytes }
    while bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
    let isHTTPS = hasPrefixIgnoringCase(bytes, "https://")
    let isHTTP = hasPrefixIgnoringCase(bytes, "http://")
    guard isHTTPS || isHTTP else { return .failure(TenantDomainProblem("the scheme must be https")) }
    let rest = bytes[(isHTTPS ? 8 : 7)...]
    if rest.contains(UInt8(ascii: "?")) || rest.contains(UInt8(ascii: "#")) {
      return .failure(TenantDomainProblem("must not contain a query or fragment"))
    }
    let authority = rest.prefix { $0 != UInt8(ascii: "/") }
    guard let host = host(ofAuthority: authority), !host.isEmpty else {
      return .failure(TenantDomainProblem("has no host"))
    }
    if authority.contains(UInt8(ascii: "@")) || host.contains(0x20) {
      return .failure(TenantDomainProblem("has an invalid host"))
    }
    if isHTTP && !isLoopback(host: host) {
      return .failure(TenantDomainProblem("http:// is allowed only for localhost, 127.0.0.0/8 and [::1]"))
    }
    return .success(String(decoding: bytes, as: UTF8.self))
  }

  /// Whether `url` is an acceptable endpoint of the tenant: `https://` with a host, or
  /// `http://` on a loopback host (like the tenant domain itself).
  public static func isAcceptableEndpoint(_ url: String) -> Bool {
    let bytes = Array(url.utf8)
    if hasPrefixIgnoringCase(bytes, "https://") { return bytes.count > 8 }
    guard hasPrefixIgnoringCase(bytes, "http://") else { return false }
    let authority = bytes[7...].prefix { $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
    guard let host = host(ofAuthority: authority) else { return false }
    return isLoopback(host: host)
  }

  /// The host part of `host[:port]` or `[v6]:port`, ASCII-lowercased; `nil` for a bad port.
  static func host(ofAuthority authority: ArraySlice<UInt8>) -> [UInt8]? {
    if authority.first == UInt8(ascii: "[") {
      guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return nil }
      return authority[...close].map(ConfigurationText.lowercaseASCII)
    }
    let host = authority.prefix { $0 != UInt8(ascii: ":") }
    let port = authority.dropFirst(host.count)
    if !port.isEmpty {
      let digits = port.dropFirst()
      guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
        return nil
      }
    }
    return host.map(ConfigurationText.lowercaseASCII)
  }

  /// localhost, 127.0.0.0/8 (dotted quad, each part 0–255) or [::1].
  static func isLoopback(host: [UInt8]) -> Bool {
    if host.elementsEqual("localhost".utf8) || host.elementsEqual("[::1]".utf8) { return true }
    let parts = host.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    guard parts.count == 4, parts[0].elementsEqual("127".utf8) else { return false }
    return parts.allSatisfy { part in
      guard !part.isEmpty, part.count <= 3 else { return false }
      var value = 0
      for byte in part {
        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return false }
        value = value * 10 + Int(byte &- UInt8(ascii: "0"))
      }
      return value <= 255
    }
  }

  static func hasPrefixIgnoringCase(_ bytes: [UInt8], _ prefix: StaticString) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard bytes.count >= count else { return false }
    let start = prefix.utf8Start
    var k = 0
    while k < count {
      if ConfigurationText.lowercaseASCII(bytes[k]) != start[k] { return false }
      k &+= 1
    }
    return true
  }

  static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
    guard needle.count <= bytes.count else { return nil }
    var start = 0
    while start &+ needle.count <= bytes.count {
      if bytes[start..<(start &+ needle.count)].elementsEqual(needle) { return start }
      start &+= 1
    }
    return nil
  }
}

/// Why a tenant domain was refused.
public struct TenantDomainProblem: Error, Sendable, Equatable, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }

  /// Compares UTF-8 bytes, so that Embedded builds need no Unicode tables.
  public static func == (lhs: TenantDomainProblem, rhs: TenantDomainProblem) -> Bool {
    lhs.description.utf8Equals(rhs.description)
  }
}
