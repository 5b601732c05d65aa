/// An RSA private key with its CRT parameters, for PKCS#1 v1.5 and PSS signing (RFC 8017).
///
/// Signing uses the Chinese remainder theorem with constant-time fixed-window exponentiation
/// (no secret-dependent branches or table indices), and every signature is checked with the
/// public key before it is returned.
public struct RSAPrivateKey: Sendable {
  /// The public half (n, e).
  public let publicKey: RSAPublicKey
  /// p and q, both `halfLimbCount` limbs wide (the smaller one zero-extended).
  let primeP: MontgomeryModulus
  let primeQ: MontgomeryModulus
  /// d mod (p−1), d mod (q−1), q⁻¹ mod p; `halfLimbCount` limbs each.
  let exponentP: [UInt64]
  let exponentQ: [UInt64]
  let coefficient: [UInt64]

  /// Makes a key from its big-endian integers (leading zero bytes allowed), as in PKCS#1
  /// `RSAPrivateKey`. Checks sizes and ranges, that p·q = n, and that the CRT values invert the
  /// public exponent (one private operation on a fixed value, checked with the public key);
  /// every signature is verified again before it is returned.
  public init(
    modulus: [UInt8], publicExponent: [UInt8], privateExponent: [UInt8], prime1: [UInt8], prime2: [UInt8],
    exponent1: [UInt8], exponent2: [UInt8], coefficient: [UInt8]
  ) throws(CryptoError) {
    try self.init(
      modulus: modulus, publicExponent: publicExponent, privateExponent: privateExponent, prime1: prime1,
      prime2: prime2, exponent1: exponent1, exponent2: exponent2, coefficient: coefficient, checkingConsistency: true)
  }

  /// As the public initializer; `checkingConsistency: false` skips the trial private operation, so
  /// that tests can build a key with wrong CRT values and see signing fail closed.
  package init(
    modulus: [UInt8], publicExponent: [UInt8], privateExponent: [UInt8], prime1: [UInt8], prime2: [UInt8],
    exponent1: [UInt8], exponent2: [UInt8], coefficient: [UInt8], checkingConsistency: Bool
  ) throws(CryptoError) {
    let publicKey = try RSAPublicKey(modulus: modulus, publicExponent: publicExponent)
    let modulusLimbCount = publicKey.montgomery.limbCount
    let p = RSAPublicKey.trimmingLeadingZeros(prime1)
    let q = RSAPublicKey.trimmingLeadingZeros(prime2)
    let half = (max(p.count, q.count) &+ 7) / 8
    guard half > 0, half <= modulusLimbCount else { throw .invalidKey("RSA primes do not match the modulus") }
    guard let pLimbs = Limbs.fromBigEndian(p, count: half),
      let qLimbs = Limbs.fromBigEndian(q, count: half),
      let primeP = MontgomeryModulus(limbs: pLimbs), let primeQ = MontgomeryModulus(limbs: qLimbs)
    else { throw .invalidKey("RSA primes must be odd and greater than 1") }
    // Two primes of about half the modulus each (anything far smaller is not an RSA key we make).
    guard min(primeP.bitCount, primeQ.bitCount) >= publicKey.modulusBitCount / 4 else {
      throw .invalidKey("RSA primes are too unbalanced")
    }
    // p·q = n.
    var product = [UInt64](repeating: 0, count: 2 &* half)
    pLimbs.withUnsafeBufferPointer { a in
      qLimbs.withUnsafeBufferPointer { b in
        product.withUnsafeMutableBufferPointer { r in
          Limbs.multiply(a.baseAddress!, count: half, b.baseAddress!, count: half, into: r.baseAddress!)
        }
      }
    }
    var modulusLimbs = publicKey.montgomery.modulus
    modulusLimbs += [UInt64](repeating: 0, count: max(0, 2 &* half &- modulusLimbCount))
    product += [UInt64](repeating: 0, count: max(0, modulusLimbs.count &- product.count))
    guard product == modulusLimbs else { throw .invalidKey("RSA primes do not multiply to the modulus") }

    func below(_ bytes: [UInt8], _ bound: [UInt64], _ name: String) throws(CryptoError) -> [UInt64] {
      guard let limbs = Limbs.fromBigEndian(bytes, count: bound.count) else {
        throw .invalidKey("RSA \(name) is out of range")
      }
      let less = limbs.withUnsafeBufferPointer { a in
        bound.withUnsafeBufferPointer { b in Limbs.lessThanMask(a.baseAddress!, b.baseAddress!, count: b.count) }
      }
      let zero = limbs.withUnsafeBufferPointer { a in Limbs.isZeroMask(a.baseAddress!, count: a.count) }
      guard less != 0, zero == 0 else { throw .invalidKey("RSA \(name) is out of range") }
      return limbs
    }
    _ = try below(privateExponent, publicKey.montgomery.modulus, "private exponent")
    self.exponentP = try below(exponent1, pLimbs, "exponent1")
    self.exponentQ = try below(exponent2, qLimbs, "exponent2")
    self.coefficient = try below(coefficient, pLimbs, "coefficient")
    self.publicKey = publicKey
    self.primeP = primeP
    self.primeQ = primeQ
    if checkingConsistency {
      // (2^d)^e mod n must give 2 back.
      var two = [UInt8](repeating: 0, count: publicKey.modulusByteCount)
      two[two.count &- 1] = 2
      let count = publicKey.montgomery.limbCount
      let roundTrip = Limbs.fromBigEndian(privateOperation(two), count: count).map {
        publicKey.montgomery.publicPower($0, exponent: publicKey.exponent)
      }
      guard let roundTrip, roundTrip == Limbs.fromBigEndian(two, count: count) else {
        throw .invalidKey("RSA private key does not match its public exponent")
      }
    }
  }

  /// An RSASSA-PKCS1-v1_5 signature of `message` (deterministic), `modulusByteCount` bytes.
  public func pkcs1v15Signature(for message: [UInt8], hash: HashAlgorithm) throws(CryptoError) -> [UInt8] {
    var encoded = [UInt8](repeating: 0, count: publicKey.modulusByteCount)
    let fits = message.withUnsafeBytes { m in
      encoded.withUnsafeMutableBytes { e in PKCS1v15.encode(message: m, hash: hash, into: e) }
    }
    guard fits else { throw .invalidParameter("RSA modulus too short for this hash") }
    let signature = privateOperation(encoded)
    guard publicKey.isValidPKCS1v15Signature(signature, for: message, hash: hash) else {
      throw .signingFailed("RSA signature did not verify")
    }
    return signature
  }

  /// An RSASSA-PSS signature of `message` with MGF1 over the same hash and a random salt of
  /// `saltLength` bytes (default: the digest length), `modulusByteCount` bytes.
  public func pssSignature(
    for message: [UInt8], hash: HashAlgorithm, saltLength: Int? = nil, random: RandomSource = .system
  ) throws(CryptoError) -> [UInt8] {
    let saltCount = saltLength ?? hash.digestByteCount
    guard saltCount >= 0, saltCount <= publicKey.modulusByteCount else {
      throw .invalidParameter("PSS salt length out of range")
    }
    let salt = try random.bytes(saltCount)
    var encoded = [UInt8](repeating: 0, count: publicKey.modulusByteCount)
    let bits = publicKey.modulusBitCount
    let fits = message.withUnsafeBytes { m in
      salt.withUnsafeBytes { s in
        encoded.withUnsafeMutableBytes { e in
          PSS.encode(message: m, salt: s, modulusBitCount: bits, hash: hash, mgfHash: hash, into: e)
        }
      }
    }
    guard fits else { throw .invalidParameter("RSA modulus too short for this hash and salt length") }
    let signature = privateOperation(encoded)
    guard publicKey.isValidPSSSignature(signature, for: message, hash: hash, saltLength: saltCount) else {
      throw .signingFailed("RSA signature did not verify")
    }
    return signature
  }

  /// mᵈ mod n by CRT for an encoded message m < n (`modulusByteCount` bytes), constant time.
  func privateOperation(_ encoded: [UInt8]) -> [UInt8] {
    var signature = [UInt8](repeating: 0, count: encoded.count)
    let capacity = privateOperationLimbCount
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: capacity) { buffer in
      encoded.withUnsafeBytes { e in
        signature.withUnsafeMutableBytes { s in privateOperation(e, into: s, buffer: buffer.baseAddress!) }
      }
      // Scrub the secret intermediates.
      buffer.update(repeating: 0)
    }
    return signature
  }

  /// Limbs of scratch `privateOperation` needs.
  var privateOperationLimbCount: Int {
    8 &* primeP.limbCount &+ max(primeP.secretPowerWorkspaceLimbCount, primeQ.secretPowerWorkspaceLimbCount)
  }

  /// m₁ = m^dp mod p, m₂ = m^dq mod q, h = qInv·(m₁ − m₂) mod p, s = m₂ + h·q.
  func privateOperation(
    _ encoded: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, buffer: UnsafeMutablePointer<UInt64>
  ) {
    let half = primeP.limbCount
    let wideCount = 2 &* half
    // Layout: wide (2h) | m1 (h) | m2 (h) | m2 mod p (h) | one (h) | product (2h) | workspace.
    let wide = buffer
    let m1 = wide + wideCount
    let m2 = m1 + half
    let m2ModP = m2 + half
    let one = m2ModP + half
    let product = one + half
    let workspace = product + wideCount
    one.initialize(repeating: 0, count: half)
    one[0] = 1
    // m fits in 2h limbs because n = p·q does.
    _ = Limbs.load(bigEndian: encoded, into: wide, count: wideCount)
    primeP.montgomeryFormReducingWide(wide, into: product, workspace: workspace)
    exponentP.withUnsafeBufferPointer { x in
      primeP.secretPower(product, exponent: x.baseAddress!, exponentLimbCount: half, into: m1, workspace: workspace)
    }  // m₁·R mod p
    _ = Limbs.load(bigEndian: encoded, into: wide, count: wideCount)
    primeQ.montgomeryFormReducingWide(wide, into: product, workspace: workspace)
    exponentQ.withUnsafeBufferPointer { x in
      primeQ.secretPower(product, exponent: x.baseAddress!, exponentLimbCount: half, into: m2, workspace: workspace)
    }  // m₂·R mod q
    primeQ.withPointers { q, _ in primeQ.multiply(m2, one, into: m2, modulus: q, scratch: workspace) }  // m₂
    // m₂ mod p, in Montgomery form (q may exceed p).
    wide.initialize(repeating: 0, count: wideCount)
    wide.update(from: m2, count: half)
    primeP.montgomeryFormReducingWide(wide, into: m2ModP, workspace: workspace)
    primeP.subtract(m1, m2ModP, into: m1)  // (m₁ − m₂)·R mod p
    coefficient.withUnsafeBufferPointer { c in
      primeP.withPointers { p, _ in primeP.multiply(m1, c.baseAddress!, into: m1, modulus: p, scratch: workspace) }
    }  // h = qInv·(m₁ − m₂) mod p, plain
    primeQ.modulus.withUnsafeBufferPointer { q in
      Limbs.multiply(m1, count: half, q.baseAddress!, count: half, into: product)
    }
    // s = m₂ + h·q < n.
    var carry: UInt64 = 0
    for index in 0..<wideCount {
      let addend = index < half ? m2[index] : 0
      (product[index], carry) = addWithCarry(product[index], addend, carry)
    }
    Limbs.store(product, count: wideCount, bigEndianInto: output)
  }
}
