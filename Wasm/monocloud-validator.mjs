// MonoCloud offline token validator for JavaScript hosts (Node, Deno, Bun, browsers, edge
// workers): a thin wrapper over the WebAssembly module built by Scripts/build-wasm.sh.
// The module imports nothing; everything runs inside it, synchronously.
//
//   import { createValidator } from "./monocloud-validator.mjs";
//   const validator = await createValidator(await fs.readFile("monocloud-validator.wasm"));
//   const claims = validator.validate(token, jwks, { issuer, audience });   // throws on rejection

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

// The module's own input limits. Longer input is refused here, before it is copied in, so that
// a huge token, key set or options object never grows the module's memory (which never shrinks).
/** The longest token the module accepts, in bytes. */
export const maximumTokenBytes = 65_536;
/** The largest options document the module accepts, in bytes. */
export const maximumOptionsBytes = 65_536;
/** The largest key set (JWKS JSON) the module accepts, in bytes. */
export const maximumJWKSBytes = 1_048_576;

/**
 * The error every rejection throws: `code` is `invalid_token`, `insufficient_scope`,
 * `insufficient_groups` (`status` 1: the token is refused), `invalid_options`, `invalid_jwks`
 * (`status` 2: the caller's configuration is wrong) or `internal_error` (`status` 3: the module
 * itself failed, for example out of memory). Messages never contain the token or key material.
 */
export class MonoCloudValidationError extends Error {
  constructor(code, message, status = statusOf(code)) {
    super(message);
    this.name = "MonoCloudValidationError";
    this.code = code;
    this.status = status;
  }
}

function statusOf(code) {
  if (code === "invalid_options" || code === "invalid_jwks") return 2;
  if (code === "internal_error") return 3;
  return 1;
}

/**
 * Instantiates the module. `wasmBytes`: the module's bytes (ArrayBuffer, typed array), or an
 * already compiled `WebAssembly.Module` (edge runtimes that forbid compiling at run time).
 * Returns `{ validate(token, jwks, options), memory }` (`memory`: the module's
 * `WebAssembly.Memory`, for hosts that watch its size).
 */
export async function createValidator(wasmBytes) {
  const module = wasmBytes instanceof WebAssembly.Module ? wasmBytes : await WebAssembly.compile(wasmBytes);
  return validatorForInstance(await WebAssembly.instantiate(module, {}));
}

/**
 * `createValidator` for an instance of the module the caller already has (synchronous).
 * Also returns `heapBytesInUse()`: the allocator's bytes in use, and `heapAllocations()`: the
 * number of allocations made so far, both undefined unless the module is the test build
 * (`Scripts/build-wasm.sh --heap-counter`).
 */
export function validatorForInstance(instance) {
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
    if (pointer === 0) throw new MonoCloudValidationError("internal_error", "monocloud-validator: out of memory");
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

  // The options text, kept while the caller passes equal options (compared value by value, so
  // that a changed or mutated options object is always seen): serializing them is a sizeable
  // part of a call. `now` is not part of it; it is spliced in on every call.
  let optionsSnapshot;
  let optionsBody = "{}";

  function optionText(options) {
    if (optionsSnapshot === undefined || !sameOptions(options, optionsSnapshot)) {
      const rest = {};
      for (const key of Object.keys(options)) if (key !== "now") rest[key] = options[key];
      optionsBody = JSON.stringify(rest);
      optionsSnapshot = JSON.parse(optionsBody);
    }
    const nowText = JSON.stringify(options.now === undefined ? Math.floor(Date.now() / 1000) : options.now);
    // A `now` JSON cannot express is left out, and the module reports it.
    if (nowText === undefined) return optionsBody;
    return optionsBody === "{}" ? `{"now":${nowText}}` : `{"now":${nowText},${optionsBody.slice(1)}`;
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
    const keySetText = typeof keySet === "string" ? keySet : JSON.stringify(keySet);
    if (options === null || typeof options !== "object") throw new TypeError("options must be an object");
    const text = optionText(options);
    // Oversized input is refused without copying it in, in the module's order of checks
    // (options, key set, token) and with its messages. UTF-8 has at least one byte per UTF-16
    // code unit, so a longer string is certainly over the limit.
    if (text.length > maximumOptionsBytes) {
      throw new MonoCloudValidationError("invalid_options", `options: JSON: input larger than ${maximumOptionsBytes} bytes`);
    }
    if (keySetText !== undefined && keySetText.length > maximumJWKSBytes) {
      throwIfOptionsRejected(text, null);
      throw new MonoCloudValidationError("invalid_jwks", `JWKS: JSON: input larger than ${maximumJWKSBytes} bytes`);
    }
    useJwks(keySetText);
    if (token.length > maximumTokenBytes) {
      throwIfOptionsRejected(text, jwks);
      throw new MonoCloudValidationError("invalid_token", `the token is longer than ${maximumTokenBytes} bytes`);
    }
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    const tokenCapacity = token.length * 3;
    const base = scratchArea(tokenCapacity + text.length * 3);
    const view = new Uint8Array(memory.buffer, base, tokenCapacity + text.length * 3);
    const tokenLength = encoder.encodeInto(token, view).written;
    const optionLength = encoder.encodeInto(text, view.subarray(tokenCapacity)).written;

    const status = exports.mc_validate(
      base, tokenLength, jwks.pointer, jwks.length, base + tokenCapacity, optionLength);
    // memory.buffer may have been replaced by growth: view it after the call.
    const result = JSON.parse(
      decoder.decode(new Uint8Array(memory.buffer, exports.mc_result_ptr(), exports.mc_result_len())));
    if (status === 0) return result;
    throw new MonoCloudValidationError(result.error, result.message, status);
  }

  /**
   * Runs the module on an empty token and throws its status-2 error, if any: the options' or,
   * unless `keySet` is null (then none is passed and only an options error counts), the key set's.
   */
  function throwIfOptionsRejected(text, keySet) {
    const bytes = encoder.encode(text);
    const base = scratchArea(bytes.length);
    new Uint8Array(memory.buffer, base, bytes.length).set(bytes);
    const status = exports.mc_validate(0, 0, keySet?.pointer ?? 0, keySet?.length ?? 0, base, bytes.length);
    const result = JSON.parse(
      decoder.decode(new Uint8Array(memory.buffer, exports.mc_result_ptr(), exports.mc_result_len())));
    if (status === 2 && (keySet !== null || result.error === "invalid_options")) {
      throw new MonoCloudValidationError(result.error, result.message, status);
    }
  }

  const heapBytesInUse = () => exports.mc_heap_in_use?.();
  const heapAllocations = () => exports.mc_heap_allocations?.();
  return { validate, memory, heapBytesInUse, heapAllocations };
}

/** Whether `options` without `now` serializes to the JSON that `snapshot` was parsed from. */
function sameOptions(options, snapshot) {
  if (!isPlainObject(options)) return false;
  let count = 0;
  for (const key in options) {
    if (!Object.prototype.hasOwnProperty.call(options, key)) return false;
    if (key === "now") continue;
    if (!Object.prototype.hasOwnProperty.call(snapshot, key) || !sameJSON(options[key], snapshot[key])) return false;
    count++;
  }
  return count === Object.keys(snapshot).length;
}

/**
 * Whether `value` serializes to the same JSON as `snapshot` (itself the result of JSON.parse):
 * plain objects, arrays, strings, finite numbers, booleans and null are compared member by
 * member; anything else (a Date, an object with toJSON, an undefined member, …) counts as
 * different, so the caller serializes again.
 */
function sameJSON(value, snapshot) {
  if (value === snapshot) return typeof value !== "number" || Number.isFinite(value);
  if (typeof value !== "object" || value === null || typeof snapshot !== "object" || snapshot === null) return false;
  if (Array.isArray(value)) {
    if (!Array.isArray(snapshot) || value.length !== snapshot.length) return false;
    for (let i = 0; i < value.length; i++) if (!sameJSON(value[i], snapshot[i])) return false;
    return true;
  }
  if (Array.isArray(snapshot) || !isPlainObject(value)) return false;
  let count = 0;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) return false;
    if (!Object.prototype.hasOwnProperty.call(snapshot, key) || !sameJSON(value[key], snapshot[key])) return false;
    count++;
  }
  return count === Object.keys(snapshot).length;
}

function isPlainObject(value) {
  return Object.getPrototypeOf(value) === Object.prototype && !("toJSON" in value);
}
