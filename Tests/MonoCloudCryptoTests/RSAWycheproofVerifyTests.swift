import Foundation
import MonoCloudCrypto
import Testing

/// Every case of the Wycheproof RSASSA-PKCS1-v1_5 and RSASSA-PSS verification files.
///
/// Decision for `acceptable` cases (all flagged `MissingNull` in the PKCS#1 files): we reject.
/// Verification builds the one DER `DigestInfo` with the NULL parameters and compares the whole
/// block (encode-then-compare), so the variant without NULL never matches.
@Suite struct RSAWycheproofVerifyTests {
  struct PublicKeyFields: Decodable {
    let modulus: String
    let publicExponent: String
  }
  struct TestCase: Decodable {
    let tcId: Int
    let msg: String
    let sig: String
    let result: String
    let flags: [String]
  }
  struct Group: Decodable {
    let sha: String
    let mgfSha: String?
    let sLen: Int?
    let publicKey: PublicKeyFields
    let publicKeyAsn: String
    let publicKeyDer: String
    let publicKeyPem: String
    let tests: [TestCase]
  }
  struct File: Decodable { let testGroups: [Group] }

  static func load(_ name: String) throws -> File {
    let url = URL(fileURLWithPath: VectorFiles.directory + "/wycheproof/" + name)
    return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
  }

  static func hash(_ name: String) -> HashAlgorithm {
    switch name {
    case "SHA-1": return .sha1
    case "SHA-224": return .sha224
    case "SHA-256": return .sha256
    case "SHA-384": return .sha384
    case "SHA-512": return .sha512
    default: fatalError("unexpected hash \(name)")
    }
  }

  static let pkcs1Files: [(String, Int)] = [
    ("rsa_signature_2048_sha256_test.json", 259), ("rsa_signature_2048_sha384_test.json", 258),
    ("rsa_signature_2048_sha512_test.json", 259), ("rsa_signature_3072_sha256_test.json", 259),
    ("rsa_signature_3072_sha384_test.json", 259), ("rsa_signature_3072_sha512_test.json", 260),
    ("rsa_signature_4096_sha256_test.json", 258), ("rsa_signature_4096_sha384_test.json", 259),
    ("rsa_signature_4096_sha512_test.json", 259),
  ]

  static let pssFiles: [(String, Int)] = [
    ("rsa_pss_2048_sha256_mgf1_32_test.json", 108), ("rsa_pss_3072_sha256_mgf1_32_test.json", 108),
    ("rsa_pss_4096_sha256_mgf1_32_test.json", 108), ("rsa_pss_2048_sha384_mgf1_48_test.json", 141),
    ("rsa_pss_4096_sha384_mgf1_48_test.json", 141), ("rsa_pss_4096_sha512_mgf1_64_test.json", 179),
    ("rsa_pss_misc_test.json", 150),
  ]

  /// The same key from its fields, SubjectPublicKeyInfo DER, PKCS #1 DER and PEM.
  static func key(_ group: Group) throws -> RSAPublicKey {
    let key = try RSAPublicKey(
      modulus: RSAFixtureFiles.bytes(group.publicKey.modulus),
      publicExponent: RSAFixtureFiles.bytes(group.publicKey.publicExponent))
    for other in [
      try RSAPublicKey(derEncoded: RSAFixtureFiles.bytes(group.publicKeyDer)),
      try RSAPublicKey(derEncoded: RSAFixtureFiles.bytes(group.publicKeyAsn)),
      try RSAPublicKey(pemEncoded: group.publicKeyPem),
    ] {
      #expect(other.modulus == key.modulus && other.publicExponent == key.publicExponent)
    }
    return key
  }

  /// The key of `group` through `key(_:)`, imported once per distinct set of encodings (all
  /// 150 groups of rsa_pss_misc_test.json carry the same key; import computes Montgomery
  /// constants, which is slow in debug builds).
  static func key(_ group: Group, cache: inout [[String]: RSAPublicKey]) throws -> RSAPublicKey {
    let encodings = [
      group.publicKey.modulus, group.publicKey.publicExponent, group.publicKeyDer, group.publicKeyAsn,
      group.publicKeyPem,
    ]
    if let key = cache[encodings] { return key }
    let key = try Self.key(group)
    cache[encodings] = key
    return key
  }

  @Test(arguments: pkcs1Files)
  func pkcs1v15(file: String, expectedCount: Int) throws {
    var ran = 0
    var acceptable = 0
    for group in try Self.load(file).testGroups {
      let key = try Self.key(group)
      let hash = Self.hash(group.sha)
      for test in group.tests {
        let accepted = key.isValidPKCS1v15Signature(
          RSAFixtureFiles.bytes(test.sig), for: RSAFixtureFiles.bytes(test.msg), hash: hash)
        switch test.result {
        case "valid": #expect(accepted, "\(file) tcId \(test.tcId)")
        case "invalid": #expect(!accepted, "\(file) tcId \(test.tcId)")
        default:
          // Only MissingNull is acceptable here; we reject it (see the suite comment).
          #expect(test.flags == ["MissingNull"], "\(file) tcId \(test.tcId)")
          #expect(!accepted, "\(file) tcId \(test.tcId)")
          acceptable += 1
        }
        ran += 1
      }
    }
    #expect(ran == expectedCount)
    #expect(acceptable == 1)
  }

  @Test(arguments: pssFiles)
  func pss(file: String, expectedCount: Int) throws {
    var ran = 0
    var keys: [[String]: RSAPublicKey] = [:]
    for group in try Self.load(file).testGroups {
      let key = try Self.key(group, cache: &keys)
      let hash = Self.hash(group.sha)
      let mgfHash = Self.hash(try #require(group.mgfSha))
      let saltLength = try #require(group.sLen)
      for test in group.tests {
        let accepted = key.isValidPSSSignature(
          RSAFixtureFiles.bytes(test.sig), for: RSAFixtureFiles.bytes(test.msg), hash: hash, mgfHash: mgfHash,
          saltLength: saltLength)
        #expect(test.result == "valid" || test.result == "invalid", "\(file) tcId \(test.tcId)")
        #expect(accepted == (test.result == "valid"), "\(file) tcId \(test.tcId) \(test.flags)")
        ran += 1
      }
    }
    #expect(ran == expectedCount)
  }
}
