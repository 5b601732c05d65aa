// libFuzzer target: compact JWS / JWT validation must never crash and never accept a token whose
// signature is not the key's MAC of its signing input. Run with Scripts/fuzz.sh CompactJWSFuzz SECONDS.
//
// Input: first byte 0 — the rest is a token, validated as is; otherwise the rest is
// `header JSON \0 payload JSON`, which is signed with the test key first, so that the fuzzer can
// explore header parsing, key selection and the claim checks behind a valid MAC.
import MonoCloudJOSE

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size > 0 else { return 0 }
  // Built per input, not in globals: LeakSanitizer cannot see pointers that Swift keeps in enum
  // spare bits, so long-lived globals would be reported as leaks.
  let secret = try! JWK(importingPrivateKeyFrom: ["kty": "oct", "kid": "k1", "k": "c2VjcmV0LWtleS1mb3ItdGhlLWZ1enplci0zMi1ieXRlcw"])
  let other = try! JWK(importingPrivateKeyFrom: ["kty": "oct", "kid": "k2", "alg": "HS512", "k": .string(String(repeating: "QUJD", count: 22))])
  let keySet = JWKSet(keys: [secret, other])
  let validator = JWTValidator(
    keySet: keySet, algorithms: JWSAlgorithm.allCases,
    claims: ClaimsValidationOptions(
      issuer: "iss", audience: "aud", requiredScopes: ["read"], requiredGroups: ["g"], certificateBinding: .whenPresent))
  let verifier = JWSVerifier(keySet: keySet, algorithms: JWSAlgorithm.allCases, maximumTokenByteCount: 1 << 16)
  let rest = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let token: String
  if data[0] == 0 {
    token = String(decoding: rest, as: UTF8.self)
  } else {
    let split = rest.firstIndex(of: 0) ?? rest.count
    let header = Array(rest[0..<split])
    let payload = split < rest.count ? Array(rest[(split + 1)...]) : []
    let input = Base64URL.encode(header) + "." + Base64URL.encode(payload)
    let algorithm: JWSAlgorithm = data[0] & 2 == 0 ? .hs256 : .hs512
    let key = algorithm == .hs256 ? secret : other
    guard let mac = try? JWS.signature(for: Array(input.utf8), key: key, algorithm: algorithm, random: .system) else {
      fatalError("MAC failed")
    }
    token = input + "." + Base64URL.encode(mac)
  }
  _ = try? JWS.decodeUnverified(token)
  _ = try? validator.validate(token, now: 1_700_000_000)
  _ = try? validator.verifySignature(token)
  if let verified = try? verifier.verify(token) {
    // Accepted: the signature must be exactly the chosen key's MAC over the signing input.
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3 else { fatalError("accepted a token without three segments") }
    let input = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
    guard let mac = try? JWS.signature(for: input, key: verified.key, algorithm: verified.algorithm, random: .system),
      let signature = try? Base64URL.decode(String(parts[2])), signature == mac
    else { fatalError("accepted a token with a wrong signature") }
    guard verified.algorithm == .hs256 || verified.algorithm == .hs512 else { fatalError("unexpected algorithm") }
  }
  return 0
}
