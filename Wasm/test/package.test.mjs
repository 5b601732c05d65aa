// The npm package (Wasm/package.json, index.mjs) in Node: its shape and `npm pack` contents,
// every way of loading the module, and the checks of shared/conformance.mjs (which the browser
// test runs too). Run by Scripts/ci-wasm.sh:
//   MC_WASM_MODULE=… MC_WASM_CASES=DIR [MC_WASM_HEAP_COUNTER_MODULE=…] node --test Wasm/test/
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as api from "../index.mjs";
import { checkBadInput, checkGeneratedCases, checkMemoryIsFlat, checkSample } from "./shared/conformance.mjs";

const modulePath = process.env.MC_WASM_MODULE;
const casesDir = process.env.MC_WASM_CASES;
const heapCounterPath = process.env.MC_WASM_HEAP_COUNTER_MODULE;
if (!modulePath || !casesDir) throw new Error("set MC_WASM_MODULE and MC_WASM_CASES (see Scripts/ci-wasm.sh)");

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const wasmBytes = readFileSync(modulePath);
const compiled = await WebAssembly.compile(wasmBytes);
const suite = JSON.parse(readFileSync(join(casesDir, "cases.json"), "utf8"));
const jwksFiles = Object.fromEntries(
  readdirSync(casesDir).filter((f) => f.startsWith("jwks-")).map((f) => [f, readFileSync(join(casesDir, f), "utf8")]));
const samplesDir = new URL("../../Samples/", import.meta.url);
const sample = {
  token: readFileSync(new URL("token.jwt", samplesDir), "utf8").trim(),
  jwksText: readFileSync(new URL("jwks.json", samplesDir), "utf8"),
  issuer: JSON.parse(readFileSync(new URL("metadata.json", samplesDir), "utf8")).issuer,
  audience: "https://api.example.com",
};

test("package.json: ESM exports, types and files that exist", () => {
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  assert.equal(manifest.type, "module");
  assert.deepEqual(manifest.exports["."], { types: "./index.d.ts", default: "./index.mjs" });
  assert.equal(manifest.types, "./index.d.ts");
  assert.equal(manifest.exports["./monocloud-validator.wasm"], "./dist/monocloud-validator.wasm");
  for (const file of manifest.files) assert.ok(readFileSync(join(packageDir, file)).length > 0, file);
  // The package ships the module under test.
  assert.ok(readFileSync(join(packageDir, "dist/monocloud-validator.wasm")).equals(wasmBytes));
});

test("npm pack lists exactly the files a user needs", { skip: !hasNpm() && "npm is not installed" }, () => {
  const run = spawnSync("npm", ["pack", "--dry-run", "--json"], { cwd: packageDir, encoding: "utf8", timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const files = JSON.parse(run.stdout)[0].files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    "README.md", "dist/monocloud-validator.wasm", "index.d.ts", "index.mjs", "monocloud-validator.mjs", "package.json",
  ]);
});

test("the module loads from bytes, a path, URLs, a Response, fetch and a compiled Module", async () => {
  const server = await serve(wasmBytes);
  try {
    const base = `http://127.0.0.1:${server.address().port}`;
    const sources = [
      ["Buffer", wasmBytes],
      ["ArrayBuffer", wasmBytes.buffer.slice(wasmBytes.byteOffset, wasmBytes.byteOffset + wasmBytes.length)],
      ["Uint8Array", new Uint8Array(wasmBytes)],
      ["path", modulePath],
      ["file URL", pathToFileURL(modulePath)],
      ["file URL text", pathToFileURL(modulePath).href],
      ["Response", new Response(wasmBytes, { headers: { "content-type": "application/wasm" } })],
      ["fetch promise (streaming)", fetch(`${base}/module.wasm`)],
      ["fetch promise (other content type)", fetch(`${base}/plain`)],
      ["http URL", new URL(`${base}/module.wasm`)],
      ["http URL text", `${base}/module.wasm`],
      ["WebAssembly.Module", compiled],
      ["promise of bytes", Promise.resolve(wasmBytes)],
    ];
    for (const [name, module] of sources) {
      const validator = await api.createMonoCloudValidator({ module, jwks: sample.jwksText, issuer: sample.issuer, audience: sample.audience });
      assert.equal(validator.validate(sample.token).sub, "sample-user", name);
    }
    assert.equal(sources.length, 13);
    await assert.rejects(api.loadWasmModule(fetch(`${base}/missing`)), /HTTP 404/);
    await assert.rejects(api.loadWasmModule(42), TypeError);
  } finally {
    server.close();
  }
});

test("without a module, the package loads its own dist/monocloud-validator.wasm", async () => {
  assert.equal(fileURLToPath(api.defaultModuleURL), join(packageDir, "dist/monocloud-validator.wasm"));
  const validator = await api.createMonoCloudValidator({ jwks: sample.jwksText, tenantDomain: "example.monocloud.com", audience: sample.audience });
  assert.equal(validator.validate(sample.token).client_id, "sample-client");
});

test("every generated case, alone and in batches", async () => {
  const report = await checkGeneratedCases(api, compiled, suite, jwksFiles);
  assert.deepEqual(report.failures, []);
  assert.equal(report.single, suite.cases.length);
  assert.equal(report.batched, suite.cases.length);
  assert.ok(report.cases >= 70, `only ${report.cases} cases`);
});

test("the sample token, every way of giving the key set and the issuer", async () => {
  const report = await checkSample(api, compiled, sample);
  assert.deepEqual(report.failures, []);
  assert.equal(report.ran, 7);
});

test("bad input from JavaScript gives typed errors", async () => {
  const report = await checkBadInput(api, compiled, sample);
  assert.deepEqual(report.failures, []);
  assert.equal(report.ran, 58);
  assert.equal(report.creations, 6);
});

test("memory stays flat over 100,000 failed validations", async (t) => {
  // The test build exports the allocator's bytes in use; the shipped one only shows its memory.
  const module = heapCounterPath ? await WebAssembly.compile(readFileSync(heapCounterPath)) : compiled;
  if (!heapCounterPath) t.diagnostic("MC_WASM_HEAP_COUNTER_MODULE not set: checking linear memory only");
  const report = await checkMemoryIsFlat(api, module, sample, 100_000);
  t.diagnostic(JSON.stringify(report));
  assert.equal(report.thrown, 100_000);
  assert.equal(report.untyped, 0);
  assert.equal(report.after.memoryBytes, report.before.memoryBytes);
  if (heapCounterPath) {
    assert.equal(typeof report.before.heapBytesInUse, "number");
    assert.equal(report.after.heapBytesInUse, report.before.heapBytesInUse);
  }
  assert.ok(report.stillValid);
});

test("the lower-level wrapper throws MonoCloudValidationError and refuses huge input before copying", async () => {
  const validator = await api.createValidator(compiled);
  const options = { issuer: sample.issuer, audience: sample.audience };
  assert.equal(validator.validate(sample.token, sample.jwksText, options).sub, "sample-user");
  const before = validator.memory.buffer.byteLength;
  for (const [token, jwks, code] of [
    ["x".repeat(10 << 20), sample.jwksText, "invalid_token"],
    [sample.token, `{"keys":[${" ".repeat(10 << 20)}]}`, "invalid_jwks"],
  ]) {
    assert.throws(() => validator.validate(token, jwks, options), (error) =>
      error instanceof api.MonoCloudValidationError && error.code === code && error.status === 2 - (code === "invalid_token"));
  }
  assert.equal(validator.memory.buffer.byteLength, before);
  // The module's own message for a token one byte over its limit is the wrapper's.
  const module = spawnModuleMessage(compiled, "a".repeat(api.maximumTokenBytes + 1), sample.jwksText, options);
  assert.throws(() => validator.validate("a".repeat(api.maximumTokenBytes + 1), sample.jwksText, options), { message: module });
});

test("a trap in the module is an internal_error and the next call gets a fresh instance", async () => {
  // A stand-in module with the same C ABI whose mc_validate traps, and counts its instances.
  const validator = await api.createMonoCloudValidator({
    module: trappingModule(), jwks: sample.jwksText, issuer: sample.issuer, audience: sample.audience,
  });
  const firstMemory = validator.memory;
  for (let i = 0; i < 3; i++) {
    assert.throws(() => validator.validate(sample.token), (error) =>
      error instanceof api.MonoCloudValidationError && error.code === "internal_error" && error.status === 3);
  }
  assert.notEqual(validator.memory, firstMemory);
  const results = validator.validateBatch([sample.token, "x"]);
  assert.deepEqual(results.map((r) => r.error), ["internal_error", "internal_error"]);
});

test("tenant domains become issuers as in the Swift client", () => {
  const table = [
    ["tenant.example.com", "https://tenant.example.com"],
    ["https://tenant.example.com///", "https://tenant.example.com"],
    ["  https://Tenant.example.com:8443 ", "https://Tenant.example.com:8443"],
    ["http://localhost:8080/", "http://localhost:8080"],
    ["http://127.0.0.1", "http://127.0.0.1"],
    ["http://[::1]:9000", "http://[::1]:9000"],
    ["http://example.com", undefined],
    ["ftp://example.com", undefined],
    ["https://example.com?x=1", undefined],
    ["https://user@example.com", undefined],
    ["https://example.com:port", undefined],
    ["", undefined],
  ];
  for (const [input, issuer] of table) assert.equal(api.normalizeTenantDomain(input).issuer, issuer, input);
  assert.equal(table.length, 12);
});

/** The message the raw module gives for this input (bypassing the wrapper's size checks). */
function spawnModuleMessage(module, token, jwks, options) {
  const x = new WebAssembly.Instance(module, {}).exports;
  const put = (text) => {
    const bytes = new TextEncoder().encode(text);
    const pointer = x.mc_alloc(bytes.length);
    new Uint8Array(x.memory.buffer, pointer, bytes.length).set(bytes);
    return [pointer, bytes.length];
  };
  const status = x.mc_validate(...put(token), ...put(jwks), ...put(JSON.stringify({ ...options, now: 1_800_000_000 })));
  assert.equal(status, 1);
  return JSON.parse(new TextDecoder().decode(new Uint8Array(x.memory.buffer, x.mc_result_ptr(), x.mc_result_len()))).message;
}

/**
 * The smallest module with the C ABI: mc_alloc always returns 1024, mc_validate executes
 * `unreachable` (a trap), the result is empty. Written as bytes (the binary format, version 1).
 */
function trappingModule() {
  const section = (id, bytes) => [id, bytes.length, ...bytes];
  const vector = (items) => [items.length, ...items.flat()];
  const name = (text) => [text.length, ...new TextEncoder().encode(text)];
  const i32 = 0x7f;
  const types = vector([[0x60, 1, i32, 1, i32], [0x60, 1, i32, 0], [0x60, 6, i32, i32, i32, i32, i32, i32, 1, i32], [0x60, 0, 1, i32]]);
  const exports = vector([
    [...name("memory"), 2, 0], [...name("mc_alloc"), 0, 0], [...name("mc_free"), 0, 1],
    [...name("mc_validate"), 0, 2], [...name("mc_result_ptr"), 0, 3], [...name("mc_result_len"), 0, 4],
  ]);
  const body = (...code) => [code.length + 2, 0, ...code, 0x0b]; // size, no locals, code, end
  const bodies = vector([body(0x41, 0x80, 0x08), body(), body(0x00), body(0x41, 0), body(0x41, 0)]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, types), ...section(3, vector([[0], [1], [2], [3], [3]])), ...section(5, vector([[0, 1]])),
    ...section(7, exports), ...section(10, bodies),
  ]);
}

function hasNpm() {
  return spawnSync("npm", ["--version"], { encoding: "utf8" }).status === 0;
}

/** A local HTTP server: /module.wasm as application/wasm, /plain as octet-stream, else 404. */
function serve(bytes) {
  const server = createServer((request, response) => {
    if (request.url === "/module.wasm" || request.url === "/plain") {
      response.writeHead(200, { "content-type": request.url === "/plain" ? "application/octet-stream" : "application/wasm" });
      response.end(bytes);
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}
