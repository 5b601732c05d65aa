import MonoCloudCrypto

// TEMPORARY stand-ins with the contract's API (COMMON.md) until MonoCloudCrypto's ECDSA lands on
// main. Every initializer throws, so EC keys are refused and ES* tokens fail closed. Delete this
// file when `ECDSAPublicKey` exists in MonoCloudCrypto (this module's copy would shadow it).

enum ECCurve: Sendable, Equatable {
  case p256, p384, p521
  var coordinateByteCount: Int {
    switch self {
    case .p256: return 32
    case .p384: return 48
    case .p521: return 66
    }
  }
  var signatureByteCount: Int { 2 * coordinateByteCount }
}

struct ECDSAPublicKey: Sendable {
  init(curve: ECCurve, x: [UInt8], y: [UInt8]) throws(CryptoError) {
    throw .unsupportedAlgorithm("ECDSA is not available in this build")
  }
  init(derEncoded: [UInt8]) throws(CryptoError) { throw .unsupportedAlgorithm("ECDSA is not available in this build") }
  var curve: ECCurve { .p256 }
  var x: [UInt8] { [] }
  var y: [UInt8] { [] }
  func isValidSignature(rawRS: UnsafeRawBufferPointer, for message: UnsafeRawBufferPointer, hash: HashAlgorithm)
    -> Bool
  { false }
}

struct ECDSAPrivateKey: Sendable {
  init(curve: ECCurve, d: [UInt8]) throws(CryptoError) {
    throw .unsupportedAlgorithm("ECDSA is not available in this build")
  }
  init(derEncoded: [UInt8]) throws(CryptoError) { throw .unsupportedAlgorithm("ECDSA is not available in this build") }
  var curve: ECCurve { .p256 }
  var publicKey: ECDSAPublicKey { fatalError("unreachable: no ECDSAPrivateKey can be made") }
  var d: [UInt8] { [] }
  func signature(for message: [UInt8], hash: HashAlgorithm) throws(CryptoError) -> [UInt8] {
    throw .unsupportedAlgorithm("ECDSA is not available in this build")
  }
}
