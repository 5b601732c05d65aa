// libFuzzer target: the JSON reader must never crash, and whatever it accepts must survive a
// write/read round trip unchanged. Run with Scripts/fuzz.sh JSONReaderFuzz SECONDS.
import MonoCloudJOSE

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = UnsafeRawBufferPointer(start: data, count: size)
  guard let value = try? JSONReader.parse(input) else { return 0 }
  exercise(value)
  for order in [JSONWriter.KeyOrder.insertion, .sortedByUTF8] {
    let written = JSONWriter.bytes(value, keyOrder: order)
    guard let reread = try? JSONReader.parse(written) else { fatalError("writer output rejected by reader") }
    guard reread == value else { fatalError("round trip changed the value") }
    guard JSONWriter.bytes(reread, keyOrder: order) == written else { fatalError("writer not deterministic") }
  }
  // The base64url path must agree with the plain path.
  let encoded = Array(Base64URL.encode(input).utf8)
  let viaBase64 = encoded.withUnsafeBytes { try? JSONReader.parseObject(base64URLEncoded: $0) }
  if case .object(let object) = value {
    guard let viaBase64, viaBase64 == object else { fatalError("base64url parse disagrees") }
  } else if viaBase64 != nil {
    fatalError("base64url parse accepted a non-object")
  }
  return 0
}

/// Touches every accessor so that conversions run on fuzzer-made numbers and strings.
func exercise(_ value: JSONValue) {
  switch value {
  case .number(let number):
    _ = number.int64Value
    _ = number.doubleValue
    _ = number.isInteger
    guard JSONNumber(text: number.text) != nil else { fatalError("number text not re-accepted") }
  case .array(let elements):
    for element in elements { exercise(element) }
  case .object(let object):
    for member in object.members {
      guard object[member.key] != nil else { fatalError("member lookup failed") }
      exercise(member.value)
    }
  default:
    break
  }
}
