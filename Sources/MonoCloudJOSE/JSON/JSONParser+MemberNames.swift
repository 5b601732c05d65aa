// Member names: fingerprints for the duplicate check and the well-known JOSE names.

extension JSONParser {
  /// A fingerprint of a name's bytes: its length and its first and last (up to) eight bytes.
  @inline(__always)
  static func fingerprint(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var head: UInt64 = 0
    var tail: UInt64 = 0
    if n >= 8 {
      head = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
      tail = UnsafeRawPointer(p + (n &- 8)).loadUnaligned(as: UInt64.self)
    } else {
      var i = 0
      while i < n {
        head = head << 8 | UInt64(p[i])
        i &+= 1
      }
    }
    return (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &+ UInt64(truncatingIfNeeded: n) &* 0xC2B2_AE3D_27D4_EB4F)
  }

  /// Up to eight bytes packed little-endian into one word (unescaped string bytes are never
  /// zero, so the word identifies the bytes).
  @inline(__always)
  static func packed(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var word: UInt64 = 0
    var i = 0
    while i < n {
      word |= UInt64(p[i]) << (UInt64(truncatingIfNeeded: i) &* 8)
      i &+= 1
    }
    return word
  }

  /// Member names common in JOSE headers, JWKs and claims, as string literals: returning a
  /// literal skips creating and validating a new `String` for most names.
  static func wellKnownName(_ packed: UInt64) -> String? {
    switch packed {
    case 0x737369: return "iss"
    case 0x627573: return "sub"
    case 0x647561: return "aud"
    case 0x707865: return "exp"
    case 0x66626E: return "nbf"
    case 0x746169: return "iat"
    case 0x69746A: return "jti"
    case 0x65706F6373: return "scope"
    case 0x706373: return "scp"
    case 0x7370756F7267: return "groups"
    case 0x666E63: return "cnf"
    case 0x646973: return "sid"
    case 0x707A61: return "azp"
    case 0x676C61: return "alg"
    case 0x64696B: return "kid"
    case 0x707974: return "typ"
    case 0x79746B: return "kty"
    case 0x767263: return "crv"
    case 0x657375: return "use"
    case 0x78: return "x"
    case 0x79: return "y"
    case 0x6E: return "n"
    case 0x65: return "e"
    case 0x64: return "d"
    case 0x6B: return "k"
    case 0x73706F5F79656B: return "key_ops"
    case 0x3635325323743578: return "x5t#S256"
    case 0x633578: return "x5c"
    case 0x743578: return "x5t"
    case 0x756B6A: return "jku"
    case 0x6B776A: return "jwk"
    case 0x797463: return "cty"
    case 0x74697263: return "crit"
    case 0x65636E6F6E: return "nonce"
    case 0x6C69616D65: return "email"
    case 0x656D616E: return "name"
    case 0x73656C6F72: return "roles"
    case 0x726D61: return "amr"
    case 0x726361: return "acr"
    case 0x6469: return "id"
    case 0x7379656B: return "keys"
    case 0x657669746361: return "active"
    case 0x70697A: return "zip"
    case 0x636E65: return "enc"
    case 0x6B7065: return "epk"
    case 0x7669: return "iv"
    case 0x676174: return "tag"
    // DPoP proofs (RFC 9449) and DPoP-bound tokens' `cnf`.
    case 0x6D7468: return "htm"
    case 0x757468: return "htu"
    case 0x687461: return "ath"
    case 0x746B6A: return "jkt"
    default: return nil
    }
  }
}
