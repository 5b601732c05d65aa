#!/usr/bin/env bash
# Regenerates the README quick-start sample (Samples/): with --new-key, first a fresh throwaway
# RSA 2048 signing key (python `cryptography`, written as a private JWK, RS256); then, with the
# key in Samples/signing-key.private.jwk.json, the public JWKS, the discovery document and the
# token, signed by MonoCloudJOSE's own signer (Tests/MonoCloudValidateTests/CLISampleTests.swift).
# RS256 is deterministic, so re-running without --new-key reproduces the committed files.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [[ ${1:-} == --new-key ]]; then
  python3 - <<'PY'
import base64, json
from cryptography.hazmat.primitives.asymmetric import rsa

def b64(value):
    return base64.urlsafe_b64encode(value.to_bytes((value.bit_length() + 7) // 8, "big")).rstrip(b"=").decode()

key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
private, public = key.private_numbers(), key.public_key().public_numbers()
jwk = {"kty": "RSA", "kid": "sample-2026", "use": "sig", "alg": "RS256", "n": b64(public.n), "e": b64(public.e),
       "d": b64(private.d), "p": b64(private.p), "q": b64(private.q), "dp": b64(private.dmp1),
       "dq": b64(private.dmq1), "qi": b64(private.iqmp)}
with open("Samples/signing-key.private.jwk.json", "w") as f:
    json.dump(jwk, f, indent=2)
    f.write("\n")
PY
fi
MONOCLOUD_REGENERATE_SAMPLES=1 swift test --filter CLISampleTests
