/// Normalization of the tenant domain, which is also the expected issuer.
public enum TenantDomain {
  /// Adds `https://` when no scheme is given and strips trailing `/`. `http://` is accepted
  /// only for loopback hosts (`localhost`, `127.0.0.0/8`, `[::1]`) so that a test tenant can
  /// run locally; any other scheme or host form is refused with the reason.
  public static func normalize(_ raw: String) -> Result<String, TenantDomainProblem> {
    var text = EnvironmentReader.trim(raw)
    if text.isEmpty { return .failure(TenantDomainProblem("must not be empty")) }
    if !text.contains("://") { text = "https://" + text }
    while text.hasSuffix("/") { text.removeLast() }
    let lower = text.lowercased()
    let isHTTPS = lower.hasPrefix("https://")
    let isHTTP = lower.hasPrefix("http://")
    guard isHTTPS || isHTTP else { return .failure(TenantDomainProblem("the scheme must be https")) }
    let rest = text.dropFirst(isHTTPS ? 8 : 7)
    let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    if rest.contains("?") || rest.contains("#") {
      return .failure(TenantDomainProblem("must not contain a query or fragment"))
    }
    guard let host = host(of: Substring(authority)), !host.isEmpty else {
      return .failure(TenantDomainProblem("has no host"))
    }
    if authority.contains("@") || host.contains(" ") { return .failure(TenantDomainProblem("has an invalid host")) }
    if isHTTP && !isLoopback(host) {
      return .failure(TenantDomainProblem("http:// is allowed only for localhost, 127.0.0.0/8 and [::1]"))
    }
    return .success(text)
  }

  /// The host part of `host[:port]` or `[v6]:port`, lowercased.
  static func host(of authority: Substring) -> String? {
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else { return nil }
      return String(authority[...close]).lowercased()
    }
    let host = authority.prefix { $0 != ":" }
    let port = authority.dropFirst(host.count)
    if !port.isEmpty {
      let digits = port.dropFirst()
      guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    }
    return String(host).lowercased()
  }

  /// localhost, 127.0.0.0/8 (dotted quad, each part 0–255) or [::1].
  static func isLoopback(_ host: String) -> Bool {
    if host == "localhost" || host == "[::1]" { return true }
    let parts = host.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4, parts[0] == "127" else { return false }
    return parts.allSatisfy { part in
      !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber } && (Int(part) ?? 256) <= 255
    }
  }
}

/// Why a tenant domain was refused.
public struct TenantDomainProblem: Error, Sendable, Equatable, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }
}
