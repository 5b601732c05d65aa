import Foundation
import MonoCloudCrypto
import Testing

@Suite struct ECDSAWycheproofTests {
  struct VectorFile: Sendable, CustomTestStringConvertible {
    let name: String
    let curve: ECCurve
    let hash: HashAlgorithm
    let isP1363: Bool
    let tests: Int
    let valid: Int
    var testDescription: String { name }
  }

  static let files = [
    VectorFile(
      name: "ecdsa_secp256r1_sha256_p1363_test.json", curve: .p256, hash: .sha256, isP1363: true, tests: 262, valid: 173
    ),
    VectorFile(
      name: "ecdsa_secp384r1_sha384_p1363_test.json", curve: .p384, hash: .sha384, isP1363: true, tests: 280, valid: 193
    ),
    VectorFile(
      name: "ecdsa_secp521r1_sha512_p1363_test.json", curve: .p521, hash: .sha512, isP1363: true, tests: 318, valid: 231
    ),
    VectorFile(
      name: "ecdsa_secp256r1_sha256_test.json", curve: .p256, hash: .sha256, isP1363: false, tests: 484, valid: 174),
    VectorFile(
      name: "ecdsa_secp384r1_sha384_test.json", curve: .p384, hash: .sha384, isP1363: false, tests: 504, valid: 194),
    VectorFile(
      name: "ecdsa_secp521r1_sha512_test.json", curve: .p521, hash: .sha512, isP1363: false, tests: 542, valid: 232),
  ]

  @Test("Wycheproof ECDSA: every valid signature accepted, every invalid one rejected", arguments: files)
  func wycheproof(file: VectorFile) throws {
    let json = try HashTestData.json("wycheproof/" + file.name)
    var count = 0
    var accepted = 0
    var rejectedByKeyImport = 0
    for group in try ECTestData.objects(json, "testGroups") {
      let publicKey = try #require(group["publicKey"] as? [String: Any])
      let point = try ECTestData.bytes(publicKey, "uncompressed")
      let spki = try ECTestData.bytes(group, "publicKeyDer")
      let tests = try ECTestData.objects(group, "tests")
      // The SPKI and the bare point must import alike; a key that does not import rejects
      // every signature of its group, which is right only if they are all invalid.
      let key: ECDSAPublicKey
      do {
        key = try ECDSAPublicKey(derEncoded: spki)
        let fromPoint = try ECDSAPublicKey(x963Representation: point, curve: file.curve)
        #expect(key.curve == file.curve && fromPoint.x == key.x && fromPoint.y == key.y)
        #expect(key.x963Representation == point && key.derRepresentation == spki)
      } catch {
        for test in tests {
          #expect(test["result"] as? String == "invalid", "tcId \(test["tcId"] ?? "") rejected by key import: \(error)")
          rejectedByKeyImport += 1
          count += 1
        }
        continue
      }
      for test in tests {
        let message = try ECTestData.bytes(test, "msg")
        let signature = try ECTestData.bytes(test, "sig")
        let result = try ECTestData.string(test, "result")
        let verified =
          file.isP1363
          ? key.isValidSignature(rawRS: signature, for: message, hash: file.hash)
          : key.isValidSignature(derEncoded: signature, for: message, hash: file.hash)
        switch result {
        case "valid": #expect(verified, "tcId \(test["tcId"] ?? "") \(test["comment"] ?? "")")
        case "invalid": #expect(!verified, "tcId \(test["tcId"] ?? "") \(test["comment"] ?? "")")
        default: Issue.record("unexpected result \(result)")
        }
        if verified { accepted += 1 }
        count += 1
      }
    }
    #expect(count == file.tests)
    #expect(accepted == file.valid)
    // Every group key of these files is a valid curve point.
    #expect(rejectedByKeyImport == 0)
  }
}
