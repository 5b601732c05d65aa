// Checks of the package API (index.mjs) that run unchanged in Node (package.test.mjs) and in
// Chromium (browser/index.html): the generated cases of Scripts/wasm_cases.py one by one and in
// batches, the sample token of Samples/, bad input of every kind from JavaScript, and memory
// that stays flat over many failed validations. Every function returns a report (counts and a
// list of failures) instead of asserting, so that both hosts judge the same numbers.

/** The generated cases: each alone, then grouped by key set and options through validateBatch. */
export async function checkGeneratedCases(api, module, suite, jwksFiles) {
  const failures = [];
  const validator = await api.createMonoCloudValidator({ module });
  let single = 0;
  for (const c of suite.cases) {
    single++;
    const outcome = outcomeOf(() => validator.validate(c.token, { ...c.options, jwks: jwksFiles[c.jwks_file] }));
    const problem = mismatch(c, outcome);
    if (problem) failures.push(`${c.name}: ${problem}`);
  }

  // One batch per (key set, options): the expected outcome of every token is its case's.
  const groups = new Map();
  for (const c of suite.cases) {
    const key = `${c.jwks_file} ${JSON.stringify(c.options)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(c);
  }
  let batched = 0;
  for (const cases of groups.values()) {
    const options = { ...cases[0].options, jwks: jwksFiles[cases[0].jwks_file] };
    const tokens = cases.map((c) => c.token);
    if (cases[0].status === 2) {
      // Bad options or key set: the whole batch throws, with the code of the cases.
      const outcome = outcomeOf(() => validator.validateBatch(tokens, options));
      batched += cases.length;
      if (outcome.error !== cases[0].error) failures.push(`batch of ${cases[0].name}: got ${describe(outcome)}`);
      continue;
    }
    const results = validator.validateBatch(tokens, options);
    if (results.length !== cases.length) failures.push(`batch of ${cases[0].name}: ${results.length} results`);
    results.forEach((result, i) => {
      batched++;
      const outcome = result.valid
        ? { status: 0, claims: result.claims }
        : { status: 1, error: result.error, message: result.message };
      const problem = mismatch(cases[i], outcome);
      if (problem) failures.push(`batch, ${cases[i].name}: ${problem}`);
    });
  }
  return { single, batched, cases: suite.cases.length, failures };
}

/**
 * The sample of Samples/ (RS256, valid until 2099) under the current time, with the key set as
 * text and as an object, given at creation or per call, the issuer given or derived from the
 * tenant domain; and a batch of it with two bad tokens.
 */
export async function checkSample(api, module, sample) {
  const failures = [];
  const { token, jwksText, issuer, audience } = sample;
  const jwksObject = JSON.parse(jwksText);
  const tenantDomain = issuer.replace(/^https:\/\//, "") + "/";
  const variants = [
    ["text at creation", { jwks: jwksText, issuer, audience }, undefined],
    ["object at creation", { jwks: jwksObject, issuer, audience }, undefined],
    ["per call", {}, { jwks: jwksText, issuer, audience }],
    ["tenantDomain", { jwks: jwksObject, tenantDomain, audience }, undefined],
    ["scope required per call", { jwks: jwksText, issuer, audience }, { scopes: ["read:messages"] }],
  ];
  let ran = 0;
  for (const [name, defaults, options] of variants) {
    ran++;
    const validator = await api.createMonoCloudValidator({ module, ...defaults });
    const outcome = outcomeOf(() => validator.validate(token, options));
    if (outcome.status !== 0 || outcome.claims.sub !== "sample-user" || outcome.claims.iss !== issuer) {
      failures.push(`sample, ${name}: ${describe(outcome)}`);
    }
  }
  const validator = await api.createMonoCloudValidator({ module, jwks: jwksText, issuer, audience });
  ran++;
  const refused = outcomeOf(() => validator.validate(token, { scopes: ["admin"] }));
  if (refused.error !== "insufficient_scope") failures.push(`sample, scope admin: ${describe(refused)}`);
  ran++;
  const results = validator.validateBatch([token, token.slice(0, -4), "garbage"]);
  const shape = results.map((r) => (r.valid ? "valid" : r.error)).join(" ");
  if (shape !== "valid invalid_token invalid_token" || results[0].claims.sub !== "sample-user") {
    failures.push(`sample batch: ${shape}`);
  }
  return { ran, failures };
}

/**
 * Bad input from JavaScript, for token, options and key set: every call must throw a
 * MonoCloudValidationError with the expected code and status and a message without the token.
 * Returns the report and the list of failing calls (reused by the memory check).
 */
export async function checkBadInput(api, module, sample) {
  const failures = [];
  const { token, jwksText, issuer, audience } = sample;
  const validator = await api.createMonoCloudValidator({ module, jwks: jwksText, issuer, audience });
  const calls = badInputCalls(api, validator, sample);
  for (const [name, expected, call] of calls) {
    try {
      call();
      failures.push(`${name}: accepted`);
    } catch (error) {
      if (!(error instanceof api.MonoCloudValidationError)) {
        failures.push(`${name}: ${error?.constructor?.name} ${error?.message}`);
      } else if (error.code !== expected || error.status !== statusOf(expected)) {
        failures.push(`${name}: ${error.code} (status ${error.status}), expected ${expected}`);
      } else if (!(error.message.length > 0) || error.message.includes(token.slice(-20))) {
        failures.push(`${name}: bad message`);
      }
    }
  }
  // The validator still works after all of that.
  const after = outcomeOf(() => validator.validate(token));
  if (after.status !== 0) failures.push(`after bad input: ${describe(after)}`);

  // Bad defaults fail at creation.
  let creations = 0;
  for (const [name, expected, defaults] of [
    ["jwks a number", "invalid_jwks", { jwks: 42 }],
    ["jwks not JSON", "invalid_jwks", { jwks: "{keys:", issuer, audience }],
    ["jwks without usable key", "invalid_jwks", { jwks: { keys: [{ kty: "RSA" }] }, issuer, audience }],
    ["unknown option", "invalid_options", { jwks: jwksText, issuer, audience, audiences: [] }],
    ["http tenant", "invalid_options", { jwks: jwksText, tenantDomain: "http://example.com", audience }],
    ["options an array", "invalid_options", []],
  ]) {
    creations++;
    try {
      await api.createMonoCloudValidator(Array.isArray(defaults) ? defaults : { module, ...defaults });
      failures.push(`creation, ${name}: accepted`);
    } catch (error) {
      if (!(error instanceof api.MonoCloudValidationError) || error.code !== expected) {
        failures.push(`creation, ${name}: ${error?.code ?? error?.message}`);
      }
    }
  }
  return { ran: calls.length, creations, failures };
}

/** [name, expected code, call] for every kind of bad input. */
export function badInputCalls(api, validator, sample) {
  const { token, jwksText } = sample;
  const cyclic = {};
  cyclic.self = cyclic;
  const [head, payload, signature] = token.split(".");
  const flipped = signature.slice(0, 10) + (signature[10] === "A" ? "B" : "A") + signature.slice(11);
  const tokens = [
    ["empty token", ""],
    ["garbage token", "garbage"],
    ["three dots", "..."],
    ["segments not base64url", "a*.b*.c*"],
    ["binary noise", "\u0000\u0001\u00ff.\ud800.\udfff"],
    ["lone surrogate", `${head}.${payload}.${signature}\ud800`],
    ["bad signature", `${head}.${payload}.${flipped}`],
    ["token of 65,537 bytes", "a".repeat(65_537)],
    ["token of 65,536 bytes", `${head}.${payload}.${"A".repeat(65_536 - head.length - payload.length - 2)}`],
    ["token of 4 MiB", "e".repeat(4 << 20)],
  ];
  const notStrings = [
    ["token a number", 42],
    ["token an object", { token }],
    ["token undefined", undefined],
    ["token null", null],
    ["token an array", [token]],
    ["token a boolean", true],
    ["token a BigInt", 1n],
    ["token a String object", new String(token)],
  ];
  const options = [
    ["options a number", 42],
    ["options a string", "issuer"],
    ["options null", null],
    ["options an array", []],
    ["options a boolean", true],
    ["audience a number", { audience: 42 }],
    ["scopes a string", { scopes: "read" }],
    ["scopes numbers", { scopes: [1, 2] }],
    ["now a string", { now: "1700000000" }],
    ["now NaN", { now: NaN }],
    ["now Infinity", { now: Infinity }],
    ["now fractional", { now: 1.5 }],
    ["now a BigInt", { now: 1n }],
    ["now an invalid Date", { now: new Date(NaN) }],
    ["clockSkew negative", { clockSkew: -1 }],
    ["cyclic option", { groups: cyclic }],
    ["unknown option", { audiences: ["x"] }],
    ["tenantDomain a number", { issuer: undefined, tenantDomain: 7 }],
    ["options of 70,000 bytes", { scopes: ["s".repeat(70_000)] }],
  ];
  const keySets = [
    ["jwks empty text", ""],
    ["jwks not JSON", "{keys:"],
    ["jwks JSON null", "null"],
    ["jwks an array", "[]"],
    ["jwks keys not an array", { keys: 5 }],
    ["jwks no usable key", { keys: [{ kty: "RSA", n: "AQAB", e: "AQAB" }] }],
    ["jwks a number", 42],
    ["jwks null", null],
    ["jwks a boolean", false],
    ["jwks cyclic", cyclic],
    ["jwks with a BigInt", { keys: [1n] }],
    ["jwks of 2 MiB", `{"keys":[],"pad":"${"p".repeat(2 << 20)}"}`],
  ];
  const calls = [];
  for (const [name, value] of tokens) calls.push([name, "invalid_token", () => validator.validate(value)]);
  for (const [name, value] of notStrings) calls.push([name, "invalid_token", () => validator.validate(value)]);
  for (const [name, value] of options) calls.push([name, "invalid_options", () => validator.validate(token, value)]);
  for (const [name, value] of keySets) calls.push([name, "invalid_jwks", () => validator.validate(token, { jwks: value })]);
  calls.push(["batch of a number", "invalid_token", () => validator.validateBatch(42)]);
  calls.push(["batch of a string", "invalid_token", () => validator.validateBatch(token)]);
  calls.push(["batch with bad options", "invalid_options", () => validator.validateBatch([token], { now: -1 })]);
  calls.push(["batch with bad key set", "invalid_jwks", () => validator.validateBatch([token], { jwks: "{" })]);
  calls.push(["setJwks not JSON", "invalid_jwks", () => validator.setJwks("{")]);
  calls.push(["huge token, bad options", "invalid_options", () => validator.validate("x".repeat(70_000), { now: -1 })]);
  calls.push(["huge token, bad jwks", "invalid_jwks", () => validator.validate("x".repeat(70_000), { jwks: "[]" })]);
  calls.push(["huge jwks, bad options", "invalid_options", () => validator.validate(token, { jwks: jwksText + " ".repeat(2 << 20), now: -1 })]);
  calls.push(["batch entry not a string", "invalid_token", () => {
    const [result] = validator.validateBatch([42]);
    throw new api.MonoCloudValidationError(result.error, result.message);
  }]);
  return calls;
}

/**
 * Memory after `rounds` failed validations (every kind of bad input, in turn) equals memory
 * after a warm-up: the module's linear memory and, with the test build, the allocator's bytes
 * in use. Returns the figures.
 */
export async function checkMemoryIsFlat(api, module, sample, rounds) {
  const validator = await api.createMonoCloudValidator({
    module, jwks: sample.jwksText, issuer: sample.issuer, audience: sample.audience,
  });
  // The costly calls run once every 200 rounds: big inputs (refused before they are copied;
  // repeating them would only measure string building), a signature check, and cyclic objects
  // (whose JSON.stringify error takes tens of milliseconds in a browser driven over DevTools).
  const calls = badInputCalls(api, validator, sample);
  const cheap = calls.filter(([name]) => !/MiB|65,53|70,000|huge|options of|cyclic|signature/.test(name));
  const big = calls.filter((call) => !cheap.includes(call));
  let thrown = 0;
  let untyped = 0;
  const run = (count) => {
    for (let i = 0; i < count; i++) {
      const [, , call] = i % 200 === 199 ? big[Math.floor(i / 200) % big.length] : cheap[i % cheap.length];
      try {
        call();
      } catch (error) {
        if (error instanceof api.MonoCloudValidationError) thrown++;
        else untyped++;
      }
    }
  };
  // Measured after the same three calls, so that the module's one-entry caches (key set,
  // options, validator) and its last result hold the same things both times: a bad key set and
  // bad options empty the caches, a valid call fills them again.
  let stillValid = true;
  const measure = () => {
    outcomeOf(() => validator.validate(sample.token, { jwks: "{" }));
    outcomeOf(() => validator.validate(sample.token, { now: -1 }));
    stillValid &&= outcomeOf(() => validator.validate(sample.token)).status === 0;
    return { memoryBytes: validator.memory.buffer.byteLength, heapBytesInUse: validator.heapBytesInUse };
  };
  // Warm-up: every call once (the wrapper's buffers grow to the largest input), then the mix
  // (the allocator's free lists reach their working size).
  for (const [, , call] of calls) {
    try {
      call();
    } catch {}
  }
  run(2_000);
  const before = measure();
  thrown = 0;
  const start = performance.now();
  run(rounds);
  const milliseconds = Math.round(performance.now() - start);
  const after = measure();
  return { rounds, thrown, untyped, before, after, stillValid, milliseconds };
}

function outcomeOf(call) {
  try {
    return { status: 0, claims: call() };
  } catch (error) {
    return { status: error?.status, error: error?.code, message: error?.message, name: error?.name };
  }
}

/** Why `outcome` does not match case `c`, or undefined. */
function mismatch(c, outcome) {
  if (outcome.status !== c.status) return `expected status ${c.status} ${c.error ?? ""}, got ${describe(outcome)}`;
  if (c.status === 0) return c.claims && !sameJSON(outcome.claims, c.claims) ? "claims differ" : undefined;
  if (outcome.error !== c.error || !(outcome.message?.length > 0)) return `expected ${c.error}, got ${describe(outcome)}`;
  if (outcome.name !== undefined && outcome.name !== "MonoCloudValidationError") return `thrown as ${outcome.name}`;
  return undefined;
}

function describe(outcome) {
  return `status ${outcome.status} ${outcome.error ?? ""} (${outcome.message ?? ""})`;
}

function statusOf(code) {
  return code === "invalid_options" || code === "invalid_jwks" ? 2 : code === "internal_error" ? 3 : 1;
}

function sameJSON(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameJSON(a[key], b[key]));
}
