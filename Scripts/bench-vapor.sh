#!/usr/bin/env bash
# Load benchmark of the Vapor integration (outside CI): builds the example API and the mock
# OpenID provider in release, starts both on loopback, drives the API with wrk and prints one
# JSON line per scenario: name, requests_per_second, p50_ms, p99_ms, non_2xx (and requests,
# socket_errors). The goal: each JWT route at least 90% of the unprotected route's requests/s
# (printed last as jwt-vs-unprotected).
#   BENCH_SECONDS (default 10) per scenario; BENCH_CONNECTIONS (default 32).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
package="$root/Integrations/MonoCloudVapor"
seconds="${BENCH_SECONDS:-10}"
connections="${BENCH_CONNECTIONS:-32}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is missing" >&2; exit 2; }

echo "building the example and the mock provider (release)..." >&2
(cd "$package" && swift build -c release --product monocloud-vapor-example >&2 \
  && swift build -c release --product monocloud-mock-provider >&2)
bin="$(cd "$package" && swift build -c release --show-bin-path)"

work="$(mktemp -d)"
provider_pid=""
api_pid=""
cleanup() {
  if [[ -n "$api_pid" ]]; then kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; fi
  if [[ -n "$provider_pid" ]]; then kill "$provider_pid" 2>/dev/null || true; wait "$provider_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$bin/monocloud-mock-provider" "$work" >"$work/provider.log" 2>&1 &
provider_pid=$!
for _ in $(seq 100); do [[ -s "$work/issuer" ]] && break; sleep 0.1; done
[[ -s "$work/issuer" ]] || { echo "the mock provider did not start:" >&2; cat "$work/provider.log" >&2; exit 1; }
issuer="$(cat "$work/issuer")"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
env MONOCLOUD_BACKEND_TENANT_DOMAIN="$issuer" MONOCLOUD_BACKEND_AUDIENCE="https://api.example.com" \
  MONOCLOUD_BACKEND_CLIENT_ID="resource-server" MONOCLOUD_BACKEND_CLIENT_SECRET="resource-secret" \
  "$bin/monocloud-vapor-example" serve --env production --log error --hostname 127.0.0.1 --port "$port" \
  >"$work/api.log" 2>&1 &
api_pid=$!
api="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -fs "$api/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$api/health" >/dev/null || { echo "the example API did not start:" >&2; cat "$work/api.log" >&2; exit 1; }
: >"$work/none"

# run NAME PATH TOKENS: one wrk run, one JSON line (kept in $work/results for the ratio).
run() {
  local name="$1" path="$2" tokens="$3" figures
  figures="$(BENCH_TOKENS="$tokens" wrk -t2 -c"$connections" -d"${seconds}s" \
    -s "$package/Bench/wrk-report.lua" "$api$path" | tail -1)"
  echo "{\"name\":\"$name\",${figures#\{}" | tee -a "$work/results"
}

# Warm-up: fills the discovery, JWKS and introspection caches and the connection pools.
for kind in rs256 es256 eddsa opaque; do
  BENCH_TOKENS="$work/$kind" wrk -t1 -c4 -d1s -s "$package/Bench/wrk-report.lua" "$api/orders" >/dev/null
done
BENCH_TOKENS="$work/none" wrk -t1 -c4 -d1s -s "$package/Bench/wrk-report.lua" "$api/health" >/dev/null

run unprotected /health "$work/none"
run jwt-rs256 /orders "$work/rs256"
run jwt-es256 /orders "$work/es256"
run jwt-eddsa /orders "$work/eddsa"
run introspection-cached /orders "$work/opaque"

python3 - "$work/results" <<'PY'
import json, sys
runs = {line["name"]: line for line in map(json.loads, open(sys.argv[1]))}
base = runs["unprotected"]["requests_per_second"]
ratios = {name: round(run["requests_per_second"] / base, 3) for name, run in runs.items() if name.startswith("jwt-")}
print(json.dumps({"name": "jwt-vs-unprotected", "ratios": ratios, "goal": 0.9,
                  "met": all(value >= 0.9 for value in ratios.values())}))
PY
