// The C ABI of the WebAssembly module (Scripts/build-wasm.sh exports these names). All
// pointers are offsets into the module's exported `memory`; lengths are byte counts.
//
//   mc_alloc(len) -> ptr            a buffer for the caller to fill (0 when out of memory)
//   mc_free(ptr)                    releases a buffer from mc_alloc
//   mc_validate(tokenPtr, tokenLen, jwksPtr, jwksLen, optionsPtr, optionsLen) -> status
//                                   0 valid, 1 token rejected, 2 bad options or JWKS
//   mc_result_ptr() / mc_result_len() -> the UTF-8 JSON of the last mc_validate call
//
// The module is single-threaded (one instance per JavaScript realm), so the global state below
// is never accessed concurrently there. The functions also compile natively (unused there).

/// The session behind `mc_validate` (key set and validator cache).
nonisolated(unsafe) private var session = WasmValidationSession()
/// The JSON of the last `mc_validate` call; stays valid until the next call.
nonisolated(unsafe) private var lastResult: [UInt8] = []

/// Allocates `length` bytes (at least one) for the caller; returns nil (0) when out of memory.
@_cdecl("mc_alloc")
public func mcAlloc(_ length: Int) -> UnsafeMutableRawPointer? {
  guard length >= 0 else { return nil }
  return UnsafeMutableRawPointer.allocate(byteCount: max(length, 1), alignment: 16)
}

/// Releases a buffer returned by `mc_alloc` (nil is ignored).
@_cdecl("mc_free")
public func mcFree(_ pointer: UnsafeMutableRawPointer?) {
  pointer?.deallocate()
}

/// Validates a token; see `validateForWasm` for the status codes and `WasmOptions` for the options.
@_cdecl("mc_validate")
public func mcValidate(
  _ tokenPointer: UnsafeRawPointer?, _ tokenLength: Int, _ jwksPointer: UnsafeRawPointer?, _ jwksLength: Int,
  _ optionsPointer: UnsafeRawPointer?, _ optionsLength: Int
) -> Int32 {
  // The result is written into the last one's storage: a stream of valid tokens reuses it.
  session.validate(
    token: buffer(tokenPointer, tokenLength), jwks: buffer(jwksPointer, jwksLength),
    options: buffer(optionsPointer, optionsLength), into: &lastResult)
}

/// The address of the last call's JSON result.
@_cdecl("mc_result_ptr")
public func mcResultPointer() -> UnsafeRawPointer? {
  lastResult.withUnsafeBytes { $0.baseAddress }
}

/// The length in bytes of the last call's JSON result.
@_cdecl("mc_result_len")
public func mcResultLength() -> Int {
  lastResult.count
}

/// A buffer view of caller memory; a null pointer or a negative length reads as empty.
private func buffer(_ pointer: UnsafeRawPointer?, _ length: Int) -> UnsafeRawBufferPointer {
  guard let pointer, length > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
  return UnsafeRawBufferPointer(start: pointer, count: length)
}
