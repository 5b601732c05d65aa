// libFuzzer target: strict base64url decoding must never crash, accepted input must be the one
// canonical encoding of its bytes, and arbitrary bytes must round-trip through encoding.
// Run with Scripts/fuzz.sh Base64URLFuzz SECONDS.
import MonoCloudJOSE

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = UnsafeRawBufferPointer(start: data, count: size)
  if let decoded = try? Base64URL.decode(input) {
    guard decoded.withUnsafeBytes({ Base64URL.encodeBytes($0) }).elementsEqual(input) else {
      fatalError("accepted a non-canonical encoding")
    }
    // Decoding into a caller buffer must agree with decoding into an array.
    var buffer = [UInt8](repeating: 0, count: decoded.count)
    let written = buffer.withUnsafeMutableBytes { try? Base64URL.decode(input, into: $0) }
    guard written == decoded.count, buffer == decoded else { fatalError("buffer decode disagrees") }
  } else {
    var buffer = [UInt8](repeating: 0, count: size)
    guard (buffer.withUnsafeMutableBytes { try? Base64URL.decode(input, into: $0) }) == nil else {
      fatalError("buffer decode accepted rejected input")
    }
  }
  let encoded = Base64URL.encodeBytes(input)
  guard let back = try? Base64URL.decode(encoded), back.elementsEqual(input) else {
    fatalError("round trip failed")
  }
  return 0
}
