// libFuzzer target: JWK and JWKS import must never crash; whatever imports must serialise and
// re-import to the same key (same JSON, same thumbprint), and its public half must import too.
// Run with Scripts/fuzz.sh JWKImportFuzz SECONDS.
import MonoCloudJOSE

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  if let key = try? JWK(importingPrivateKeyFromJSONBytes: bytes) { check(key) }
  if let set = try? JWKSet(importingPrivateKeysFromJSONBytes: bytes) {
    for key in set.keys { check(key) }
    for skipped in set.skipped where skipped.index < 0 { fatalError("negative skipped index") }
    _ = JWTValidator(keySet: set, algorithms: JWSAlgorithm.allCases, claims: ClaimsValidationOptions())
  }
  // PEM import of the same bytes as text: the signing import, and the verifying import, which
  // must give a public key whenever it accepts.
  let text = String(decoding: bytes, as: UTF8.self)
  if let key = try? JWK(importingPrivateKeyFromPEM: text) { check(key) }
  if let key = try? JWK(publicKeyFromPEM: text) {
    check(key)
    if key.isPrivate { fatalError("public-key PEM import gave a private key") }
  }
  return 0
}

func check(_ key: JWK) {
  let json = key.jsonObject()
  guard let again = try? JWK(importingPrivateKeyFrom: json) else { fatalError("serialised key not re-imported") }
  guard again.jsonObject() == json else { fatalError("re-import changed the key") }
  guard again.thumbprint() == key.thumbprint() else { fatalError("thumbprint not stable") }
  guard again.isPrivate == key.isPrivate, again.keyType == key.keyType else { fatalError("kind changed") }
  let publicKey = key.publicKey
  guard let reimported = try? JWK(publicKeyFrom: publicKey.jsonObject()) else {
    fatalError("public half not re-imported")
  }
  guard reimported.thumbprint() == key.thumbprint() else { fatalError("public half has another thumbprint") }
  if key.keyType != .oct && publicKey.isPrivate { fatalError("public half still private") }
  for algorithm in JWSAlgorithm.allCases { _ = key.mismatch(with: algorithm) }
}
