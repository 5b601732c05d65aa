// Full JWT validations per second through the WebAssembly module and the JavaScript wrapper
// (copy in, mc_validate, JSON.parse of the claims), mirroring monocloud-bench's jwt-* cases:
// a six-key JWKS (three RSA-2048, three P-256; six oct keys for HS256), ~300 bytes of claims,
// one required scope and one required group.
//
//   node Wasm/bench.mjs MODULE.wasm [--seconds S] [--native FILE]
//
// Prints one JSON line per benchmark: {"name": "wasm-jwt-rs256", "ops_per_sec": X} (main-thread CPU
// time; "process_cpu_ops_per_sec" counts the whole process's CPU time). With
// --native FILE (monocloud-bench --json output), adds "native_ops_per_sec" and "slowdown"
// (native / wasm) for the matching native benchmark.
import { createHmac, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { createValidator } from "./monocloud-validator.mjs";

const args = process.argv.slice(2);
const modulePath = args.find((a) => !a.startsWith("--") && !isFlagValue(a));
let seconds = 2;
let nativeFile;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--seconds") seconds = Number(args[++i]);
  if (args[i] === "--native") nativeFile = args[++i];
}
function isFlagValue(a) {
  const i = args.indexOf(a);
  return i > 0 && (args[i - 1] === "--seconds" || args[i - 1] === "--native");
}
if (!modulePath || !(seconds > 0)) {
  console.error("usage: node Wasm/bench.mjs MODULE.wasm [--seconds S] [--native FILE]");
  process.exit(2);
}

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
const options = { issuer, audience, now, scopes: ["read:orders"], groups: ["Editors"] };

const b64 = (buffer) => Buffer.from(buffer).toString("base64url");
function token(alg, kid, signer) {
  const input = `${b64(JSON.stringify({ alg, kid, typ: "at+jwt" }))}.${b64(JSON.stringify(claims))}`;
  return `${input}.${b64(signer(Buffer.from(input)))}`;
}

function asymmetricCase(kind, alg) {
  const keys = [];
  let signingKey;
  for (let i = 0; i < 6; i++) {
    const rsa = i < 3;
    const pair = rsa
      ? generateKeyPairSync("rsa", { modulusLength: 2048 })
      : generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = pair.publicKey.export({ format: "jwk" });
    const keyAlg = rsa ? "RS256" : "ES256";
    keys.push({ ...jwk, kid: `${rsa ? "rsa" : "ec"}-${i}`, alg: keyAlg, use: "sig" });
    if (keyAlg === alg && (i === 1 || i === 4)) signingKey = { kid: `${rsa ? "rsa" : "ec"}-${i}`, pair };
  }
  const signer =
    kind === "rsa"
      ? (data) => sign("sha256", data, signingKey.pair.privateKey)
      : (data) => sign("sha256", data, { key: signingKey.pair.privateKey, dsaEncoding: "ieee-p1363" });
  return { jwks: JSON.stringify({ keys }), token: token(alg, signingKey.kid, signer), options };
}

function hmacCase() {
  const keys = [];
  const secrets = [];
  for (let i = 0; i < 6; i++) {
    secrets.push(randomBytes(32));
    keys.push({ kty: "oct", kid: `hs-${i}`, alg: "HS256", k: b64(secrets[i]) });
  }
  const signer = (data) => createHmac("sha256", secrets[3]).update(data).digest();
  return {
    jwks: JSON.stringify({ keys }),
    token: token("HS256", "hs-3", signer),
    options: { ...options, algorithms: ["HS256"] },
  };
}

const cases = [
  ["jwt-rs256", asymmetricCase("rsa", "RS256")],
  ["jwt-es256", asymmetricCase("ec", "ES256")],
  ["jwt-hs256", hmacCase()],
];

/** The main thread's CPU time in nanoseconds (Linux), or undefined. */
function threadCpuNanoseconds() {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ")[0]);
  } catch {
    return undefined;
  }
}

const native = new Map();
if (nativeFile) {
  for (const line of readFileSync(nativeFile, "utf8").split("\n")) {
    if (!line.trim().startsWith("{")) continue;
    const entry = JSON.parse(line);
    native.set(entry.name, entry.ops_per_sec);
  }
}

const validator = await createValidator(readFileSync(modulePath));
let failed = false;
for (const [name, c] of cases) {
  // Never time rejections: a case the module does not accept is reported and skipped.
  try {
    const result = validator.validate(c.token, c.jwks, c.options);
    if (result.jti !== claims.jti) throw new Error("unexpected claims");
  } catch (error) {
    console.error(`wasm-${name}: not measured: ${error.code ?? ""} ${error.message}`);
    failed = true;
    continue;
  }
  for (let i = 0; i < 50; i++) validator.validate(c.token, c.jwks, c.options); // warm-up
  // CPU time of the main thread, like monocloud-bench's thread CPU time: on Linux from the
  // scheduler's nanosecond count (/proc/self/task/<tid>/schedstat), read only at the start and
  // the end (the loop itself checks the cheap wall clock). Elsewhere, and as a second figure,
  // process CPU time (user + system), which also counts V8's compiler and GC helper threads.
  let ops = 0;
  const threadStart = threadCpuNanoseconds();
  const processStart = process.cpuUsage();
  const deadline = performance.now() + seconds * 1e3;
  while (performance.now() < deadline) {
    for (let i = 0; i < 20; i++) validator.validate(c.token, c.jwks, c.options);
    ops += 20;
  }
  const threadEnd = threadCpuNanoseconds();
  const processUsed = process.cpuUsage(processStart);
  const processElapsed = processUsed.user + processUsed.system;
  const elapsed = threadStart !== undefined && threadEnd !== undefined ? (threadEnd - threadStart) / 1e3 : processElapsed;
  const rate = Math.round((ops * 1e6) / elapsed);
  const line = { name: `wasm-${name}`, ops_per_sec: rate, process_cpu_ops_per_sec: Math.round((ops * 1e6) / processElapsed) };
  if (native.has(name)) {
    line.native_ops_per_sec = native.get(name);
    line.slowdown = Math.round((native.get(name) / rate) * 100) / 100;
  }
  console.log(JSON.stringify(line));
}
if (failed) process.exit(1);
