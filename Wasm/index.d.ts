// Types of @monocloud/backend-wasm (index.mjs and the lower-level monocloud-validator.mjs).

/** The error codes of a rejection; `status` 1 for the token ones, 2 for configuration, 3 internal. */
export type TokenErrorCode = "invalid_token" | "insufficient_scope" | "insufficient_groups";
export type ConfigurationErrorCode = "invalid_options" | "invalid_jwks";
export type MonoCloudErrorCode = TokenErrorCode | ConfigurationErrorCode | "internal_error";

/** Every code, in the order above. */
export declare const errorCodes: readonly MonoCloudErrorCode[];

/**
 * Thrown for every rejection. `message` says why (never the token or key material).
 * - status 1: the token is refused (`invalid_token`, `insufficient_scope`, `insufficient_groups`);
 * - status 2: the options or the key set are wrong (`invalid_options`, `invalid_jwks`);
 * - status 3: the module itself failed (`internal_error`, e.g. out of memory).
 */
export declare class MonoCloudValidationError extends Error {
  constructor(code: MonoCloudErrorCode, message: string, status?: 1 | 2 | 3);
  readonly name: "MonoCloudValidationError";
  readonly code: MonoCloudErrorCode;
  readonly status: 1 | 2 | 3;
}

/** One JSON Web Key (public members; private members are ignored). */
export interface JWK {
  kty: "RSA" | "EC" | "OKP" | "oct" | (string & {});
  kid?: string;
  use?: string;
  alg?: string;
  key_ops?: string[];
  [member: string]: unknown;
}

/** A JSON Web Key Set, as served at the issuer's `jwks_uri`. */
export interface JWKS {
  keys: JWK[];
}

/** The signature algorithms the module implements. */
export type Algorithm =
  | "RS256" | "RS384" | "RS512"
  | "PS256" | "PS384" | "PS512"
  | "ES256" | "ES384" | "ES512"
  | "EdDSA" | "Ed25519"
  | "HS256" | "HS384" | "HS512";

/** What is checked. The module rejects unknown members (`invalid_options`). */
export interface ValidationOptions {
  /** The key set: an object or its JSON text (text is fastest: it is compared, not re-serialized). */
  jwks?: JWKS | string;
  /** The expected `iss`, exactly (an array: any one of them). Required unless `tenantDomain` is given. */
  issuer?: string | string[];
  /** The tenant domain (`your-tenant.us.monocloud.com`): the issuer is derived from it as in Swift. */
  tenantDomain?: string;
  /** The expected audience (one of `aud`; an array: any one of them). Required. */
  audience?: string | string[];
  /** The current time (Unix seconds or a Date); default: now. */
  now?: number | Date;
  /** Seconds added to the clock (default 0). */
  clockSkew?: number;
  /** Seconds of leeway for `exp`, `nbf` and `iat` (default 300). */
  clockTolerance?: number;
  /** Scopes the token must all have (`scope` string or `scp` array). */
  scopes?: string[];
  /** Groups of which the token must have one (or all, with `groupsMatchAll`), by id or name. */
  groups?: string[];
  /** The claim holding the groups (default `groups`). */
  groupsClaim?: string;
  /** Require every group in `groups` (default false: any one). */
  groupsMatchAll?: boolean;
  /** The accepted algorithms (default RS/PS/ES 256/384/512, EdDSA, Ed25519; list HS* to accept HMAC). */
  algorithms?: Algorithm[];
  /** Certificate-bound tokens (RFC 8705 `cnf.x5t#S256`); default `when_present`. */
  certificateBinding?: "when_present" | "required" | "dangerously_ignore";
  /** The base64url SHA-256 thumbprint of the client certificate of this request. */
  certificateThumbprint?: string;
  /** Require `exp` (default true, RFC 9068); false accepts tokens without it. */
  requireExpiration?: boolean;
  /** Refuse tokens whose `iat` is older than this many seconds (then `iat` is required). */
  maxTokenAge?: number;
  /** The JWS header `typ` must be one of these (e.g. `["at+jwt"]`); default: not checked. */
  requiredTypes?: string[];
}

/** A valid token's claims: its whole payload as signed. Integers beyond 2^53 lose precision. */
export interface Claims {
  iss: string;
  sub?: string;
  aud: string | string[];
  exp?: number;
  nbf?: number;
  iat?: number;
  jti?: string;
  client_id?: string;
  scope?: string;
  scp?: string[];
  groups?: Array<string | { id?: string; name?: string; [member: string]: unknown }>;
  cnf?: { "x5t#S256"?: string; [member: string]: unknown };
  [claim: string]: unknown;
}

/** One result of `validateBatch`, shaped like a line of `monocloud-validate --batch`. */
export type BatchResult =
  | { valid: true; claims: Claims }
  | { valid: false; error: TokenErrorCode | "internal_error"; message: string };

/** Where the module comes from (see `loadWasmModule`). */
export type WasmSource =
  | WebAssembly.Module
  | ArrayBuffer
  | ArrayBufferView
  | Response
  | PromiseLike<Response | ArrayBuffer | ArrayBufferView | WebAssembly.Module>
  | URL
  | string;

/** Options of `createMonoCloudValidator`: the module, and default `ValidationOptions`. */
export interface ValidatorConfig extends ValidationOptions {
  /** The module; default: `dist/monocloud-validator.wasm` of this package. */
  module?: WasmSource;
}

/** The module shipped in this package. */
export declare const defaultModuleURL: URL;

/**
 * Compiles the module from bytes, a `Response` or `fetch(…)` promise, a `URL` (`file:` read
 * from disk in Node, others fetched) or a string (URL with a scheme; else a path in Node, a
 * page-relative URL elsewhere).
 */
export declare function loadWasmModule(source?: WasmSource): Promise<WebAssembly.Module>;

/**
 * Loads the module and returns a validator with these defaults. Complete defaults (key set,
 * issuer, audience) are checked now: bad ones reject with `invalid_options` / `invalid_jwks`.
 */
export declare function createMonoCloudValidator(config?: ValidatorConfig): Promise<MonoCloudValidator>;

/** Validates tokens synchronously with one module instance (one per realm or worker). */
export declare class MonoCloudValidator {
  private constructor();
  /** The module's memory (for hosts that watch its size). */
  readonly memory: WebAssembly.Memory;
  /** The allocator's bytes in use; only the test build of the module reports it. */
  readonly heapBytesInUse: number | undefined;
  /** Replaces the default key set; throws `invalid_jwks` (keeping the old one) if unusable. */
  setJwks(jwks: JWKS | string): void;
  /** The claims of a valid token; otherwise throws `MonoCloudValidationError`. */
  validate(token: string, options?: ValidationOptions): Claims;
  /** One result per token; bad options or key set throw (status 2). */
  validateBatch(tokens: Iterable<string>, options?: ValidationOptions): BatchResult[];
}

/** The issuer derived from a tenant domain, or why it cannot be one. */
export declare function normalizeTenantDomain(tenantDomain: string): { issuer: string } | { problem: string };

/** The module's input limits, in bytes; longer input is refused before it is copied in. */
export declare const maximumTokenBytes: number;
export declare const maximumOptionsBytes: number;
export declare const maximumJWKSBytes: number;

/** The lower-level wrapper (monocloud-validator.mjs): key set and options on every call. */
export interface LowLevelValidator {
  validate(token: string, jwks: JWKS | string, options: Omit<ValidationOptions, "jwks" | "tenantDomain" | "now"> & { now?: number }): Claims;
  readonly memory: WebAssembly.Memory;
  heapBytesInUse(): number | undefined;
  /** Allocations the module has made so far; undefined except with the test build (`--heap-counter`). */
  heapAllocations(): number | undefined;
}
export declare function createValidator(wasm: BufferSource | WebAssembly.Module): Promise<LowLevelValidator>;
