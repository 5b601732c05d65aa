// Compiled (never run) by check.sh against index.d.ts, as a TypeScript user imports the package.
import {
  createMonoCloudValidator,
  createValidator,
  errorCodes,
  loadWasmModule,
  MonoCloudValidationError,
  type BatchResult,
  type Claims,
  type MonoCloudErrorCode,
} from "@monocloud/backend-wasm";

export async function use(token: string, bytes: Uint8Array): Promise<string | undefined> {
  const validator = await createMonoCloudValidator({
    module: fetch("/monocloud-validator.wasm"),
    jwks: { keys: [{ kty: "RSA", kid: "k", n: "AQAB", e: "AQAB" }] },
    tenantDomain: "tenant.example.com",
    audience: "https://api.example.com",
  });
  const claims: Claims = validator.validate(token, { scopes: ["read"], now: new Date() });
  const results: BatchResult[] = validator.validateBatch([token, token], { groups: ["admins"], groupsMatchAll: true });
  for (const result of results) {
    if (result.valid) console.log(result.claims.iss);
    else console.log(result.error, result.message);
  }
  try {
    validator.validate(token, { jwks: "{\"keys\":[]}", algorithms: ["ES256", "EdDSA"] });
  } catch (error) {
    if (error instanceof MonoCloudValidationError) {
      const code: MonoCloudErrorCode = error.code;
      const status: 1 | 2 | 3 = error.status;
      console.log(code, status, errorCodes.includes(code));
    }
  }
  await loadWasmModule(new URL("https://example.com/m.wasm"));
  await loadWasmModule(bytes);
  const low = await createValidator(await loadWasmModule("/path/m.wasm"));
  low.validate(token, "{}", { issuer: "i", audience: "a", now: 1 });
  validator.setJwks("{\"keys\":[]}");
  const memory: WebAssembly.Memory = validator.memory;
  console.log(memory.buffer.byteLength, validator.heapBytesInUse);
  // @ts-expect-error: scopes is an array of strings
  validator.validate(token, { scopes: "read" });
  // @ts-expect-error: unknown certificate binding mode
  validator.validate(token, { certificateBinding: "sometimes" });
  // @ts-expect-error: the token is a string
  validator.validate(42);
  return claims.sub;
}
