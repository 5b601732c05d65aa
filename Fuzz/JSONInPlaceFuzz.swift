// libFuzzer target, differential: a token payload read in place (`parseObjectInPlace`, the
// strict scanner plus a member table) and the same payload read into a tree must be the same
// object, fail with the same error, and get the same claim decisions and error messages.
// Run with Scripts/fuzz.sh JSONInPlaceFuzz SECONDS (seed it with Fuzz/corpus/JSONReaderFuzz).
import MonoCloudJOSE

let claimValidators: [ClaimsValidator] = [
  ClaimsValidator(TokenValidationPolicy()),
  ClaimsValidator(
    TokenValidationPolicy(
      issuers: ["https://t.example.com"], audiences: ["a", "c"], requiredScopes: ["openid", "read"],
      requiredGroups: ["admins", "g1"], groupsMatchAll: true, certificateBinding: .required,
      certificateThumbprint: "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2", maxTokenAge: .seconds(600),
      requiredTypes: ["at+jwt"])),
  ClaimsValidator(
    TokenValidationPolicy(
      audiences: ["b"], clockSkew: .seconds(-5), clockTolerance: .seconds(Int64.max / 2), requiredScopes: ["x"],
      requiredGroups: ["staff"], groupsClaim: "roles", certificateBinding: .whenPresent, requireExpiration: false)),
]

/// Small limits too, so that the depth and size checks of both readers are compared.
let limitSets: [JSONReader.Limits] = [.default, JSONReader.Limits(maxDepth: 2, maxInputBytes: 96)]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let encoded = Array(Base64URL.encode(UnsafeRawBufferPointer(start: data, count: size)).utf8)
  for limits in limitSets {
    let tree = read(encoded, limits: limits, inPlace: false)
    let inPlace = read(encoded, limits: limits, inPlace: true)
    switch (tree, inPlace) {
    case (.success(let treeObject), .success(let inPlaceObject)):
      compare(treeObject, inPlaceObject)
    case (.failure(let treeError), .failure(let inPlaceError)):
      guard treeError.code == inPlaceError.code, treeError.message == inPlaceError.message else {
        fatalError("the readers fail differently")
      }
    default:
      fatalError("one reader accepted what the other rejected")
    }
  }
  return 0
}

func read(_ encoded: [UInt8], limits: JSONReader.Limits, inPlace: Bool) -> Result<JSONObject, JOSEError> {
  encoded.withUnsafeBytes { raw in
    Result { () throws(JOSEError) -> JSONObject in
      inPlace
        ? try JSONReader.parseObjectInPlace(base64URLEncoded: raw, limits: limits)
        : try JSONReader.parseObject(base64URLEncoded: raw, limits: limits)
    }
  }
}

/// Every reading of the two objects agrees, and so does every claim check.
func compare(_ tree: JSONObject, _ inPlace: JSONObject) {
  guard inPlace == tree, tree == inPlace, inPlace.count == tree.count, inPlace.keys == tree.keys,
    inPlace.members == tree.members
  else { fatalError("the objects differ") }
  for key in tree.keys + ["iss", "aud", "exp", "nbf", "iat", "scope", "groups", "roles", "cnf", "sub"] {
    guard inPlace[key] == tree[key], inPlace.index(forKey: key) == tree.index(forKey: key) else {
      fatalError("a member lookup differs")
    }
  }
  guard JSONWriter.bytes(inPlace) == JSONWriter.bytes(tree) else { fatalError("the written forms differ") }
  for now: Int64 in [0, 1_764_420_000, Int64.min, Int64.max] {
    for validator in claimValidators {
      guard outcome(validator, tree, now) == outcome(validator, inPlace, now) else {
        fatalError("the claim decisions differ")
      }
    }
  }
}

func outcome(_ validator: ClaimsValidator, _ claims: JSONObject, _ now: Int64) -> String {
  do {
    try validator.validate(claims, now: now)
    return "valid"
  } catch {
    guard !error.message.isEmpty else { fatalError("empty error message") }
    return "\(error.code): \(error.message)"
  }
}
