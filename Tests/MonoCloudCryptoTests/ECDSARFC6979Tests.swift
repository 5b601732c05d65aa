import Foundation
import MonoCloudCrypto
import Testing

@Suite struct ECDSARFC6979Tests {
  static func curve(_ name: String) -> ECCurve? {
    switch name {
    case "P-256": return .p256
    case "P-384": return .p384
    case "P-521": return .p521
    default: return nil
    }
  }

  @Test("RFC 6979 A.2.5–A.2.7: deterministic signatures match byte for byte and verify")
  func rfc6979() throws {
    let json = try HashTestData.json("rfc/rfc6979_ecdsa.json")
    var keys: [String: ECDSAPrivateKey] = [:]
    for entry in try ECTestData.objects(json, "keys") {
      let name = try ECTestData.string(entry, "curve")
      let key = try ECDSAPrivateKey(
        curve: try #require(Self.curve(name)), d: try ECTestData.bytes(entry, "privateKey")
      )
      #expect(key.publicKey.x == (try ECTestData.bytes(entry, "publicKeyX")), "\(name)")
      #expect(key.publicKey.y == (try ECTestData.bytes(entry, "publicKeyY")), "\(name)")
      keys[name] = key
    }
    #expect(keys.count == 3)
    var count = 0
    for test in try ECTestData.objects(json, "tests") {
      let curveName = try ECTestData.string(test, "curve")
      let key = try #require(keys[curveName])
      let hash = try #require(HashTestData.algorithm(named: try ECTestData.string(test, "hash")))
      let message = Array(try ECTestData.string(test, "message").utf8)
      let expected =
        try ECTestData.bytes(test, "r")
        + ECTestData.bytes(test, "s")
      let signature = try key.signature(for: message, hash: hash)
      #expect(signature == expected, "\(curveName) \(hash) \(String(decoding: message, as: UTF8.self))")
      #expect(key.publicKey.isValidSignature(rawRS: signature, for: message, hash: hash))
      let der = try key.derSignature(for: message, hash: hash)
      #expect(key.publicKey.isValidSignature(derEncoded: der, for: message, hash: hash))
      #expect(!key.publicKey.isValidSignature(rawRS: signature, for: message + [0], hash: hash))
      count += 1
    }
    #expect(count == 18)
  }
}
