import MonoCloudCrypto

// TEMPORARY stand-ins with the contract's API (COMMON.md) until MonoCloudCrypto's RSA lands on
// main. Every initializer throws, so RSA keys are refused and RSA tokens fail closed. Delete
// this file when `RSAPublicKey` exists in MonoCloudCrypto (this module's copy would shadow it).

struct RSAPublicKey: Sendable {
  init(modulus: [UInt8], publicExponent: [UInt8]) throws(CryptoError) {
    throw .unsupportedAlgorithm("RSA is not available in this build")
  }
  init(derEncoded: [UInt8]) throws(CryptoError) { throw .unsupportedAlgorithm("RSA is not available in this build") }
  var modulusBitCount: Int { 0 }
  var modulusByteCount: Int { 0 }
  var modulus: [UInt8] { [] }
  var publicExponent: [UInt8] { [] }
  func isValidPKCS1v15Signature(
    _ signature: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer, hash: HashAlgorithm
  ) -> Bool { false }
  func isValidPSSSignature(
    _ signature: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer, hash: HashAlgorithm,
    mgfHash: HashAlgorithm? = nil, saltLength: Int? = nil
  ) -> Bool { false }
}

struct RSAPrivateKey: Sendable {
  init(
    modulus: [UInt8], publicExponent: [UInt8], privateExponent: [UInt8], prime1: [UInt8], prime2: [UInt8],
    exponent1: [UInt8], exponent2: [UInt8], coefficient: [UInt8]
  ) throws(CryptoError) { throw .unsupportedAlgorithm("RSA is not available in this build") }
  init(derEncoded: [UInt8]) throws(CryptoError) { throw .unsupportedAlgorithm("RSA is not available in this build") }
  var publicKey: RSAPublicKey { fatalError("unreachable: no RSAPrivateKey can be made") }
  func pkcs1v15Signature(for message: [UInt8], hash: HashAlgorithm) throws(CryptoError) -> [UInt8] {
    throw .unsupportedAlgorithm("RSA is not available in this build")
  }
  func pssSignature(
    for message: [UInt8], hash: HashAlgorithm, saltLength: Int? = nil, random: RandomSource = .system
  ) throws(CryptoError) -> [UInt8] { throw .unsupportedAlgorithm("RSA is not available in this build") }
}
