#!/usr/bin/env bash
# The fully static offline validator against the SwiftPM release build: one `--batch` run of
# N tokens (default 20,000) per algorithm with each binary, on the same token file.
# Prints one JSON line per algorithm: CPU seconds (user + sys) and wall seconds of each run,
# tokens per CPU second, the ratio static / release (>= 0.9 is the goal), the static run's
# peak RSS (goal <= 8 MiB), and how many tokens each accepted ("all_valid"). HS256 is in the
# table although the command-line tool allows no HS* algorithm (it has no flag for them): both
# builds reject those tokens ("the algorithm HS256 is not allowed"), so that row times only
# the rejection path.
#
# Usage: Scripts/bench-static.sh [STATIC_BINARY [RELEASE_BINARY]]
#   STATIC_BINARY   default: built by Scripts/build-static.sh --offline-only into .build-static/dist
#   RELEASE_BINARY  default: swift build -c release --product monocloud-validate-offline
# MONOCLOUD_BENCH_TOKENS=N changes the batch size. Keys and tokens are fresh (python
# `cryptography`), one file per algorithm: RS256 and PS256 (RSA 2048), ES256, ES384, ES512,
# EdDSA (Ed25519), HS256 (an `oct` JWKS).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
count=${MONOCLOUD_BENCH_TOKENS:-20000}
static=${1:-}
release=${2:-}
if [[ -z $static ]]; then
  Scripts/build-static.sh --offline-only >&2
  static="$root/.build-static/dist/monocloud-validate-offline"
fi
if [[ -z $release ]]; then
  swift build -c release --product monocloud-validate-offline >&2
  release="$(swift build -c release --show-bin-path)/monocloud-validate-offline"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$count" <<'PY'
import base64, json, os, sys
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

out, count = sys.argv[1], int(sys.argv[2])

def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

def uint(value, size=0):
    return value.to_bytes(max(size, (value.bit_length() + 7) // 8), "big")

def ec_key(curve, size):
    key = ec.generate_private_key(curve)
    n = key.public_key().public_numbers()
    crv = {256: "P-256", 384: "P-384", 521: "P-521"}[curve.key_size]
    return key, {"kty": "EC", "crv": crv, "x": b64(uint(n.x, size)), "y": b64(uint(n.y, size))}

def ec_signer(key, digest, size):
    def sign(data):
        r, s = decode_dss_signature(key.sign(data, ec.ECDSA(digest)))
        return uint(r, size) + uint(s, size)
    return sign

rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
rsa_numbers = rsa_key.public_key().public_numbers()
rsa_jwk = {"kty": "RSA", "n": b64(uint(rsa_numbers.n)), "e": b64(uint(rsa_numbers.e))}
p256, p256_jwk = ec_key(ec.SECP256R1(), 32)
p384, p384_jwk = ec_key(ec.SECP384R1(), 48)
p521, p521_jwk = ec_key(ec.SECP521R1(), 66)
ed = ed25519.Ed25519PrivateKey.generate()
ed_jwk = {"kty": "OKP", "crv": "Ed25519", "x": b64(ed.public_key().public_bytes_raw())}
secret = os.urandom(32)

def hs256(data):
    mac = hmac.HMAC(secret, hashes.SHA256())
    mac.update(data)
    return mac.finalize()

algorithms = {
    "RS256": (rsa_jwk, lambda d: rsa_key.sign(d, padding.PKCS1v15(), hashes.SHA256())),
    "PS256": (rsa_jwk, lambda d: rsa_key.sign(
        d, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA256())),
    "ES256": (p256_jwk, ec_signer(p256, hashes.SHA256(), 32)),
    "ES384": (p384_jwk, ec_signer(p384, hashes.SHA384(), 48)),
    "ES512": (p521_jwk, ec_signer(p521, hashes.SHA512(), 66)),
    "EdDSA": (ed_jwk, ed.sign),
    "HS256": ({"kty": "oct", "k": b64(secret)}, hs256),
}
for alg, (jwk, sign) in algorithms.items():
    kid = "bench-" + alg.lower()
    with open(f"{out}/jwks-{alg}.json", "w") as f:
        json.dump({"keys": [dict(jwk, kid=kid, alg=alg, use="sig")]}, f)
    header = b64(json.dumps({"alg": alg, "typ": "at+jwt", "kid": kid}, separators=(",", ":")).encode())
    with open(f"{out}/tokens-{alg}.txt", "w") as f:
        for index in range(count):
            claims = {"iss": "https://bench.example.com", "sub": f"user-{index}", "aud": "https://api.bench.example.com",
                      "iat": 1700000000, "exp": 1700003600, "jti": f"{alg}-{index}", "scope": "read write"}
            signing_input = header + "." + b64(json.dumps(claims, separators=(",", ":")).encode())
            f.write(signing_input + "." + b64(sign(signing_input.encode())) + "\n")
PY

measure() {  # binary algorithm -> "cpu wall rss valid"
  local binary=$1 algorithm=$2
  /usr/bin/time -f '%U %S %e %M' -o "$work/time" "$binary" --jwks "$work/jwks-$algorithm.json" \
    --issuer https://bench.example.com --audience https://api.bench.example.com --now 1700000100 --batch \
    <"$work/tokens-$algorithm.txt" >"$work/answers" 2>"$work/errors"
  local valid
  valid=$(grep -c '^{"valid":true' "$work/answers" || true)
  awk -v valid="$valid" '{printf "%.3f %.3f %d %d\n", $1 + $2, $3, $4, valid}' "$work/time"
}

for algorithm in RS256 PS256 ES256 ES384 ES512 EdDSA HS256; do
  read -r release_cpu release_wall release_rss release_valid < <(measure "$release" "$algorithm")
  read -r static_cpu static_wall static_rss static_valid < <(measure "$static" "$algorithm")
  awk -v alg="$algorithm" -v n="$count" -v rc="$release_cpu" -v rw="$release_wall" -v rr="$release_rss" \
    -v rv="$release_valid" -v sc="$static_cpu" -v sw="$static_wall" -v sr="$static_rss" -v sv="$static_valid" \
    'function rate(cpu) { return cpu > 0 ? n / cpu : 0 }
    BEGIN {
      printf "{\"algorithm\":\"%s\",\"tokens\":%d,\"release_cpu_s\":%.3f,\"static_cpu_s\":%.3f,", alg, n, rc, sc
      printf "\"release_wall_s\":%.3f,\"static_wall_s\":%.3f,", rw, sw
      printf "\"release_tokens_per_cpu_s\":%.0f,\"static_tokens_per_cpu_s\":%.0f,", rate(rc), rate(sc)
      printf "\"ratio\":%.3f,", (rate(rc) > 0 ? rate(sc) / rate(rc) : 0)
      printf "\"release_max_rss_kib\":%d,\"static_max_rss_kib\":%d,", rr, sr
      printf "\"release_valid\":%d,\"static_valid\":%d,", rv, sv
      printf "\"all_valid\":%s}\n", (rv == n && sv == n ? "true" : "false")
    }'
done
