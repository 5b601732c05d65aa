// Full JWT validations per second through the WebAssembly module and the package API
// (index.mjs: copy in, mc_validate, JSON.parse of the claims), mirroring monocloud-bench's jwt-*
// cases: RS256, PS256, ES256, ES384, ES512 and EdDSA over a six-key JWKS with one key of each kind
// (RSA-2048 twice, P-256, P-384, P-521, Ed25519), HS256 over six oct keys; ~300 bytes of claims,
// one required scope and one required group. Keys and tokens are made fresh by node:crypto.
//
//   node Wasm/bench.mjs MODULE.wasm [--seconds S] [--iterations N] [--native FILE] [--heap-counter FILE]
//                       [--jose [--rounds R]]
//
// Default: one JSON line per algorithm, {"name": "wasm-jwt-rs256", "ops_per_sec": X,
// "process_cpu_ops_per_sec": Y}: main-thread CPU time (Linux), and the whole process's CPU time
// (which adds V8's compiler and GC helper threads).
// --native FILE: monocloud-bench --json output (`monocloud-bench --json --filter jwt`); each line
// gains "native_ops_per_sec", "slowdown" (native / wasm) and "goal_met" (slowdown <= 3).
// --jose: side by side with the `jose` package (panva/jose 4 or later, which verifies through
// node:crypto, i.e. OpenSSL), the same tokens and checks: R interleaved rounds (default 5) of S
// seconds each (default 0.5), alternating which side goes first; one line per algorithm,
// {"name": "wasm-vs-jose-rs256", "wasm_ops_per_sec", "jose_ops_per_sec", "ratio" (wasm / jose,
// medians of the rounds), "goal_met" (ratio >= 1)}. jose is imported by name, so install it or
// point NODE_PATH at it (Debian's node-jose: NODE_PATH=/usr/share/nodejs).
// --iterations N: exactly N validations per measurement instead of S seconds (a smoke test).
// --heap-counter FILE: the test build of the module (Scripts/build-wasm.sh --heap-counter, the
// same code plus allocation counters); each default-mode line gains "allocations_per_op", the
// module's heap allocations per validation in steady state (also added when MODULE itself is
// that build).
import { createHmac, constants, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createMonoCloudValidator } from "./index.mjs";
import { createValidator } from "./monocloud-validator.mjs";

const usage =
  "usage: node Wasm/bench.mjs MODULE.wasm [--seconds S] [--iterations N] [--native FILE] [--heap-counter FILE] [--jose [--rounds R]]";
const settings = parseArguments(process.argv.slice(2));

const now = 1_750_000_000;
const issuer = "https://tenant.us.monocloud.example";
const audience = "https://api.example.com";
const claims = {
  iss: issuer,
  sub: "usr_2b9f8c1e4d7a4c0e9f31",
  aud: [audience],
  iat: now - 60,
  nbf: now - 60,
  exp: now + 3540,
  jti: "b7d6f1f2-0c4e-4d8e-9f3a-51a2c3d4e5f6",
  client_id: "cli_5e8f0a2b",
  scope: "openid profile read:orders write:orders",
  groups: ["staff", "admins", { id: "g-42", name: "Editors" }],
};
const requirements = { scopes: ["read:orders"], groups: ["Editors"] };

const cases = makeCases();
const validators = new Map();
for (const c of cases) {
  const validator = await createMonoCloudValidator({
    module: readFileSync(settings.modulePath), jwks: c.jwksText, issuer, audience, now, ...requirements,
    ...(c.alg === "HS256" ? { algorithms: ["HS256"] } : {}),
  });
  validators.set(c.name, () => validator.validate(c.token));
}

let failed = false;
if (settings.jose) await compareWithJose();
else measureWasm(await allocationCounts());
if (failed) process.exit(1);

/**
 * Heap allocations per validation for each case, through the heap-counter build (--heap-counter,
 * or MODULE when it is that build): one instance per case, warmed up, then 100 validations
 * counted. Empty when no such build is given.
 */
async function allocationCounts() {
  const counts = new Map();
  const path = settings.heapCounterPath ?? settings.modulePath;
  const bytes = readFileSync(path);
  for (const c of cases) {
    const validator = await createValidator(bytes);
    if (validator.heapAllocations() === undefined) {
      if (settings.heapCounterPath) fail(`${path} does not count allocations (build it with --heap-counter)`);
      return counts;
    }
    const options = { issuer, audience, now, ...requirements, ...(c.alg === "HS256" ? { algorithms: ["HS256"] } : {}) };
    const validate = () => validator.validate(c.token, c.jwksText, options);
    for (let i = 0; i < 20; i++) validate();
    const rounds = 100;
    const before = validator.heapAllocations();
    for (let i = 0; i < rounds; i++) validate();
    counts.set(c.name, (validator.heapAllocations() - before) / rounds);
  }
  return counts;
}

/** The default and --native modes. */
function measureWasm(allocations) {
  const native = readNative(settings.nativeFile);
  for (const c of cases) {
    const validate = validators.get(c.name);
    if (!accepts(`wasm-${c.name}`, validate)) continue;
    for (let i = 0; i < 50; i++) validate(); // warm-up
    const rate = measureSync(validate, settings.seconds);
    const line = { name: `wasm-${c.name}`, ops_per_sec: rate.thread, process_cpu_ops_per_sec: rate.process };
    if (allocations.has(c.name)) line.allocations_per_op = allocations.get(c.name);
    if (native.has(c.name)) {
      line.native_ops_per_sec = native.get(c.name);
      line.slowdown = round2(native.get(c.name) / rate.thread);
      line.goal_met = line.slowdown <= 3;
    } else if (settings.nativeFile) {
      line.native_ops_per_sec = null; // the native benchmark has no such case
    }
    console.log(JSON.stringify(line));
  }
}

/** --jose: interleaved rounds, medians of the per-round rates. */
async function compareWithJose() {
  const jose = await importJose();
  if (!jose) {
    console.error("wasm-vs-jose: the jose package is not importable (npm install jose, or NODE_PATH=/usr/share/nodejs with Debian's node-jose)");
    process.exit(2);
  }
  const version = joseVersion();
  for (const c of cases) {
    const wasm = validators.get(c.name);
    const keySet = await joseKeySet(jose, c);
    const verifyOptions = { issuer, audience, algorithms: [c.alg], currentDate: new Date(now * 1000) };
    const viaJose = async () => {
      const { payload } = await jose.jwtVerify(c.token, keySet, verifyOptions);
      checkRequirements(payload); // what the module checks beyond jose's claim checks
      return payload;
    };
    if (!accepts(`wasm-vs-jose-${c.name}: wasm`, wasm) || !(await acceptsAsync(`wasm-vs-jose-${c.name}: jose`, viaJose))) continue;
    for (let i = 0; i < 50; i++) wasm(), await viaJose(); // warm-up
    const wasmRates = [];
    const joseRates = [];
    for (let round = 0; round < settings.rounds; round++) {
      const measureJose = async () => joseRates.push((await measureAsync(viaJose, settings.seconds)).thread);
      const measureWasmOnce = () => wasmRates.push(measureSync(wasm, settings.seconds).thread);
      if (round % 2 === 0) measureWasmOnce(), await measureJose();
      else await measureJose(), measureWasmOnce();
    }
    const wasmRate = median(wasmRates);
    const joseRate = median(joseRates);
    const ratio = round2(wasmRate / joseRate);
    console.log(JSON.stringify({
      name: `wasm-vs-jose-${c.name}`, wasm_ops_per_sec: wasmRate, jose_ops_per_sec: joseRate, ratio,
      goal_met: ratio >= 1, rounds: settings.rounds, jose_version: version,
    }));
  }
}

/**
 * jose's key lookup: its local JWKS for the asymmetric sets; for the oct set (which jose's
 * JWKS helpers refuse) the keys imported once and selected by `kid`.
 */
async function joseKeySet(jose, c) {
  const jwks = JSON.parse(c.jwksText);
  if (c.alg !== "HS256") return jose.createLocalJWKSet(jwks);
  const keys = new Map();
  for (const jwk of jwks.keys) keys.set(jwk.kid, await jose.importJWK(jwk, jwk.alg));
  return (header) => {
    const key = keys.get(header.kid);
    if (key === undefined) throw new Error("no key with this kid");
    return key;
  };
}

function checkRequirements(payload) {
  const scopes = typeof payload.scope === "string" ? payload.scope.split(" ") : [];
  if (!requirements.scopes.every((s) => scopes.includes(s))) throw new Error("insufficient_scope");
  const groups = Array.isArray(payload.groups) ? payload.groups : [];
  const member = (g) => groups.some((x) => x === g || (x !== null && typeof x === "object" && (x.id === g || x.name === g)));
  if (!requirements.groups.some(member)) throw new Error("insufficient_groups");
}

function makeCases() {
  const b64 = (buffer) => Buffer.from(buffer).toString("base64url");
  const tokenFor = (alg, kid, signer) => {
    const input = `${b64(JSON.stringify({ alg, kid, typ: "at+jwt" }))}.${b64(JSON.stringify(claims))}`;
    return `${input}.${b64(signer(Buffer.from(input)))}`;
  };
  // One key of each kind, as monocloud-bench's JWKS: [kid, alg, key pair, signer].
  const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
  const ec = (namedCurve) => generateKeyPairSync("ec", { namedCurve });
  const ecdsa = (hash) => (pair) => (data) => sign(hash, data, { key: pair.privateKey, dsaEncoding: "ieee-p1363" });
  const kinds = [
    ["rsa-rs256", "RS256", rsa(), (pair) => (data) => sign("sha256", data, pair.privateKey)],
    ["rsa-ps256", "PS256", rsa(), (pair) => (data) =>
      sign("sha256", data, { key: pair.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })],
    ["ec-p256", "ES256", ec("P-256"), ecdsa("sha256")],
    ["ec-p384", "ES384", ec("P-384"), ecdsa("sha384")],
    ["ec-p521", "ES512", ec("P-521"), ecdsa("sha512")],
    ["okp-ed25519", "EdDSA", generateKeyPairSync("ed25519"), (pair) => (data) => sign(null, data, pair.privateKey)],
  ];
  const jwksText = JSON.stringify({
    keys: kinds.map(([kid, alg, pair]) => ({ ...pair.publicKey.export({ format: "jwk" }), kid, alg, use: "sig" })),
  });
  const result = kinds.map(([kid, alg, pair, signer]) => ({
    name: `jwt-${alg.toLowerCase()}`, alg, jwksText, token: tokenFor(alg, kid, signer(pair)),
  }));
  // HMAC: a set of six oct keys (a mixed set never enables HS*).
  const secrets = Array.from({ length: 6 }, () => randomBytes(32));
  result.push({
    name: "jwt-hs256", alg: "HS256",
    jwksText: JSON.stringify({ keys: secrets.map((k, i) => ({ kty: "oct", kid: `hs-${i}`, alg: "HS256", k: b64(k) })) }),
    token: tokenFor("HS256", "hs-3", (data) => createHmac("sha256", secrets[3]).update(data).digest()),
  });
  return result;
}

/** Rates of `operation` (synchronous) over S seconds or N iterations: main thread and process CPU. */
function measureSync(operation, seconds) {
  let ops = 0;
  const start = cpuClocks();
  if (settings.iterations) {
    for (; ops < settings.iterations; ops++) operation();
  } else {
    const deadline = performance.now() + seconds * 1e3;
    while (performance.now() < deadline) {
      for (let i = 0; i < 20; i++) operation();
      ops += 20;
    }
  }
  return ratesSince(start, ops);
}

async function measureAsync(operation, seconds) {
  let ops = 0;
  const start = cpuClocks();
  if (settings.iterations) {
    for (; ops < settings.iterations; ops++) await operation();
  } else {
    const deadline = performance.now() + seconds * 1e3;
    while (performance.now() < deadline) {
      for (let i = 0; i < 20; i++) await operation();
      ops += 20;
    }
  }
  return ratesSince(start, ops);
}

// CPU time of the main thread, like monocloud-bench's thread CPU time: on Linux from the
// scheduler's nanosecond count (/proc/self/task/<tid>/schedstat), read only at the start and the
// end. Elsewhere, and as a second figure, process CPU time (user + system).
function cpuClocks() {
  return { thread: threadCpuNanoseconds(), process: process.cpuUsage() };
}

function ratesSince(start, ops) {
  const end = threadCpuNanoseconds();
  const used = process.cpuUsage(start.process);
  const processMicros = used.user + used.system;
  const threadMicros = start.thread !== undefined && end !== undefined ? (end - start.thread) / 1e3 : processMicros;
  return { thread: Math.round((ops * 1e6) / threadMicros), process: Math.round((ops * 1e6) / processMicros) };
}

function threadCpuNanoseconds() {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ")[0]);
  } catch {
    return undefined;
  }
}

/** Never time rejections: a side that does not accept its token is reported and skipped. */
function accepts(label, validate) {
  try {
    if (validate().jti !== claims.jti) throw new Error("unexpected claims");
    return true;
  } catch (error) {
    console.error(`${label}: not measured: ${error.code ?? ""} ${error.message}`);
    failed = true;
    return false;
  }
}

async function acceptsAsync(label, validate) {
  try {
    if ((await validate()).jti !== claims.jti) throw new Error("unexpected claims");
    return true;
  } catch (error) {
    console.error(`${label}: not measured: ${error.code ?? ""} ${error.message}`);
    failed = true;
    return false;
  }
}

/** jose by name: from node_modules, else through require (which honours NODE_PATH). */
async function importJose() {
  try {
    return await import("jose");
  } catch {}
  try {
    return createRequire(import.meta.url)("jose");
  } catch {
    return undefined;
  }
}

function joseVersion() {
  try {
    const require = createRequire(import.meta.url);
    return JSON.parse(readFileSync(require.resolve("jose/package.json"), "utf8")).version;
  } catch {
    return undefined;
  }
}

function readNative(file) {
  const native = new Map();
  if (!file) return native;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim().startsWith("{")) continue;
    const entry = JSON.parse(line);
    native.set(entry.name, entry.ops_per_sec);
  }
  return native;
}

function parseArguments(args) {
  const result = { seconds: undefined, rounds: 5, jose: false };
  for (let i = 0; i < args.length; i++) {
    const value = () => args[++i];
    if (args[i] === "--seconds") result.seconds = Number(value());
    else if (args[i] === "--iterations") result.iterations = Number(value());
    else if (args[i] === "--native") result.nativeFile = value();
    else if (args[i] === "--rounds") result.rounds = Number(value());
    else if (args[i] === "--heap-counter") result.heapCounterPath = value();
    else if (args[i] === "--jose") result.jose = true;
    else if (!args[i].startsWith("--") && result.modulePath === undefined) result.modulePath = args[i];
    else fail(`unknown argument ${args[i]}`);
  }
  result.seconds ??= result.jose ? 0.5 : 2;
  const positive = (n) => Number.isFinite(n) && n > 0;
  if (!result.modulePath || !positive(result.seconds) || !Number.isInteger(result.rounds) || result.rounds < 1 ||
      (result.iterations !== undefined && !(Number.isInteger(result.iterations) && result.iterations > 0))) {
    fail("bad arguments");
  }
  return result;
}

function fail(reason) {
  console.error(`${reason}\n${usage}`);
  process.exit(2);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}

function round2(value) {
  return Math.round(value * 100) / 100;
}
