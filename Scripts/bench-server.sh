#!/usr/bin/env bash
# Load and outage benchmark of the Hummingbird integration (outside CI): builds the example
# API in release, starts the mock OpenID provider (Integrations/MonoCloudHummingbird/Bench/
# mock_op.py) and the API on loopback, drives them with wrk and prints one JSON line per
# scenario: name, requests_per_second, p50_ms, p99_ms, non_2xx (+ socket errors, request count
# and, where it matters, the provider's fetch counts during the scenario).
#   BENCH_SECONDS (default 10) per steady scenario; BENCH_CONNECTIONS (default 32).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
package="$root/Integrations/MonoCloudHummingbird"
bench="$package/Bench"
seconds="${BENCH_SECONDS:-10}"
connections="${BENCH_CONNECTIONS:-32}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
python3 -c 'import cryptography' 2>/dev/null || { echo "python3 needs the cryptography package" >&2; exit 2; }

echo "building the example (release)..." >&2
(cd "$package" && swift build -c release --product monocloud-hummingbird-example >&2)
example="$(cd "$package" && swift build -c release --show-bin-path)/monocloud-hummingbird-example"

work="$(mktemp -d)"
op_pid=""
api_pid=""
cleanup() {
  [[ -n "$api_pid" ]] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true
  [[ -n "$op_pid" ]] && kill "$op_pid" 2>/dev/null && wait "$op_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

python3 "$bench/mock_op.py" >"$work/op.out" 2>"$work/op.err" &
op_pid=$!
for _ in $(seq 50); do [[ -s "$work/op.out" ]] && break; sleep 0.1; done
op_port="$(head -1 "$work/op.out")"
op="http://127.0.0.1:$op_port"

# start_api [ENV…]: (re)starts the example API with the MONOCLOUD_BACKEND_* settings plus ENV.
api=""
start_api() {
  if [[ -n "$api_pid" ]]; then kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; fi
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  env MONOCLOUD_BACKEND_TENANT_DOMAIN="$op" MONOCLOUD_BACKEND_AUDIENCE="https://api.example.com" \
    MONOCLOUD_BACKEND_CLIENT_ID="bench" MONOCLOUD_BACKEND_CLIENT_SECRET="bench-secret" "$@" \
    PORT="$port" "$example" >>"$work/api.log" 2>&1 &
  api_pid=$!
  api="http://127.0.0.1:$port"
  for _ in $(seq 100); do curl -fs "$api/health" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "the example API did not start:" >&2
  cat "$work/api.log" >&2
  exit 1
}

curl -fs "$op/mint?kid=rsa-1" >"$work/rs256"
curl -fs "$op/mint?kid=ec-1" >"$work/es256"
curl -fs "$op/mint?kid=rsa-2" >"$work/rotated"
curl -fs "$op/opaque" >"$work/opaque"
curl -fs "$op/mint-unknown?n=2000" >"$work/unknown"
: >"$work/none"

stats() { curl -fs "$op/stats"; }
# run NAME PATH TOKENS DURATION [EXTRA_JSON]: one wrk run, one JSON line.
run() {
  local name="$1" path="$2" tokens="$3" duration="$4"
  local before after figures
  before="$(stats)"
  figures="$(BENCH_TOKENS="$tokens" wrk -t2 -c"$connections" -d"${duration}s" -s "$bench/wrk-report.lua" "$api$path" \
    | tail -1)"
  after="$(stats)"
  python3 - "$name" "$figures" "$before" "$after" <<'PY'
import json, sys
name, figures, before, after = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[4])
line = {"name": name, **figures}
line["op_fetches"] = {k: after[k] - before[k] for k in after}
print(json.dumps(line), flush=True)
PY
}

warm_up() {
  BENCH_TOKENS="$work/rs256" wrk -t1 -c4 -d2s -s "$bench/wrk-report.lua" "$api/orders" >/dev/null
  BENCH_TOKENS="$work/es256" wrk -t1 -c4 -d1s -s "$bench/wrk-report.lua" "$api/orders" >/dev/null
  BENCH_TOKENS="$work/opaque" wrk -t1 -c4 -d1s -s "$bench/wrk-report.lua" "$api/orders" >/dev/null
}

# Steady state, default cache lifetimes (300 s), after a warm-up that fills the caches.
start_api
warm_up
run unprotected /health "$work/none" "$seconds"
run jwt-rs256 /orders "$work/rs256" "$seconds"
run jwt-es256 /orders "$work/es256" "$seconds"
run introspection-cached /orders "$work/opaque" "$seconds"

# (c) Flood of unknown kids next to valid traffic: the unknown ones are refused (401, counted
# in the attacker run's non_2xx), the valid run must see none, and the provider sees at most
# one JWKS fetch per 30 s refresh cooldown.
BENCH_TOKENS="$work/unknown" wrk -t1 -c16 -d"${seconds}s" -s "$bench/wrk-report.lua" "$api/orders" \
  >"$work/flood.out" &
flood=$!
run unknown-kid-flood-valid-traffic /orders "$work/rs256" "$seconds"
wait "$flood"
python3 - "$(tail -1 "$work/flood.out")" <<'PY'
import json, sys
print(json.dumps({"name": "unknown-kid-flood-attacker", **json.loads(sys.argv[1])}))
PY

# Outage and rotation: a fresh API whose discovery and JWKS caches live 5 s, so that both
# scenarios cross refreshes.
start_api MONOCLOUD_BACKEND_JWKS_CACHE_DURATION=5 MONOCLOUD_BACKEND_METADATA_CACHE_DURATION=5
warm_up

# (a) Discovery and JWKS answer 503 for 10 s in the middle of a 20 s run with valid tokens:
# the cached keys keep serving (stale-if-error) although their 5 s lifetime runs out.
( sleep 5; curl -fs -X POST "$op/control/down?on=1" >/dev/null; sleep 10
  curl -fs -X POST "$op/control/down?on=0" >/dev/null ) &
outage=$!
run outage-jwks-down-10s /orders "$work/rs256" 20
wait "$outage"

# (b) Key rotation: the provider publishes rsa-2 and from then on half the traffic carries
# tokens signed by it. The first new kid triggers one refresh shared by the requests waiting
# for it; no valid token may fail.
sleep 31   # the refresh retry interval after the outage
curl -fs -X POST "$op/control/rotate" >/dev/null
printf '%s\n%s\n' "$(cat "$work/rs256")" "$(cat "$work/rotated")" >"$work/mixed"
run key-rotation /orders "$work/mixed" "$seconds"
