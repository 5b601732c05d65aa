import Foundation
import MonoCloudCrypto
import Testing

/// Attacks on e = 3 keys and malformed input: every case must be rejected or fail with a typed
/// `CryptoError`, never trap.
@Suite struct RSAForgeryAndBadInputTests {
  struct Forgery: Decodable {
    let comment: String
    let sig: String
  }
  struct ForgeryKey: Decodable {
    let bits: Int
    let publicKeyPem: String
    let msg: String
    let genuineSig: String
    let forgeries: [Forgery]
  }
  struct ForgeryFile: Decodable { let keys: [ForgeryKey] }

  /// Bleichenbacher-style forgeries (RSAFixtures/make_e3_forgeries.py): the cube of each
  /// signature is a block with the right DigestInfo and digest but garbage after it or inside
  /// the padding. A parser would accept them; encode-then-compare does not.
  @Test func e3ForgeriesAreRejected() throws {
    let url = URL(fileURLWithPath: RSAFixtureFiles.directory + "/e3_forgeries.json")
    let file = try JSONDecoder().decode(ForgeryFile.self, from: Data(contentsOf: url))
    var ran = 0
    for entry in file.keys {
      let key = try RSAPublicKey(pemEncoded: entry.publicKeyPem)
      #expect(key.modulusBitCount == entry.bits)
      #expect(key.publicExponent == [3])
      let message = RSAFixtureFiles.bytes(entry.msg)
      // The key and message are fine: openssl's own signature verifies.
      #expect(key.isValidPKCS1v15Signature(RSAFixtureFiles.bytes(entry.genuineSig), for: message, hash: .sha256))
      for forgery in entry.forgeries {
        #expect(
          !key.isValidPKCS1v15Signature(RSAFixtureFiles.bytes(forgery.sig), for: message, hash: .sha256),
          "\(entry.bits): \(forgery.comment)")
        ran += 1
      }
    }
    #expect(ran == 4)
  }

  static let wycheproofKey: (modulus: [UInt8], exponent: [UInt8], der: [UInt8], pem: String) = {
    let url = URL(fileURLWithPath: VectorFiles.directory + "/wycheproof/rsa_signature_2048_sha256_test.json")
    let file = try! JSONDecoder().decode(RSAWycheproofVerifyTests.File.self, from: Data(contentsOf: url))
    let group = file.testGroups[0]
    return (
      RSAFixtureFiles.bytes(group.publicKey.modulus), RSAFixtureFiles.bytes(group.publicKey.publicExponent),
      RSAFixtureFiles.bytes(group.publicKeyDer), group.publicKeyPem
    )
  }()

  static let signingKey: (pkcs8: [UInt8], key: RSAPrivateKey) = {
    let url = URL(fileURLWithPath: VectorFiles.directory + "/wycheproof/rsa_pkcs1_2048_sig_gen_test.json")
    let file = try! JSONDecoder().decode(RSASignatureGenerationTests.File.self, from: Data(contentsOf: url))
    // A balanced SHA-256 group (the file also has unbalanced e = 3 keys).
    let der = RSAFixtureFiles.bytes(file.testGroups.first { $0.sha == "SHA-256" }!.privateKeyPkcs8)
    return (der, try! RSAPrivateKey(derEncoded: der))
  }()

  @Test func publicKeyParameterChecks() throws {
    let (modulus, exponent, _, _) = Self.wycheproofKey
    _ = try RSAPublicKey(modulus: modulus, publicExponent: exponent)
    var even = modulus
    even[even.count - 1] &= 0xfe
    #expect(throws: CryptoError.self) { try RSAPublicKey(modulus: even, publicExponent: exponent) }
    #expect(throws: CryptoError.self) { try RSAPublicKey(modulus: Array(modulus[0..<65]), publicExponent: exponent) }
    #expect(throws: CryptoError.self) {
      try RSAPublicKey(modulus: [UInt8](repeating: 0xff, count: 1025), publicExponent: exponent)
    }
    #expect(throws: CryptoError.self) { try RSAPublicKey(modulus: [], publicExponent: exponent) }
    for badExponent: [UInt8] in [[], [0], [1], [0, 1], [2], [1, 0, 0], [1, 0, 0, 0, 0, 0, 0, 0, 1]] {
      #expect(throws: CryptoError.self) { try RSAPublicKey(modulus: modulus, publicExponent: badExponent) }
    }
    // Leading zero bytes are fine; the accessors give minimal encodings.
    let padded = try RSAPublicKey(modulus: [0, 0] + modulus, publicExponent: [0] + exponent)
    #expect(padded.modulus.first != 0 && padded.modulusByteCount == 256 && padded.modulusBitCount == 2048)
    #expect(padded.publicExponent == [1, 0, 1])
    let maxExponent = try RSAPublicKey(modulus: modulus, publicExponent: [UInt8](repeating: 0xff, count: 8))
    #expect(maxExponent.publicExponent == [UInt8](repeating: 0xff, count: 8))
  }

  @Test func malformedPublicKeyEncodings() throws {
    let (_, _, der, pem) = Self.wycheproofKey
    _ = try RSAPublicKey(derEncoded: der)
    // Every truncation of the DER fails with a typed error.
    for length in 0..<der.count {
      #expect(throws: CryptoError.self) { try RSAPublicKey(derEncoded: Array(der[0..<length])) }
    }
    #expect(throws: CryptoError.self) { try RSAPublicKey(derEncoded: der + [0]) }
    var wrongAlgorithm = der
    wrongAlgorithm[14] ^= 0x01  // last byte of the rsaEncryption OID
    #expect(throws: CryptoError.self) { try RSAPublicKey(derEncoded: wrongAlgorithm) }
    #expect(throws: CryptoError.self) { try RSAPublicKey(derEncoded: [0x30, 0x84, 0xff, 0xff, 0xff, 0xff]) }
    #expect(throws: CryptoError.self) { try RSAPublicKey(derEncoded: [0x30, 0x03, 0x02, 0x01, 0x80]) }
    // A PKCS #1 structure under the SPKI label, and vice versa.
    let privatePEM = pem.replacingOccurrences(of: "PUBLIC KEY", with: "RSA PUBLIC KEY")
    #expect(throws: CryptoError.self) { try RSAPublicKey(pemEncoded: privatePEM) }
    #expect(throws: CryptoError.self) {
      try RSAPublicKey(pemEncoded: pem.replacingOccurrences(of: "PUBLIC KEY", with: "PRIVATE KEY"))
    }
    #expect(throws: CryptoError.self) { try RSAPublicKey(pemEncoded: "not pem") }
    #expect(throws: CryptoError.self) { try RSAPrivateKey(pemEncoded: pem) }
  }

  @Test func malformedSignatures() throws {
    let key = Self.signingKey.key
    let publicKey = key.publicKey
    let message = Array("hello".utf8)
    let signature = try key.pkcs1v15Signature(for: message, hash: .sha256)
    #expect(publicKey.isValidPKCS1v15Signature(signature, for: message, hash: .sha256))
    #expect(!publicKey.isValidPKCS1v15Signature(signature, for: message + [0], hash: .sha256))
    #expect(!publicKey.isValidPKCS1v15Signature(signature, for: message, hash: .sha384))
    #expect(!publicKey.isValidPKCS1v15Signature(Array(signature.dropFirst()), for: message, hash: .sha256))
    #expect(!publicKey.isValidPKCS1v15Signature([0] + signature, for: message, hash: .sha256))
    #expect(!publicKey.isValidPKCS1v15Signature([], for: message, hash: .sha256))
    // Out of range: n itself, all ones, and s + n cannot be represented in k bytes; s = 0 and 1.
    let n = publicKey.modulus
    for bad in [n, [UInt8](repeating: 0xff, count: n.count), [UInt8](repeating: 0, count: n.count)] {
      #expect(!publicKey.isValidPKCS1v15Signature(bad, for: message, hash: .sha256))
      #expect(!publicKey.isValidPSSSignature(bad, for: message, hash: .sha256))
    }
    var one = [UInt8](repeating: 0, count: n.count)
    one[n.count - 1] = 1
    #expect(!publicKey.isValidPKCS1v15Signature(one, for: message, hash: .sha256))
    // Every flipped byte breaks it.
    for index in stride(from: 0, to: signature.count, by: 17) {
      var flipped = signature
      flipped[index] ^= 0x40
      #expect(!publicKey.isValidPKCS1v15Signature(flipped, for: message, hash: .sha256))
    }
    // PSS parameters out of range are simply invalid.
    let pss = try key.pssSignature(for: message, hash: .sha256)
    #expect(publicKey.isValidPSSSignature(pss, for: message, hash: .sha256))
    #expect(!publicKey.isValidPSSSignature(pss, for: message, hash: .sha256, saltLength: -1))
    #expect(!publicKey.isValidPSSSignature(pss, for: message, hash: .sha256, saltLength: Int.max))
    #expect(!publicKey.isValidPSSSignature(pss, for: message, hash: .sha256, saltLength: 31))
    #expect(!publicKey.isValidPSSSignature(pss, for: message, hash: .sha256, mgfHash: .sha1))
    #expect(!publicKey.isValidPKCS1v15Signature(pss, for: message, hash: .sha256))
    #expect(!publicKey.isValidPSSSignature(signature, for: message, hash: .sha256))
  }

  @Test func pssSigningRoundTrips() throws {
    let key = Self.signingKey.key
    let message = [UInt8](repeating: 0x5a, count: 1000)
    var counter: UInt8 = 0
    let deterministic = RandomSource { buffer throws(CryptoError) in
      for index in 0..<buffer.count { buffer[index] = UInt8(truncatingIfNeeded: index) }
    }
    for hash: HashAlgorithm in [.sha1, .sha224, .sha256, .sha384, .sha512] {
      for salt in [0, 20, hash.digestByteCount, 64] {
        let signature = try key.pssSignature(for: message, hash: hash, saltLength: salt, random: deterministic)
        #expect(signature.count == 256)
        #expect(key.publicKey.isValidPSSSignature(signature, for: message, hash: hash, saltLength: salt))
        #expect(!key.publicKey.isValidPSSSignature(signature, for: message + [1], hash: hash, saltLength: salt))
        counter &+= 1
      }
    }
    #expect(counter == 20)
    // Default salt length is the digest length; the system source gives distinct salts.
    let first = try key.pssSignature(for: message, hash: .sha256)
    let second = try key.pssSignature(for: message, hash: .sha256)
    #expect(first != second)
    #expect(key.publicKey.isValidPSSSignature(first, for: message, hash: .sha256, saltLength: 32))
    // Salt too long for the modulus, negative salt, failing randomness.
    #expect(throws: CryptoError.self) { try key.pssSignature(for: message, hash: .sha512, saltLength: 200) }
    #expect(throws: CryptoError.self) { try key.pssSignature(for: message, hash: .sha512, saltLength: -1) }
    let failing = RandomSource { _ throws(CryptoError) in throw CryptoError.randomnessUnavailable }
    #expect(throws: CryptoError.randomnessUnavailable) {
      try key.pssSignature(for: message, hash: .sha256, random: failing)
    }
  }

  @Test func malformedPrivateKeys() throws {
    let der = Self.signingKey.pkcs8
    for length in stride(from: 0, to: der.count, by: 7) {
      #expect(throws: CryptoError.self) { try RSAPrivateKey(derEncoded: Array(der[0..<length])) }
    }
    // Read the nine PKCS #1 integers back with the shared DER reader, then break them one at a time.
    var outer = DERReader(try PrivateKeyInfo(derEncoded: der).privateKey)
    var contents = try outer.readSequence()
    _ = try contents.readSmallInteger()
    var values: [[UInt8]] = []
    for _ in 0..<8 { values.append(try contents.readInteger()) }
    func key(_ v: [[UInt8]], checked: Bool = true) throws(CryptoError) -> RSAPrivateKey {
      try RSAPrivateKey(
        modulus: v[0], publicExponent: v[1], privateExponent: v[2], prime1: v[3], prime2: v[4], exponent1: v[5],
        exponent2: v[6], coefficient: v[7], checkingConsistency: checked)
    }
    _ = try key(values)
    var wrongCoefficient = values
    // In range but not q⁻¹ mod p: only the check of the result can notice.
    wrongCoefficient[7][wrongCoefficient[7].count - 1] ^= 0x01
    #expect(throws: CryptoError.invalidKey("RSA private key does not match its public exponent")) {
      try key(wrongCoefficient)
    }
    // Without the import check, the check of each signature still refuses to return it.
    let swappedKey = try key(wrongCoefficient, checked: false)
    #expect(throws: CryptoError.signingFailed("RSA signature did not verify")) {
      try swappedKey.pkcs1v15Signature(for: [1, 2, 3], hash: .sha256)
    }
    var wrongPrime = values
    wrongPrime[3][wrongPrime[3].count - 1] ^= 0x02  // p + 2 or p − 2: p·q ≠ n
    #expect(throws: CryptoError.self) { try key(wrongPrime) }
    var evenPrime = values
    evenPrime[4][evenPrime[4].count - 1] &= 0xfe
    #expect(throws: CryptoError.self) { try key(evenPrime) }
    var bigExponent = values
    bigExponent[5] = values[3]  // dp = p, out of range
    #expect(throws: CryptoError.self) { try key(bigExponent) }
    var zeroCoefficient = values
    zeroCoefficient[7] = []
    #expect(throws: CryptoError.self) { try key(zeroCoefficient) }
    // A tiny prime with a huge cofactor is refused: n = 3·q (1026 bits) with p = 3.
    let q = values[4]
    let qLimbs = Limbs.fromBigEndian(q, count: (q.count + 7) / 8)!
    var product = [UInt64](repeating: 0, count: qLimbs.count + 1)
    qLimbs.withUnsafeBufferPointer { a in
      [UInt64(3)].withUnsafeBufferPointer { b in
        product.withUnsafeMutableBufferPointer { r in
          Limbs.multiply(a.baseAddress!, count: a.count, b.baseAddress!, count: 1, into: r.baseAddress!)
        }
      }
    }
    let threeQ = Limbs.toBigEndian(product, byteCount: product.count * 8)
    #expect(throws: CryptoError.invalidKey("RSA primes are too unbalanced")) {
      try key([threeQ, values[1], [1], [3], q, [1], [1], [1]])
    }
    var tooBigD = values
    tooBigD[2] = values[0]
    #expect(throws: CryptoError.self) { try key(tooBigD) }
    // A wrong but in-range CRT exponent is caught by the verification of the result.
    var wrongExponent = values
    wrongExponent[5][wrongExponent[5].count - 1] ^= 0x04
    #expect(throws: CryptoError.self) { try key(wrongExponent) }
    let faulty = try key(wrongExponent, checked: false)
    #expect(throws: CryptoError.self) { try faulty.pkcs1v15Signature(for: [1, 2, 3], hash: .sha256) }
    #expect(throws: CryptoError.self) { try faulty.pssSignature(for: [1, 2, 3], hash: .sha256) }
  }

  /// Random signatures (any length, any hash, any salt length) and randomly mutated key DER:
  /// verification answers false and import throws a typed error or succeeds; nothing traps
  /// (this runs with bounds checks in debug builds).
  @Test func randomInputsNeverTrap() throws {
    var random = Xorshift64(state: 0x9e37_79b9_7f4a_7c15)
    let key = Self.signingKey.key.publicKey
    let hashes: [HashAlgorithm] = [.sha1, .sha224, .sha256, .sha384, .sha512]
    var accepted = 0
    for round in 0..<300 {
      let length = round % 3 == 0 ? 256 : Int.random(in: 0...600, using: &random)
      let signature = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
      let message = (0..<Int.random(in: 0...100, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
      let hash = hashes[round % hashes.count]
      if key.isValidPKCS1v15Signature(signature, for: message, hash: hash) { accepted += 1 }
      let salt = [nil, -5, 0, 32, 300, Int.max, Int.min][round % 7]
      if key.isValidPSSSignature(
        signature, for: message, hash: hash, mgfHash: hashes[(round / 5) % 5], saltLength: salt)
      {
        accepted += 1
      }
    }
    #expect(accepted == 0)
    let (_, _, der, _) = Self.wycheproofKey
    var imported = 0
    var refused = 0
    for _ in 0..<300 {
      var mutated = der
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        mutated[Int.random(in: 0..<mutated.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
      }
      do {
        _ = try RSAPublicKey(derEncoded: mutated)
        imported += 1
      } catch {
        refused += 1
      }
    }
    #expect(imported + refused == 300)
    #expect(refused > 0)
    let pkcs8 = Self.signingKey.pkcs8
    var privateRefused = 0
    for _ in 0..<40 {
      var mutated = pkcs8
      mutated[Int.random(in: 0..<mutated.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
      do { _ = try RSAPrivateKey(derEncoded: mutated) } catch { privateRefused += 1 }
    }
    // Any change to the key is either structural (DER error) or breaks p·q = n, the ranges or the
    // trial private operation, except a change to d, which signing never uses.
    #expect(privateRefused >= 30)
  }
}
