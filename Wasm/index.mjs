// @monocloud/backend-wasm: validates MonoCloud (OIDC) access tokens offline in any JavaScript
// host (Node >= 18, Deno, Bun, browsers, workers) with the WebAssembly build of the Swift
// validator. Types: index.d.ts. The lower-level wrapper (monocloud-validator.mjs) stays available
// as `createValidator`.
//
//   import { createMonoCloudValidator } from "@monocloud/backend-wasm";
//   const validator = await createMonoCloudValidator({ jwks, issuer, audience });
//   const claims = validator.validate(token, { scopes: ["read"] });  // or throws MonoCloudValidationError
import {
  MonoCloudValidationError,
  createValidator,
  maximumJWKSBytes,
  maximumOptionsBytes,
  maximumTokenBytes,
  validatorForInstance,
} from "./monocloud-validator.mjs";

export { MonoCloudValidationError, createValidator, maximumJWKSBytes, maximumOptionsBytes, maximumTokenBytes };

/** Every `code` a `MonoCloudValidationError` can have. */
export const errorCodes = Object.freeze([
  "invalid_token",
  "insufficient_scope",
  "insufficient_groups",
  "invalid_options",
  "invalid_jwks",
  "internal_error",
]);

/** The module shipped in this package (bundlers recognise the `new URL(…, import.meta.url)` form). */
export const defaultModuleURL = new URL("./dist/monocloud-validator.wasm", import.meta.url);

/**
 * Compiles the WebAssembly module from `source`: a `WebAssembly.Module`; its bytes (ArrayBuffer
 * or typed array); a `Response` or a promise of one (`fetch(…)`); a `URL` (`file:` is read
 * from disk in Node, anything else fetched); a string (a URL with a scheme, else a file path in
 * Node or a URL relative to the page elsewhere). Default: the module shipped in this package.
 */
export async function loadWasmModule(source = defaultModuleURL) {
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return WebAssembly.compile(source);
  if (source !== null && typeof source === "object" && typeof source.then === "function") {
    return loadWasmModule(await source);
  }
  if (isResponse(source)) return compileResponse(source);
  if (source instanceof URL) return source.protocol === "file:" ? compileFile(source) : compileResponse(await fetch(source));
  if (typeof source === "string") {
    const url = parseURL(source);
    if (url !== undefined) return loadWasmModule(url);
    return isNode() ? compileFile(source) : compileResponse(await fetch(source));
  }
  throw new TypeError("loadWasmModule: give a WebAssembly.Module, bytes, a Response, a URL or a path");
}

/**
 * Loads the module (`options.module`, see `loadWasmModule`) and returns a validator whose
 * defaults are the other members of `options` (any `ValidationOptions`, including `jwks` and
 * `tenantDomain`). When the defaults hold a key set, an issuer and an audience, they are checked
 * now: a bad key set or bad options throw here rather than on the first token.
 */
export async function createMonoCloudValidator(options = {}) {
  if (!isOptionsObject(options)) throw notAnObject();
  const { module: source, ...defaults } = options;
  const module = await loadWasmModule(source);
  return new MonoCloudValidator(construction, module, await WebAssembly.instantiate(module, {}), defaults);
}

const construction = Symbol("construction");

/** Validates tokens with one instance of the module; create it with `createMonoCloudValidator`. */
export class MonoCloudValidator {
  #module;
  /** The wrapper around the current instance; null while a new instance is being made. */
  #core;
  /** The defaults as given, with the key set as JSON text (an object is serialized once). */
  #defaultsGiven;
  /** The defaults prepared for the module. */
  #defaults;

  constructor(token, module, instance, defaults) {
    if (token !== construction) throw new TypeError("use createMonoCloudValidator() to create a MonoCloudValidator");
    this.#module = module;
    this.#core = validatorForInstance(instance);
    this.#setDefaults(defaults);
  }

  /** The module's `WebAssembly.Memory` (for hosts that watch its size). */
  get memory() {
    return this.#core?.memory;
  }

  /** The module allocator's bytes in use; undefined except with the test build (`--heap-counter`). */
  get heapBytesInUse() {
    return this.#core?.heapBytesInUse();
  }

  /**
   * Replaces the default key set (after a key rotation): a JWKS object or its JSON text. A key
   * set the module cannot use throws (`invalid_jwks`) and the previous one stays.
   */
  setJwks(jwks) {
    this.#setDefaults({ ...this.#defaultsGiven, jwks });
  }

  /**
   * Validates one token; returns its claims (the whole payload) or throws a
   * `MonoCloudValidationError`. `options` are merged over the defaults given at creation.
   */
  validate(token, options) {
    const request = options === undefined ? this.#defaults : this.#merged(options);
    return this.#run(token, request);
  }

  /**
   * Validates many tokens with the same options: one result per token, in order,
   * `{ valid: true, claims }` or `{ valid: false, error, message }` (as `monocloud-validate
   * --batch` prints them). Bad options or a bad key set throw, as they would for every token.
   */
  validateBatch(tokens, options) {
    const request = options === undefined ? this.#defaults : this.#merged(options);
    if (tokens === null || typeof tokens !== "object" || typeof tokens[Symbol.iterator] !== "function") {
      throw new MonoCloudValidationError("invalid_token", "the tokens must be an array (or another iterable) of strings");
    }
    const results = [];
    for (const token of tokens) {
      try {
        results.push({ valid: true, claims: this.#run(token, request) });
      } catch (error) {
        if (error.status === 2) throw error;
        results.push({ valid: false, error: error.code, message: error.message });
      }
    }
    return results;
  }

  /**
   * Takes new defaults. Values that can never work throw now; complete defaults (key set,
   * issuer, audience) are also checked by the module, with an empty token: only a status-2
   * answer (bad options or key set) is an error then.
   */
  #setDefaults(defaults) {
    const prepared = prepare(defaults);
    if (prepared.problem !== undefined) throw prepared.problem;
    const { jwks, options } = prepared;
    if (jwks !== undefined && options.issuer !== undefined && options.audience !== undefined) {
      try {
        this.#run("", prepared);
      } catch (error) {
        if (error.status === 2) throw error;
      }
    }
    this.#defaultsGiven = { ...defaults, jwks };
    this.#defaults = prepared;
  }

  #merged(options) {
    if (!isOptionsObject(options)) throw notAnObject();
    return prepare({ ...this.#defaultsGiven, ...options });
  }

  #run(token, request) {
    if (request.problem !== undefined) throw request.problem;
    if (request.jwks === undefined) {
      throw new MonoCloudValidationError("invalid_jwks", "no key set: give jwks when creating the validator or per call");
    }
    if (typeof token !== "string") throw new MonoCloudValidationError("invalid_token", "the token is not a string");
    if (this.#core === null) {
      throw new MonoCloudValidationError("internal_error", "the WebAssembly module is being restarted");
    }
    try {
      return this.#core.validate(token, request.jwks, request.options);
    } catch (error) {
      throw this.#typed(error);
    }
  }

  /**
   * The instance's state is unknown after a trap: continue with a new one. Synchronously where
   * the host allows it (browsers refuse to instantiate large modules synchronously on the main
   * thread), else asynchronously, failing the calls in between.
   */
  #restart() {
    try {
      this.#core = validatorForInstance(new WebAssembly.Instance(this.#module, {}));
    } catch {
      this.#core = null;
      WebAssembly.instantiate(this.#module, {}).then(
        (instance) => (this.#core = validatorForInstance(instance)),
        () => {},  // stays null: every call reports internal_error
      );
    }
  }

  /** Any failure as a MonoCloudValidationError; after a trap, a fresh instance of the module. */
  #typed(error) {
    if (error instanceof MonoCloudValidationError) return error;
    if (error instanceof WebAssembly.RuntimeError) {
      this.#restart();
      return new MonoCloudValidationError("internal_error", "the WebAssembly module failed and was restarted");
    }
    if (error instanceof TypeError) {
      // JSON.stringify refused the options (a BigInt, a cycle).
      return new MonoCloudValidationError("invalid_options", "options: a value cannot be written as JSON");
    }
    return new MonoCloudValidationError("internal_error", "the WebAssembly module failed");
  }
}

/**
 * Options as the module takes them: `jwks` as JSON text, `tenantDomain` turned into `issuer`
 * (when no issuer is given), a `Date` for `now` into Unix seconds, undefined members left out.
 * A problem is kept (not thrown) so that defaults may be incomplete until a call completes them.
 */
function prepare(given) {
  const options = {};
  let jwks;
  let tenantDomain;
  let problem;
  for (const key of Object.keys(given)) {
    const value = given[key];
    if (value === undefined) continue;
    if (key === "jwks") jwks = value;
    else if (key === "tenantDomain") tenantDomain = value;
    else if (key === "now" && value instanceof Date) options.now = Math.floor(value.getTime() / 1000);
    else options[key] = value;
  }
  if (options.issuer === undefined && tenantDomain !== undefined) {
    const normalized = normalizeTenantDomain(tenantDomain);
    if (normalized.issuer !== undefined) options.issuer = normalized.issuer;
    else problem = new MonoCloudValidationError("invalid_options", `options: tenantDomain ${normalized.problem}`);
  }
  if (jwks !== undefined && typeof jwks !== "string") {
    if (typeof jwks !== "object" || jwks === null) {
      problem ??= new MonoCloudValidationError("invalid_jwks", "JWKS: give a key set object or its JSON text");
      jwks = undefined;
    } else {
      try {
        jwks = JSON.stringify(jwks);
      } catch {
        problem ??= new MonoCloudValidationError("invalid_jwks", "JWKS: the key set cannot be written as JSON");
        jwks = undefined;
      }
    }
  }
  return { jwks, options, problem };
}

/**
 * The issuer for a tenant domain, as the Swift client derives it: `https://` added when no
 * scheme is given, trailing `/` removed; `http://` only for loopback hosts.
 * Returns `{ issuer }` or `{ problem }`.
 */
export function normalizeTenantDomain(raw) {
  if (typeof raw !== "string") return { problem: "is not a string" };
  let text = raw.trim();
  if (text === "") return { problem: "must not be empty" };
  if (!text.includes("://")) text = `https://${text}`;
  text = text.replace(/\/+$/, "");
  const lower = text.toLowerCase();
  const https = lower.startsWith("https://");
  if (!https && !lower.startsWith("http://")) return { problem: "must use https" };
  const rest = text.slice(https ? 8 : 7);
  if (/[?#]/.test(rest)) return { problem: "must not contain a query or fragment" };
  const authority = rest.split("/")[0];
  const host = hostOf(authority);
  if (!host) return { problem: "has no host" };
  if (authority.includes("@") || host.includes(" ")) return { problem: "has an invalid host" };
  if (!https && !isLoopback(host)) return { problem: "may use http:// only for localhost, 127.0.0.0/8 and [::1]" };
  return { issuer: text };
}

/** The lowercased host of `host[:port]` or `[v6]:port`, or undefined when malformed. */
function hostOf(authority) {
  if (authority.startsWith("[")) {
    const close = authority.indexOf("]");
    return close < 0 ? undefined : authority.slice(0, close + 1).toLowerCase();
  }
  const colon = authority.indexOf(":");
  if (colon >= 0 && !/^[0-9]+$/.test(authority.slice(colon + 1))) return undefined;
  return (colon < 0 ? authority : authority.slice(0, colon)).toLowerCase();
}

function isLoopback(host) {
  if (host === "localhost" || host === "[::1]") return true;
  const parts = host.split(".");
  return parts.length === 4 && parts[0] === "127" && parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255);
}

function isOptionsObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function notAnObject() {
  return new MonoCloudValidationError("invalid_options", "options: must be an object");
}

function isNode() {
  return typeof process === "object" && process !== null && typeof process.versions?.node === "string";
}

function isResponse(value) {
  return (
    (typeof Response === "function" && value instanceof Response) ||
    (value !== null && typeof value === "object" && typeof value.arrayBuffer === "function" && "ok" in value)
  );
}

/** A URL when `text` starts with a scheme fetch or Node can read, else undefined (a path). */
function parseURL(text) {
  if (!/^(https?|file|data|blob):/i.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

async function compileResponse(response) {
  if (!response.ok) throw new Error(`loading the WebAssembly module failed: HTTP ${response.status}`);
  const type = response.headers?.get?.("content-type") ?? "";
  // Streaming compilation needs the right content type; otherwise compile the whole body.
  if (typeof WebAssembly.compileStreaming === "function" && type.split(";")[0].trim() === "application/wasm") {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

async function compileFile(path) {
  if (!isNode()) throw new Error("loading the WebAssembly module from a file needs Node (give a URL, bytes or a Response)");
  const { readFile } = await import("node:fs/promises");
  return WebAssembly.compile(await readFile(path));
}
