/// The key material of each key type. Indirect: copying a key (key sets, key selection) is one
/// retain of the case's box, not a copy of every member and crypto object.
indirect enum JWKMaterial: Sendable {
  case rsa(RSAKeyMaterial)
  case ec(ECKeyMaterial)
  case okp(OKPKeyMaterial)
  case oct(OctetKeyMaterial)

  var curve: JWKCurve? {
    switch self {
    case .ec(let ec): return ec.curve
    case .okp: return .ed25519
    default: return nil
    }
  }

  var isPrivate: Bool {
    switch self {
    case .rsa(let rsa): return rsa.privateKey != nil
    case .ec(let ec): return ec.privateKey != nil
    case .okp(let okp): return okp.privateKey != nil
    case .oct: return true
    }
  }

  var keySizeInBits: Int {
    switch self {
    case .rsa(let rsa): return rsa.modulusBitCount
    case .ec(let ec):
      switch ec.curve {
      case .p256: return 256
      case .p384: return 384
      case .p521: return 521
      case .ed25519: return 255
      }
    case .okp: return 255
    case .oct(let oct): return oct.k.count &* 8
    }
  }

  var publicMaterial: JWKMaterial {
    switch self {
    case .rsa(let rsa): return .rsa(rsa.publicOnly)
    case .ec(let ec): return .ec(ec.publicOnly)
    case .okp(let okp): return .okp(okp.publicOnly)
    case .oct: return self
    }
  }

  /// The material with the private members of `reader` imported and checked against this
  /// public material (`self` when there are none; `oct` material is already complete).
  func addingPrivateMembers(from reader: JWKMemberReader) throws(JOSEError) -> JWKMaterial {
    switch self {
    case .rsa(let rsa): return .rsa(try rsa.addingPrivateMembers(from: reader))
    case .ec(let ec): return .ec(try ec.addingPrivateMembers(from: reader))
    case .okp(let okp): return .okp(try okp.addingPrivateMembers(from: reader))
    case .oct: return self
    }
  }

  func appendMembers(to object: inout JSONObject, includingPrivate: Bool) {
    switch self {
    case .rsa(let rsa): rsa.appendMembers(to: &object, includingPrivate: includingPrivate)
    case .ec(let ec): ec.appendMembers(to: &object, includingPrivate: includingPrivate)
    case .okp(let okp): okp.appendMembers(to: &object, includingPrivate: includingPrivate)
    case .oct(let oct): object["k"] = .string(Base64URL.encode(oct.k))
    }
  }
}
