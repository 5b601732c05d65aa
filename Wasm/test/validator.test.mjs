// Runs the generated offline cases (Scripts/wasm_cases.py) through the WebAssembly module and,
// when MC_NATIVE_CLI is set, through the native `monocloud-validate --jwks` CLI, and checks that
// both give the expected outcome. Run by Scripts/ci-wasm.sh:
//   MC_WASM_MODULE=…/monocloud-validator.wasm MC_WASM_CASES=DIR [MC_NATIVE_CLI=…] node --test Wasm/test/
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createValidator } from "../monocloud-validator.mjs";

const modulePath = process.env.MC_WASM_MODULE;
const casesDir = process.env.MC_WASM_CASES;
const cliPath = process.env.MC_NATIVE_CLI;
if (!modulePath || !casesDir) throw new Error("set MC_WASM_MODULE and MC_WASM_CASES (see Scripts/ci-wasm.sh)");

const wasmBytes = readFileSync(modulePath);
const suite = JSON.parse(readFileSync(join(casesDir, "cases.json"), "utf8"));
const jwksText = (file) => readFileSync(join(casesDir, file), "utf8");

test("the module imports nothing and exports exactly the C ABI", async () => {
  const module = await WebAssembly.compile(wasmBytes);
  assert.deepEqual(WebAssembly.Module.imports(module), []);
  const names = WebAssembly.Module.exports(module).map((e) => e.name).sort();
  assert.deepEqual(names, ["mc_alloc", "mc_free", "mc_result_len", "mc_result_ptr", "mc_validate", "memory"]);
});

test("every case gives the expected outcome in the module", async () => {
  const validator = await createValidator(wasmBytes);
  const failures = [];
  let ran = 0;
  for (const c of suite.cases) {
    ran++;
    let outcome;
    try {
      outcome = { status: 0, claims: validator.validate(c.token, jwksText(c.jwks_file), c.options) };
    } catch (error) {
      if (!error.code) throw error;
      outcome = { status: error.status, error: error.code, message: error.message };
    }
    const got = `status ${outcome.status} ${outcome.error ?? ""} (${outcome.message ?? ""})`;
    if (outcome.status !== c.status) {
      failures.push(`${c.name}: expected status ${c.status} ${c.error ?? ""}, got ${got}`);
    } else if (c.status === 0) {
      if (c.claims) {
        try {
          assert.deepEqual(outcome.claims, c.claims);
        } catch {
          failures.push(`${c.name}: claims differ`);
        }
      }
    } else if (outcome.error !== c.error || !(outcome.message?.length > 0)) {
      failures.push(`${c.name}: expected ${c.error}, got ${got}`);
    }
  }
  assert.deepEqual(failures, []);
  assert.equal(ran, suite.cases.length);
  assert.ok(ran >= 70, `only ${ran} cases`);
});

test("the raw C ABI: statuses, result JSON and error objects", async () => {
  const { instance } = await WebAssembly.instantiate(wasmBytes, {});
  const x = instance.exports;
  const enc = new TextEncoder();
  const put = (text) => {
    const bytes = enc.encode(text);
    const p = x.mc_alloc(bytes.length);
    assert.notEqual(p, 0);
    new Uint8Array(x.memory.buffer, p, bytes.length).set(bytes);
    return [p, bytes.length];
  };
  const result = () =>
    JSON.parse(new TextDecoder().decode(new Uint8Array(x.memory.buffer, x.mc_result_ptr(), x.mc_result_len())));
  const valid = suite.cases.find((c) => c.status === 0 && c.cli);
  const [t, tl] = put(valid.token);
  const [j, jl] = put(jwksText(valid.jwks_file));
  const [o, ol] = put(JSON.stringify(valid.options));
  assert.equal(x.mc_validate(t, tl, j, jl, o, ol), 0);
  assert.deepEqual(result(), valid.claims);
  // A token rejected: exactly {"error", "message"}.
  assert.equal(x.mc_validate(t, tl - 3, j, jl, o, ol), 1);
  assert.deepEqual(Object.keys(result()), ["error", "message"]);
  assert.equal(result().error, "invalid_token");
  // Options that are not JSON, JWKS that is not JSON.
  assert.equal(x.mc_validate(t, tl, j, jl, o, 3), 2);
  assert.equal(result().error, "invalid_options");
  assert.equal(x.mc_validate(t, tl, j, 5, o, ol), 2);
  assert.equal(result().error, "invalid_jwks");
  // `now` is required at this level (the wrapper fills it in).
  const { now, ...withoutNow } = valid.options;
  assert.equal(typeof now, "number");
  const [n, nl] = put(JSON.stringify(withoutNow));
  assert.equal(x.mc_validate(t, tl, j, jl, n, nl), 2);
  assert.equal(result().error, "invalid_options");
  assert.match(result().message, /now/);
  x.mc_free(n);
  // Zero lengths and null pointers read as empty input.
  assert.equal(x.mc_validate(0, 0, j, jl, o, ol), 1);
  assert.equal(x.mc_validate(t, tl, 0, 0, o, ol), 2);
  assert.equal(x.mc_validate(t, tl, j, jl, 0, 0), 2);
  for (const p of [t, j, o]) x.mc_free(p);
  x.mc_free(0);
});

test("the wrapper sees options changed in place between calls", async () => {
  // The wrapper keeps the serialized options while they stay equal: every change must show.
  const validator = await createValidator(wasmBytes);
  const c = suite.cases.find((x) => x.status === 0 && x.options.now !== undefined);
  assert.ok(c, "a valid case");
  const jwks = jwksText(c.jwks_file);
  const options = structuredClone(c.options);
  const outcome = () => {
    try {
      validator.validate(c.token, jwks, options);
      return "valid";
    } catch (error) {
      return error.code;
    }
  };
  assert.equal(outcome(), "valid");
  options.audience = "https://not-the-audience.example";
  assert.equal(outcome(), "invalid_token");
  options.audience = c.options.audience;
  assert.equal(outcome(), "valid");
  options.scopes = [];
  assert.equal(outcome(), "valid");
  options.scopes.push("scope-nobody-has"); // mutated inside an array
  assert.equal(outcome(), "insufficient_scope");
  options.scopes.pop();
  assert.equal(outcome(), "valid");
  options.now = c.options.now + 10 * 365 * 86400; // only `now` changes: long expired
  assert.equal(outcome(), "invalid_token");
  options.now = c.options.now;
  options.unknownOption = true; // a new member: the module rejects unknown options
  assert.equal(outcome(), "invalid_options");
  delete options.unknownOption;
  assert.equal(outcome(), "valid");
});

test("memory does not grow over 10,000 validations", async () => {
  const validator = await createValidator(wasmBytes);
  // Valid and rejected tokens and bad options, alternating, so that every path allocates;
  // key sets alternate too, so that the key-set cache is rebuilt again and again.
  const mix = suite.cases.filter((c) => c.status !== 2 || c.error === "invalid_options");
  assert.ok(mix.length >= 60);
  const run = (count) => {
    for (let i = 0; i < count; i++) {
      const c = mix[i % mix.length];
      try {
        validator.validate(c.token, jwksText(c.jwks_file), c.options);
      } catch (error) {
        if (!error.code) throw error;
      }
    }
  };
  run(1_000); // warm-up: the allocator's free lists reach their working size
  const before = validator.memory.buffer.byteLength;
  run(10_000);
  assert.equal(validator.memory.buffer.byteLength, before);
});

test("the native CLI agrees with the module on every case", { skip: !cliPath && "MC_NATIVE_CLI not set" }, async () => {
  const validator = await createValidator(wasmBytes);
  const failures = [];
  let compared = 0;
  let skipped = 0;
  for (const c of suite.cases) {
    if (!c.cli) {
      if (!c.cli_reason) failures.push(`${c.name}: CLI skipped without a reason`);
      skipped++;
      continue;
    }
    const native = runCLI(c);
    let wasm;
    try {
      wasm = { status: 0, claims: validator.validate(c.token, jwksText(c.jwks_file), c.options) };
    } catch (error) {
      wasm = { status: error.status, error: error.code };
    }
    compared++;
    const context = `${c.name}: CLI exit ${native.status} ${native.stderr}; module ${wasm.status} ${wasm.error ?? ""}`;
    if (native.status !== wasm.status || native.status !== c.status) {
      failures.push(`expected ${c.status}: ${context}`);
    } else if (wasm.status === 0) {
      try {
        assert.deepEqual(native.claims, wasm.claims);
      } catch {
        failures.push(`${c.name}: claims differ`);
      }
    } else if (wasm.status === 1 && (native.error !== wasm.error || native.error !== c.error)) {
      failures.push(`expected ${c.error}: ${context}`);
    }
  }
  assert.deepEqual(failures, []);
  assert.equal(compared + skipped, suite.cases.length);
  assert.ok(compared >= 60, `only ${compared} cases compared`);
});

test("the native CLI --batch agrees with the module", { skip: !cliPath && "MC_NATIVE_CLI not set" }, async () => {
  const validator = await createValidator(wasmBytes);
  // One batch per key set, with the base options (the tokens' expected outcomes under them
  // come from the module, which the per-case test already checked against expectations).
  const base = { issuer: suite.issuer, audience: suite.audience, now: suite.now };
  let compared = 0;
  for (const file of [...new Set(suite.cases.filter((c) => c.status !== 2).map((c) => c.jwks_file))]) {
    const tokens = suite.cases
      .filter((c) => c.jwks_file === file && c.cli && c.token.length > 0 && !/\s/.test(c.token))
      .map((c) => c.token);
    const args = ["--jwks", join(casesDir, file), ...cliFlags(base), "--batch"];
    const run = spawnSync(cliPath, args, {
      input: tokens.join("\n") + "\n",
      encoding: "utf8",
      timeout: 60_000,
      env: cliEnvironment(),
    });
    assert.equal(run.status, 0, `batch exit ${run.status}: ${run.stderr}`);
    const lines = run.stdout.split("\n").filter((line) => line.length > 0);
    assert.equal(lines.length, tokens.length, `one line per token: ${run.stderr}`);
    tokens.forEach((token, i) => {
      const native = JSON.parse(lines[i]);
      let wasm;
      try {
        wasm = { valid: true, claims: validator.validate(token, jwksText(file), base) };
      } catch (error) {
        wasm = { valid: false, error: error.code };
      }
      assert.equal(native.valid, wasm.valid, `token ${i} of ${file}: ${lines[i]}`);
      if (wasm.valid) assert.deepEqual(native.claims, wasm.claims);
      else assert.equal(native.error, wasm.error, `token ${i} of ${file}`);
      compared++;
    });
  }
  assert.ok(compared >= 50, `only ${compared} tokens compared`);
});

// The CLI flags for the options of a case (the CLI contract), as --name=value so that values such as
// -5 stay values. The issuer is given as the tenant domain (already normalized here).
function cliFlags(options) {
  const flags = [];
  const add = (name, value) => flags.push(`--${name}=${value}`);
  if (options.issuer !== undefined) add("tenant-domain", options.issuer);
  if (options.audience !== undefined) add("audience", options.audience);
  if (options.now !== undefined) add("now", options.now);
  if (options.clockSkew !== undefined) add("clock-skew", options.clockSkew);
  if (options.clockTolerance !== undefined) add("clock-tolerance", options.clockTolerance);
  for (const scope of options.scopes ?? []) add("scope", scope);
  for (const group of options.groups ?? []) add("group", group);
  if (options.groupsClaim !== undefined) add("groups-claim", options.groupsClaim);
  if (options.groupsMatchAll !== undefined) add("groups-match-all", options.groupsMatchAll);
  return flags;
}

// The CLI runs without any MONOCLOUD_BACKEND_* variable of the caller's environment.
function cliEnvironment() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("MONOCLOUD_BACKEND_")));
}

function runCLI(c) {
  const args = ["--jwks", join(casesDir, c.jwks_file), ...cliFlags(c.options), "-"];
  const run = spawnSync(cliPath, args, { input: c.token, encoding: "utf8", timeout: 30_000, env: cliEnvironment() });
  const outcome = { status: run.status, stderr: run.stderr.trim() };
  if (run.status === 0) outcome.claims = JSON.parse(run.stdout);
  const match = /^error: ([a-z_]+):/m.exec(run.stderr);
  if (match) outcome.error = match[1];
  return outcome;
}
