import MonoCloudJOSE
import Testing

@Suite struct DPoPTargetURITests {
  static let normalised: [(String, String)] = [
    ("https://api.example.com/orders", "https://api.example.com/orders"),
    ("HTTPS://Api.Example.COM:443/a/./b/../c?x=1#f", "https://api.example.com/a/c"),
    ("http://example.com:80", "http://example.com/"),
    ("http://example.com:8080/", "http://example.com:8080/"),
    ("https://example.com:80/", "https://example.com:80/"),
    ("http://example.com:443/", "http://example.com:443/"),
    ("https://example.com:/p", "https://example.com/p"),
    ("https://example.com:0443/", "https://example.com/"),
    ("https://example.com/%7efoo%2f", "https://example.com/~foo%2F"),
    ("https://example.com/a%2fb", "https://example.com/a%2Fb"),
    ("https://example.com/%41%5a", "https://example.com/AZ"),
    ("https://Ex%41mple.com/", "https://example.com/"),
    ("https://[FE80::1]:443/x", "https://[fe80::1]/x"),
    ("https://[::1]:8443", "https://[::1]:8443/"),
    ("https://example.com/a/b/..", "https://example.com/a/"),
    ("https://example.com/a/b/.", "https://example.com/a/b/"),
    ("https://example.com/../a", "https://example.com/a"),
    ("https://example.com/a/%2E%2E/b", "https://example.com/b"),
    ("https://example.com/a//b", "https://example.com/a//b"),
    ("https://example.com?q=1", "https://example.com/"),
    ("https://example.com#frag", "https://example.com/"),
    ("https://example.com/p?q=/../x#y", "https://example.com/p"),
    ("https://User@Example.com/", "https://User@example.com/"),
  ]

  static let refused: [String] = [
    "", "ftp://example.com/", "urn:example:x", "https:/example.com/", "https:example.com", "https://", "https://:443/",
    "https://ex ample.com/", "https://example.com:65536/", "https://example.com:80a/", "https://example.com/%zz",
    "https://example.com/%4", "/relative", "https://exämple.com/", "https://[::1/", "https://[::1]x/",
    "https://example.com/\u{7F}", String(repeating: "a", count: 9000),
  ]

  @Test func normalisedForms() {
    for (input, expected) in Self.normalised {
      #expect(DPoPTargetURI.normalized(input) == expected, "\(input)")
    }
    #expect(Self.normalised.count == 23)
  }

  @Test func refusedInputs() {
    for input in Self.refused {
      #expect(DPoPTargetURI.normalized(input) == nil, "\(input)")
    }
    #expect(Self.refused.count == 18)
  }

  /// URIs at the edge of the already-normal shortcut (lower-case http(s), plain host, path of
  /// unreserved characters without `/.`): those inside it come back unchanged, those just
  /// outside take the full normalisation.
  static let nearlyNormal: [(String, String)] = [
    ("https://api.example.com/A/B-c_d~e.f/42", "https://api.example.com/A/B-c_d~e.f/42"),
    ("http://a.b/x/", "http://a.b/x/"),
    ("https://api-1.example.com/", "https://api-1.example.com/"),
    ("https://api.example.com/x.", "https://api.example.com/x."),
    ("https://api.example.com/a/..b", "https://api.example.com/a/..b"),
    ("https://api.example.com/.well-known/x", "https://api.example.com/.well-known/x"),
    ("https://api.example.com/a/.", "https://api.example.com/a/"),
    ("https://api.example.com/a/b/..", "https://api.example.com/a/"),
    ("https://api.example.com/x!", "https://api.example.com/x!"),
    ("httpS://api.example.com/x", "https://api.example.com/x"),
    ("https://api.Example.com/x", "https://api.example.com/x"),
    ("https://api.example.com:443/x", "https://api.example.com/x"),
    ("http://api.example.com/%41", "http://api.example.com/A"),
    ("https://api.example.com/x?y", "https://api.example.com/x"),
    ("https://api.example.com", "https://api.example.com/"),
  ]

  @Test func nearlyNormalForms() {
    for (input, expected) in Self.nearlyNormal {
      #expect(DPoPTargetURI.normalized(input) == expected, "\(input)")
    }
    #expect(Self.nearlyNormal.count == 15)
  }

  @Test func normalisationIsIdempotent() {
    for (_, expected) in Self.normalised {
      #expect(DPoPTargetURI.normalized(expected) == expected)
    }
  }
}
