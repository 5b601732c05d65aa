// MonoCloud offline token validator for JavaScript hosts (Node, Deno, Bun, browsers, edge
// workers): a thin wrapper over the WebAssembly module built by Scripts/build-wasm.sh.
// The module imports nothing; everything runs inside it, synchronously.
//
//   import { createValidator } from "./monocloud-validator.mjs";
//   const validator = await createValidator(await fs.readFile("monocloud-validator.wasm"));
//   const claims = validator.validate(token, jwks, { issuer, audience });   // throws on rejection

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Instantiates the module. `wasmBytes`: the module's bytes (ArrayBuffer, typed array), or an
 * already compiled `WebAssembly.Module` (edge runtimes that forbid compiling at run time).
 * Returns `{ validate(token, jwks, options), memory }` (`memory`: the module's
 * `WebAssembly.Memory`, for hosts that watch its size).
 */
export async function createValidator(wasmBytes) {
  const module = wasmBytes instanceof WebAssembly.Module ? wasmBytes : await WebAssembly.compile(wasmBytes);
  const instance = await WebAssembly.instantiate(module, {});
  const exports = instance.exports;
  const memory = exports.memory;

  // Buffers inside the module's memory, kept between calls: the JWKS (re-encoded only when its
  // text changes, so that many calls with one key set copy nothing) and a scratch area for the
  // token and the options.
  let jwksText;
  let jwks = { pointer: 0, length: 0 };
  let scratch = { pointer: 0, capacity: 0 };

  function allocate(length) {
    const pointer = exports.mc_alloc(length);
    if (pointer === 0) throw new Error("monocloud-validator: out of memory");
    return pointer;
  }

  function useJwks(text) {
    if (text === jwksText) return;
    const bytes = encoder.encode(text);
    const pointer = allocate(bytes.length);
    new Uint8Array(memory.buffer, pointer, bytes.length).set(bytes);
    if (jwks.pointer !== 0) exports.mc_free(jwks.pointer);
    jwks = { pointer, length: bytes.length };
    jwksText = text;
  }

  function scratchArea(capacity) {
    if (capacity > scratch.capacity) {
      const size = Math.max(capacity, 2 * scratch.capacity, 4096);
      const pointer = allocate(size);
      if (scratch.pointer !== 0) exports.mc_free(scratch.pointer);
      scratch = { pointer, capacity: size };
    }
    return scratch.pointer;
  }

  /**
   * Validates `token` (string) against `keySet` (`{"keys": [...]}` as JSON text, fastest, or as
   * an object, serialized on every call so that changes to it are always seen).
   * `options`: `issuer` and `audience` (required); `now` (Unix seconds, default: the current
   * time); `clockSkew`, `clockTolerance`, `scopes`, `groups`, `groupsClaim`, `groupsMatchAll`,
   * `algorithms`, `certificateBinding`, `certificateThumbprint`.
   * Returns the claims (the whole payload) or throws an `Error` whose `code` is
   * `invalid_token`, `insufficient_scope`, `insufficient_groups` (status 1) or
   * `invalid_options`, `invalid_jwks` (status 2), and whose `status` is 1 or 2.
   */
  function validate(token, keySet, options = {}) {
    if (typeof token !== "string") throw new TypeError("token must be a string");
    useJwks(typeof keySet === "string" ? keySet : JSON.stringify(keySet));
    const optionText = JSON.stringify(
      options.now === undefined ? { ...options, now: Math.floor(Date.now() / 1000) } : options);
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    const tokenCapacity = token.length * 3;
    const base = scratchArea(tokenCapacity + optionText.length * 3);
    const view = new Uint8Array(memory.buffer, base, tokenCapacity + optionText.length * 3);
    const tokenLength = encoder.encodeInto(token, view).written;
    const optionLength = encoder.encodeInto(optionText, view.subarray(tokenCapacity)).written;

    const status = exports.mc_validate(
      base, tokenLength, jwks.pointer, jwks.length, base + tokenCapacity, optionLength);
    // memory.buffer may have been replaced by growth: view it after the call.
    const text = decoder.decode(new Uint8Array(memory.buffer, exports.mc_result_ptr(), exports.mc_result_len()));
    const result = JSON.parse(text);
    if (status === 0) return result;
    const error = new Error(result.message);
    error.code = result.error;
    error.status = status;
    throw error;
  }

  return { validate, memory };
}
