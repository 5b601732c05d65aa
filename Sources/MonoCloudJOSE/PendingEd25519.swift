import MonoCloudCrypto

// TEMPORARY stand-ins with the contract's API (COMMON.md) until MonoCloudCrypto's Ed25519 lands
// on main. Every initializer throws, so OKP keys are refused and EdDSA tokens fail closed. Delete
// this file when `Ed25519PublicKey` exists in MonoCloudCrypto (this module's copy would shadow it).

struct Ed25519PublicKey: Sendable {
  init(rawRepresentation: [UInt8]) throws(CryptoError) {
    throw .unsupportedAlgorithm("Ed25519 is not available in this build")
  }
  init(derEncoded: [UInt8]) throws(CryptoError) {
    throw .unsupportedAlgorithm("Ed25519 is not available in this build")
  }
  var rawRepresentation: [UInt8] { [] }
  func isValidSignature(_ signature: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer) -> Bool { false }
}

struct Ed25519PrivateKey: Sendable {
  init(seed: [UInt8]) throws(CryptoError) { throw .unsupportedAlgorithm("Ed25519 is not available in this build") }
  init(derEncoded: [UInt8]) throws(CryptoError) {
    throw .unsupportedAlgorithm("Ed25519 is not available in this build")
  }
  var seed: [UInt8] { [] }
  var publicKey: Ed25519PublicKey { fatalError("unreachable: no Ed25519PrivateKey can be made") }
  func signature(for message: [UInt8]) -> [UInt8] { [] }
}
