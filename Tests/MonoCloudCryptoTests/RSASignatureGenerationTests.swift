import Foundation
import MonoCloudCrypto
import Testing

/// Every case of the Wycheproof RSASSA-PKCS1-v1_5 signing files: our deterministic signature,
/// made with the group's private key (read from its PKCS #8 DER and from its PKCS #1 PEM), must
/// equal `sig` byte for byte.
///
/// Decision for `acceptable` cases (SmallModulus, SmallPublicKey e = 3, WeakHash SHA-1): we still
/// sign, and the result must match and verify. The crypto layer accepts 1024-bit moduli and e = 3
/// (only the JOSE layer enforces ≥ 2048 bits), and SHA-1 stays available for these vectors.
@Suite struct RSASignatureGenerationTests {
  struct TestCase: Decodable {
    let tcId: Int
    let msg: String
    let sig: String
    let result: String
  }
  struct Group: Decodable {
    let sha: String
    let privateKeyPkcs8: String
    let privateKeyPem: String
    let keyDer: String
    let keyPem: String
    let tests: [TestCase]
  }
  struct File: Decodable { let testGroups: [Group] }

  /// Each file with the number of cases of each of its groups, in order.
  static let files: [(String, [Int])] = [
    ("rsa_pkcs1_1024_sig_gen_test.json", [8, 8, 8, 8, 1]), ("rsa_pkcs1_1536_sig_gen_test.json", [8, 8, 8, 8]),
    ("rsa_pkcs1_2048_sig_gen_test.json", [8, 8, 8, 8, 8, 1, 1, 1]),
    ("rsa_pkcs1_3072_sig_gen_test.json", [8, 8, 8, 1, 1]),
    ("rsa_pkcs1_4096_sig_gen_test.json", [8, 8, 8]),
  ]

  /// One test case per group (file, group index, expected cases), so that the groups of the
  /// large files spread over the cores: each group signs with its own key, slowly in debug builds.
  static let groups: [(String, Int, Int)] = files.flatMap { file, counts in
    counts.enumerated().map { (file, $0.offset, $0.element) }
  }

  static func load(_ file: String) throws -> File {
    let url = URL(fileURLWithPath: VectorFiles.directory + "/wycheproof/" + file)
    return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
  }

  /// The files hold exactly the groups listed (so the per-group cases below cover every case).
  @Test(arguments: files)
  func groupCounts(file: String, counts: [Int]) throws {
    #expect(try Self.load(file).testGroups.map(\.tests.count) == counts)
  }

  @Test func caseCount() {
    #expect(Self.groups.count == 25)
    #expect(Self.groups.map { $0.2 }.reduce(0, +) == 158)
  }

  @Test(arguments: groups)
  func signatures(file: String, groupIndex: Int, expectedCount: Int) throws {
    let parsed = try Self.load(file)
    let group = try #require(parsed.testGroups.indices.contains(groupIndex) ? parsed.testGroups[groupIndex] : nil)
    var ran = 0
    let key = try RSAPrivateKey(derEncoded: RSAFixtureFiles.bytes(group.privateKeyPkcs8))
    let keyFromPEM = try RSAPrivateKey(pemEncoded: group.privateKeyPem)
    let publicKey = try RSAPublicKey(derEncoded: RSAFixtureFiles.bytes(group.keyDer))
    #expect(try RSAPublicKey(pemEncoded: group.keyPem).modulus == publicKey.modulus)
    #expect(key.publicKey.modulus == publicKey.modulus)
    #expect(key.publicKey.publicExponent == publicKey.publicExponent)
    #expect(keyFromPEM.publicKey.modulus == publicKey.modulus)
    let hash = RSAWycheproofVerifyTests.hash(group.sha)
    for (index, test) in group.tests.enumerated() {
      #expect(test.result == "valid" || test.result == "acceptable", "\(file) tcId \(test.tcId)")
      let message = RSAFixtureFiles.bytes(test.msg)
      let signature = try key.pkcs1v15Signature(for: message, hash: hash)
      #expect(RSAFixtureFiles.hex(signature) == test.sig, "\(file) tcId \(test.tcId)")
      if index == 0 {  // the PKCS #1 PEM form of the key signs identically (once per group: debug builds are slow)
        #expect(try keyFromPEM.pkcs1v15Signature(for: message, hash: hash) == signature)
      }
      #expect(publicKey.isValidPKCS1v15Signature(signature, for: message, hash: hash))
      ran += 1
    }
    #expect(ran == expectedCount)
  }
}
