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

  /// The imports of one group key from both of its encodings. The P1363 and DER files of a
  /// curve share their keys, so each distinct key is imported once (importing builds the key's
  /// verification tables, which is most of the cost in debug builds) and every group still checks it.
  struct KeyForms: Hashable {
    let spki: [UInt8]
    let point: [UInt8]
  }
  struct ImportedKey {
    let fromSPKI: Result<ECDSAPublicKey, CryptoError>
    let fromPoint: Result<ECDSAPublicKey, CryptoError>

    init(_ forms: KeyForms, curve: ECCurve) {
      fromSPKI = Result { () throws(CryptoError) in try ECDSAPublicKey(derEncoded: forms.spki) }
      fromPoint = Result { () throws(CryptoError) in try ECDSAPublicKey(x963Representation: forms.point, curve: curve) }
    }
  }

  static let curves: [ECCurve] = [.p256, .p384, .p521]

  @Test(
    "Wycheproof ECDSA (P1363 and DER files of a curve): every valid signature accepted, every invalid one rejected",
    arguments: curves)
  func wycheproof(curve: ECCurve) throws {
    let curveFiles = Self.files.filter { $0.curve == curve }
    #expect(curveFiles.count == 2)
    var imported: [KeyForms: ImportedKey] = [:]
    for file in curveFiles {
      try run(file, imported: &imported)
    }
  }

  func run(_ file: VectorFile, imported: inout [KeyForms: ImportedKey]) throws {
    let json = try HashTestData.json("wycheproof/" + file.name)
    var count = 0
    var accepted = 0
    var rejectedByKeyImport = 0
    for group in try ECTestData.objects(json, "testGroups") {
      let publicKey = try #require(group["publicKey"] as? [String: Any])
      let forms = KeyForms(
        spki: try ECTestData.bytes(group, "publicKeyDer"), point: try ECTestData.bytes(publicKey, "uncompressed"))
      let imports = imported[forms] ?? ImportedKey(forms, curve: file.curve)
      imported[forms] = imports
      let tests = try ECTestData.objects(group, "tests")
      // The SPKI and the bare point must import alike; a key that does not import rejects
      // every signature of its group, which is right only if they are all invalid.
      let key: ECDSAPublicKey
      do {
        key = try imports.fromSPKI.get()
        let fromPoint = try imports.fromPoint.get()
        #expect(key.curve == file.curve && fromPoint.x == key.x && fromPoint.y == key.y)
        #expect(key.x963Representation == forms.point && key.derRepresentation == forms.spki)
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
    #expect(count == file.tests, "\(file.name)")
    #expect(accepted == file.valid, "\(file.name)")
    // Every group key of these files is a valid curve point.
    #expect(rejectedByKeyImport == 0, "\(file.name)")
  }
}
