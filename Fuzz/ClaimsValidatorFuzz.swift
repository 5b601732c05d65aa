// libFuzzer target: claim checks and certificate-thumbprint parsing on arbitrary input must
// only ever succeed or throw a typed error (no traps, no leaks).
// Run with Scripts/fuzz.sh ClaimsValidatorFuzz SECONDS (seed it with Fuzz/corpus/JSONReaderFuzz).
import MonoCloudJOSE

let validators: [ClaimsValidator] = [
  ClaimsValidator(ClaimsValidationOptions()),
  ClaimsValidator(
    ClaimsValidationOptions(
      issuer: "https://t.example.com", audience: "a", clockSkew: Int64.max, clockTolerance: Int64.min,
      requiredScopes: ["openid", "read"], requiredGroups: ["admins", "g1"], groupsMatchAll: true,
      certificateBinding: .required, certificateThumbprint: "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2")),
  ClaimsValidator(
    ClaimsValidationOptions(
      audience: "b", clockSkew: Int64.min, clockTolerance: Int64.max, requiredScopes: ["x"],
      requiredGroups: ["staff"], groupsClaim: "roles", certificateBinding: .whenPresent)),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = UnsafeRawBufferPointer(start: data, count: size)
  _ = try? CertificateThumbprint.sha256(certificate: String(decoding: input, as: UTF8.self))
  guard let claims = try? JSONReader.parseObject(input) else { return 0 }
  for now: Int64 in [0, 1_764_420_000, Int64.min, Int64.max] {
    for validator in validators {
      do {
        try validator.validate(claims, now: now)
      } catch {
        guard !error.message.isEmpty else { fatalError("empty error message") }
      }
    }
  }
  return 0
}
