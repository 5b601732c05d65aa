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

  // The JWKS is usually the same object or text for many calls: encode it once.
  let lastJwks;
  let lastJwksBytes;

  function copyIn(bytes) {
    const pointer = exports.mc_alloc(bytes.length);
    if (pointer === 0) throw new Error("monocloud-validator: out of memory");
    new Uint8Array(memory.buffer, pointer, bytes.length).set(bytes);
    return pointer;
  }

  /**
   * Validates `token` (string) against `jwks` (`{"keys": [...]}` as an object or JSON text).
   * `options`: `issuer` and `audience` (required); `now` (Unix seconds, default: the current
   * time); `clockSkew`, `clockTolerance`, `scopes`, `groups`, `groupsClaim`, `groupsMatchAll`,
   * `algorithms`, `certificateBinding`, `certificateThumbprint`.
   * Returns the claims (the whole payload) or throws an `Error` whose `code` is
   * `invalid_token`, `insufficient_scope`, `insufficient_groups` (status 1) or
   * `invalid_options`, `invalid_jwks` (status 2), and whose `status` is 1 or 2.
   */
  function validate(token, jwks, options = {}) {
    if (typeof token !== "string") throw new TypeError("token must be a string");
    if (jwks !== lastJwks) {
      lastJwksBytes = encoder.encode(typeof jwks === "string" ? jwks : JSON.stringify(jwks));
      lastJwks = jwks;
    }
    const fullOptions = options.now === undefined ? { ...options, now: Math.floor(Date.now() / 1000) } : options;
    const tokenBytes = encoder.encode(token);
    const optionBytes = encoder.encode(JSON.stringify(fullOptions));

    const pointers = [];
    let status;
    let text;
    try {
      pointers.push(copyIn(tokenBytes));
      pointers.push(copyIn(lastJwksBytes));
      pointers.push(copyIn(optionBytes));
      status = exports.mc_validate(
        pointers[0], tokenBytes.length, pointers[1], lastJwksBytes.length, pointers[2], optionBytes.length);
      // memory.buffer may have been replaced by growth: read it after the call.
      text = decoder.decode(new Uint8Array(memory.buffer, exports.mc_result_ptr(), exports.mc_result_len()));
    } finally {
      for (const pointer of pointers) exports.mc_free(pointer);
    }
    const result = JSON.parse(text);
    if (status === 0) return result;
    const error = new Error(result.message);
    error.code = result.error;
    error.status = status;
    throw error;
  }

  return { validate, memory };
}
