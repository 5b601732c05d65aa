import Foundation
import MonoCloudCrypto
import Testing

/// Key import, signature encodings and hostile inputs: typed errors or `false`, never a trap.
@Suite struct ECDSAKeyTests {
  static let curves: [ECCurve] = [.p256, .p384, .p521]

  /// The RFC 6979 key of each curve.
  static func rfcKey(_ curve: ECCurve) throws -> ECDSAPrivateKey {
    let json = try HashTestData.json("rfc/rfc6979_ecdsa.json")
    let name = curve == .p256 ? "P-256" : curve == .p384 ? "P-384" : "P-521"
    let entry = try #require(try ECTestData.objects(json, "keys").first { $0["curve"] as? String == name })
    return try ECDSAPrivateKey(curve: curve, d: try ECTestData.bytes(entry, "privateKey"))
  }

  static func order(_ curve: ECCurve) throws -> [UInt8] {
    switch curve {
    case .p256: return try HashTestData.bytes(hex: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")
    case .p384:
      return try HashTestData.bytes(
        hex: "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973")
    case .p521:
      return try HashTestData.bytes(
        hex:
          "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"
      )
    }
  }

  static func prime(_ curve: ECCurve) -> [UInt8] {
    switch curve {
    case .p256:
      return [0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1] + [UInt8](repeating: 0, count: 12)
        + [UInt8](repeating: 0xff, count: 12)
    case .p384:
      return [UInt8](repeating: 0xff, count: 31) + [0xfe] + [UInt8](repeating: 0xff, count: 4)
        + [0, 0, 0, 0, 0, 0, 0, 0] + [0xff, 0xff, 0xff, 0xff]
    case .p521: return [0x01] + [UInt8](repeating: 0xff, count: 65)
    }
  }

  /// The kind of CryptoError `body` throws, or nil when it does not throw.
  static func failure(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch {
      guard let error = error as? CryptoError else { return "not a CryptoError: \(error)" }
      return error.code.description
    }
  }

  @Test("curve sizes")
  func sizes() {
    #expect(Self.curves.map(\.coordinateByteCount) == [32, 48, 66])
    #expect(Self.curves.map(\.signatureByteCount) == [64, 96, 132])
  }

  @Test("r or s equal to 0 or n (or above n) are rejected, raw and DER", arguments: curves)
  func scalarRange(curve: ECCurve) throws {
    let key = try Self.rfcKey(curve)
    let message = Array("sample".utf8)
    let signature = try key.signature(for: message, hash: .sha256)
    let width = curve.coordinateByteCount
    let r = Array(signature[..<width])
    let s = Array(signature[width...])
    let n = try Self.order(curve)
    let zero = [UInt8](repeating: 0, count: width)
    let allOnes = [UInt8](repeating: 0xff, count: width)
    #expect(key.publicKey.isValidSignature(rawRS: r + s, for: message, hash: .sha256))
    var count = 0
    for (badR, badS) in [(zero, s), (r, zero), (n, s), (r, n), (zero, zero), (n, n), (allOnes, s), (r, allOnes)] {
      #expect(!key.publicKey.isValidSignature(rawRS: badR + badS, for: message, hash: .sha256))
      let der = DERWriter.sequence([DERWriter.integer(magnitude: badR), DERWriter.integer(magnitude: badS)])
      #expect(!key.publicKey.isValidSignature(derEncoded: der, for: message, hash: .sha256))
      count += 1
    }
    #expect(count == 8)
    // n − s is the other valid signature with the same r (ECDSA is malleable; JOSE accepts it).
    var negatedS = [UInt8](repeating: 0, count: width)
    var borrow = 0
    for index in (0..<width).reversed() {
      let difference = Int(n[index]) - Int(s[index]) - borrow
      negatedS[index] = UInt8(truncatingIfNeeded: difference)
      borrow = difference < 0 ? 1 : 0
    }
    #expect(key.publicKey.isValidSignature(rawRS: r + negatedS, for: message, hash: .sha256))
  }

  @Test("public keys: off the curve, identity, out of range, wrong lengths, compressed", arguments: curves)
  func publicKeyValidation(curve: ECCurve) throws {
    let good = try Self.rfcKey(curve).publicKey
    let size = curve.coordinateByteCount
    var offCurve = good.y
    offCurve[size - 1] ^= 1
    #expect(Self.failure { _ = try ECDSAPublicKey(curve: curve, x: good.x, y: offCurve) } == "invalidKey")
    #expect(Self.failure { _ = try ECDSAPublicKey(curve: curve, x: Self.prime(curve), y: good.y) } == "invalidKey")
    #expect(Self.failure { _ = try ECDSAPublicKey(curve: curve, x: good.x, y: Self.prime(curve)) } == "invalidKey")
    let zero = [UInt8](repeating: 0, count: size)
    #expect(Self.failure { _ = try ECDSAPublicKey(curve: curve, x: zero, y: zero) } == "invalidKey")
    #expect(
      Self.failure { _ = try ECDSAPublicKey(curve: curve, x: Array(good.x.dropFirst()), y: good.y) } == "invalidKey")
    #expect(Self.failure { _ = try ECDSAPublicKey(curve: curve, x: [0] + good.x, y: good.y) } == "invalidKey")
    #expect(Self.failure { _ = try ECDSAPublicKey(curve: curve, x: good.x, y: good.y + [0]) } == "invalidKey")
    #expect(Self.failure { _ = try ECDSAPublicKey(curve: curve, x: [], y: []) } == "invalidKey")
    // X9.63 forms.
    #expect(Self.failure { _ = try ECDSAPublicKey(x963Representation: [0x00], curve: curve) } == "invalidKey")
    #expect(Self.failure { _ = try ECDSAPublicKey(x963Representation: [], curve: curve) } == "invalidKey")
    #expect(
      Self.failure { _ = try ECDSAPublicKey(x963Representation: [0x02] + good.x, curve: curve) }
        == "unsupportedAlgorithm")
    #expect(
      Self.failure { _ = try ECDSAPublicKey(x963Representation: [0x05] + good.x + good.y, curve: curve) }
        == "invalidKey")
    #expect(Self.failure { _ = try ECDSAPublicKey(x963Representation: [0x04] + good.x, curve: curve) } == "invalidKey")
    #expect(
      Self.failure { _ = try ECDSAPublicKey(x963Representation: [0x04] + good.x + offCurve, curve: curve) }
        == "invalidKey")
    let other: ECCurve = curve == .p256 ? .p384 : .p256
    #expect(
      Self.failure { _ = try ECDSAPublicKey(x963Representation: good.x963Representation, curve: other) } == "invalidKey"
    )
    // Round trips.
    let imported = try ECDSAPublicKey(x963Representation: good.x963Representation, curve: curve)
    #expect(imported.x == good.x && imported.y == good.y && imported.curve == curve)
    let fromDER = try ECDSAPublicKey(derEncoded: good.derRepresentation)
    #expect(fromDER.x == good.x && fromDER.y == good.y && fromDER.curve == curve)
    let fromPEM = try ECDSAPublicKey(pemEncoded: PEM.encode(label: "PUBLIC KEY", der: good.derRepresentation))
    #expect(fromPEM.x == good.x && fromPEM.curve == curve)
    #expect(
      Self.failure { _ = try ECDSAPublicKey(pemEncoded: PEM.encode(label: "PRIVATE KEY", der: good.derRepresentation)) }
        == "malformedEncoding")
  }

  @Test("SubjectPublicKeyInfo: wrong algorithm, unknown or mismatched curve, explicit parameters")
  func subjectPublicKeyInfo() throws {
    let good = try Self.rfcKey(.p256).publicKey
    func spki(_ algorithm: [UInt8], _ parameters: [UInt8]?, _ point: [UInt8]) -> [UInt8] {
      SubjectPublicKeyInfo(algorithm: algorithm, parameters: parameters, subjectPublicKey: point).derEncoded
    }
    let ec = ObjectIdentifiers.ecPublicKey
    let point = good.x963Representation
    #expect(
      Self.failure { _ = try ECDSAPublicKey(derEncoded: spki(ObjectIdentifiers.rsaEncryption, DERWriter.null, point)) }
        == "unsupportedAlgorithm")
    let secp256k1 = DERWriter.objectIdentifier([0x2b, 0x81, 0x04, 0x00, 0x0a])
    #expect(Self.failure { _ = try ECDSAPublicKey(derEncoded: spki(ec, secp256k1, point)) } == "unsupportedAlgorithm")
    let p384 = DERWriter.objectIdentifier(ObjectIdentifiers.secp384r1)
    #expect(Self.failure { _ = try ECDSAPublicKey(derEncoded: spki(ec, p384, point)) } == "invalidKey")
    #expect(Self.failure { _ = try ECDSAPublicKey(derEncoded: spki(ec, nil, point)) } == "malformedEncoding")
    let explicit = DERWriter.sequence([DERWriter.integer(1)])
    #expect(Self.failure { _ = try ECDSAPublicKey(derEncoded: spki(ec, explicit, point)) } == "unsupportedAlgorithm")
    #expect(Self.failure { _ = try ECDSAPublicKey(derEncoded: good.derRepresentation + [0]) } == "malformedEncoding")
    #expect(Self.failure { _ = try ECDSAPublicKey(derEncoded: []) } == "malformedEncoding")
  }

  @Test("private keys: range of d, PKCS #8, SEC 1, PEM, stored public key", arguments: curves)
  func privateKeys(curve: ECCurve) throws {
    let key = try Self.rfcKey(curve)
    let size = curve.coordinateByteCount
    #expect(
      Self.failure { _ = try ECDSAPrivateKey(curve: curve, d: [UInt8](repeating: 0, count: size)) } == "invalidKey")
    #expect(Self.failure { _ = try ECDSAPrivateKey(curve: curve, d: try Self.order(curve)) } == "invalidKey")
    #expect(
      Self.failure { _ = try ECDSAPrivateKey(curve: curve, d: [UInt8](repeating: 0xff, count: size)) } == "invalidKey")
    #expect(Self.failure { _ = try ECDSAPrivateKey(curve: curve, d: Array(key.d.dropFirst())) } == "invalidKey")
    #expect(Self.failure { _ = try ECDSAPrivateKey(curve: curve, d: [1]) } == "invalidKey")

    let parameters = DERWriter.objectIdentifier(
      curve == .p256
        ? ObjectIdentifiers.secp256r1 : curve == .p384 ? ObjectIdentifiers.secp384r1 : ObjectIdentifiers.secp521r1)
    func sec1(parameters: [UInt8]?, publicKey: [UInt8]?) -> [UInt8] {
      var elements = [DERWriter.integer(1), DERWriter.octetString(key.d)]
      if let parameters { elements.append(DERWriter.explicit(tagNumber: 0, parameters)) }
      if let publicKey { elements.append(DERWriter.explicit(tagNumber: 1, DERWriter.bitString(publicKey))) }
      return DERWriter.sequence(elements)
    }
    let point = key.publicKey.x963Representation
    let pkcs8 = PrivateKeyInfo(
      algorithm: ObjectIdentifiers.ecPublicKey, parameters: parameters,
      privateKey: sec1(parameters: nil, publicKey: point)
    ).derEncoded
    let bareSEC1 = sec1(parameters: parameters, publicKey: point)
    for der in [pkcs8, bareSEC1, sec1(parameters: parameters, publicKey: nil)] {
      let imported = try ECDSAPrivateKey(derEncoded: der)
      #expect(imported.d == key.d && imported.curve == curve && imported.publicKey.x == key.publicKey.x)
    }
    let pem = try ECDSAPrivateKey(pemEncoded: PEM.encode(label: "EC PRIVATE KEY", der: bareSEC1))
    #expect(pem.d == key.d)
    let pem8 = try ECDSAPrivateKey(pemEncoded: PEM.encode(label: "PRIVATE KEY", der: pkcs8))
    #expect(pem8.d == key.d)
    #expect(
      Self.failure { _ = try ECDSAPrivateKey(pemEncoded: PEM.encode(label: "PUBLIC KEY", der: pkcs8)) }
        == "malformedEncoding")
    // A bare ECPrivateKey must name its curve; a stored public key must match d.
    #expect(
      Self.failure { _ = try ECDSAPrivateKey(derEncoded: sec1(parameters: nil, publicKey: point)) }
        == "malformedEncoding")
    var wrongPoint = point
    wrongPoint[wrongPoint.count - 1] ^= 1
    #expect(
      Self.failure { _ = try ECDSAPrivateKey(derEncoded: sec1(parameters: parameters, publicKey: wrongPoint)) } != nil)
    let otherGenerator = try Self.rfcKey(curve == .p256 ? .p384 : .p256).publicKey.x963Representation
    #expect(
      Self.failure { _ = try ECDSAPrivateKey(derEncoded: sec1(parameters: parameters, publicKey: otherGenerator)) }
        == "invalidKey")
    #expect(Self.failure { _ = try ECDSAPrivateKey(derEncoded: pkcs8 + [0]) } == "malformedEncoding")
    #expect(Self.failure { _ = try ECDSAPrivateKey(derEncoded: []) } == "malformedEncoding")
  }

  @Test("malformed DER signatures and wrong raw lengths are rejected, never trap", arguments: curves)
  func malformedSignatures(curve: ECCurve) throws {
    let key = try Self.rfcKey(curve)
    let message = Array("test".utf8)
    let der = try key.derSignature(for: message, hash: .sha512)
    let raw = try key.signature(for: message, hash: .sha512)
    let verify = { (candidate: [UInt8]) in
      key.publicKey.isValidSignature(derEncoded: candidate, for: message, hash: .sha512)
    }
    #expect(verify(der))
    // Every truncation, every single-byte change (DER is canonical: no other encoding of (r, s)
    // exists), trailing data.
    var count = 0
    for length in 0..<der.count {
      #expect(!verify(Array(der[..<length])), "truncated to \(length)")
      count += 1
    }
    for index in der.indices {
      for delta: UInt8 in [1, 0x80] {
        var mutated = der
        mutated[index] &+= delta
        #expect(!verify(mutated), "byte \(index) + \(delta)")
        count += 1
      }
    }
    #expect(!verify(der + [0]))
    // Specific non-canonical forms of the same (r, s).
    let width = curve.coordinateByteCount
    let r = DERWriter.integer(magnitude: Array(raw[..<width]))
    let s = DERWriter.integer(magnitude: Array(raw[width...]))
    let content = r + s
    func header(_ tag: UInt8, _ length: [UInt8]) -> [UInt8] { [tag] + length }
    let paddedR = [0x02, UInt8(r.count - 1)] + [0x00] + r.dropFirst(2)  // one more leading zero
    let wrongForms: [[UInt8]] = [
      header(0x31, [UInt8(content.count)]) + content,  // SET instead of SEQUENCE
      header(0x30, [0x80]) + content + [0, 0],  // BER indefinite length
      header(0x30, [0x82, 0x00, UInt8(content.count)]) + content,  // non-minimal long form
      content.count < 128 ? header(0x30, [0x81, UInt8(content.count)]) + content : [],  // long form for a short length
      DERWriter.sequence([paddedR, s]),  // non-minimal INTEGER
      DERWriter.sequence([r]),  // one INTEGER
      DERWriter.sequence([r, s, DERWriter.integer(1)]),  // three INTEGERs
      DERWriter.sequence([DERWriter.octetString(Array(raw[..<width])), s]),  // wrong inner tag
      DERWriter.sequence([[0x02, 0x00], s]),  // empty INTEGER
      DERWriter.sequence([DERWriter.element(tag: 0x02, content: [0x80] + raw[..<width]), s]),  // negative
      DERWriter.sequence([DERWriter.integer(magnitude: [1] + raw[..<width]), s]),  // wider than n
      DERWriter.sequence([r, s]) + [0x00],  // trailing byte
      [],
    ]
    for form in wrongForms {
      #expect(!verify(form))
      count += 1
    }
    // Pseudo-random garbage of every length up to 160 bytes (deterministic generator).
    var state: UInt64 = 0x9e37_79b9_7f4a_7c15
    for length in 0...160 {
      var bytes = [UInt8](repeating: 0, count: length)
      for index in bytes.indices {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes[index] = UInt8(truncatingIfNeeded: state >> 56)
      }
      if length > 2 { bytes[0] = 0x30 }
      #expect(!verify(bytes))
      #expect(!key.publicKey.isValidSignature(rawRS: bytes, for: message, hash: .sha512))
      count += 1
    }
    #expect(count == der.count + 2 * der.count + wrongForms.count + 161)
    // Raw signatures of the wrong length.
    for length in [0, 1, raw.count - 1, raw.count + 1, 2 * raw.count] {
      let candidate = Array((raw + raw + [0]).prefix(length))
      #expect(!key.publicKey.isValidSignature(rawRS: candidate, for: message, hash: .sha512))
    }
  }
}
