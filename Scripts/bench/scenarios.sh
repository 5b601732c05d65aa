# shellcheck shell=bash
# Load and outage scenarios shared by Scripts/bench-server.sh (Hummingbird) and
# Scripts/bench-vapor.sh (Vapor); sourced, not run. The sourcing script builds its example API,
# defines
#   launch_api PORT VAR=value…   exec the API on 127.0.0.1:PORT with the variables added to its
#                                environment (exec, so that the background pid is the API's)
# and calls bench_run_all. This file starts the mock OpenID provider (mock_op.py beside it),
# drives the API with wrk on loopback and prints one JSON line per scenario: name, requests,
# requests_per_second, p50_ms, p99_ms, non_2xx, socket_errors, op_fetches (the provider's
# discovery/JWKS/introspection fetches during the run) and api_cpu_us_per_request (the API's
# CPU time per request); last a jwt-vs-unprotected summary. The unprotected-rs256-header line
# is the unprotected route sent the RS256 token's header, which it ignores: the summary's
# ratios_vs_unprotected_rs256_header separate the validator's cost from that of a longer
# request. The summary's ratios divide the median rounds; its paired_ratios take each round's
# JWT run over the same round's unprotected run and give the median, which a shared machine's
# slow spells disturb less; paired_api_cpu_ratios do the same with the API's CPU time. The
# no-op-middleware-rs256-header line is the unprotected route's answer behind a middleware that
# does nothing (the example's /reference/no-op-middleware, on with BENCH_REFERENCE_ROUTES=1),
# sent the RS256 request: the summary's paired_ratio_no_op_middleware_rs256_header is the most
# any token middleware can reach on the machine, the framework's own cost of a token and a
# middleware. The login-only-rs256-header line is /orders' answer behind a middleware that hands
# the handler fixed claims without reading the token (Vapor: `req.auth.login`, read back with
# `req.monocloud.claims`; Hummingbird: the request context), the example's /reference/login-only:
# paired_ratio_login_only_rs256_header is the most a token middleware with the framework's
# identity API can reach; the rest of a JWT route's gap is the validation's. The
# jwt-rs256-many-tokens line is /orders sent 256 valid RS256 tokens of 256 callers in turn (each
# verified once, then answered from the verified-token cache), the traffic of many users rather
# than of one busy caller: paired_ratio_jwt_rs256_many_tokens.
#
# Settings (environment):
#   BENCH_SECONDS        seconds per steady scenario (default 10; the outage run is always 20 s)
#   BENCH_CONNECTIONS    wrk connections (default 16: enough to load two cores while p99 stays
#                        a latency, not a queue length)
#   BENCH_ROUNDS         interleaved rounds of the steady scenarios (default 5); each steady line
#                        is its median round
#   BENCH_CONFIGURATION  release (default) or debug: debug only proves that the scripts run
#   BENCH_API_ENV        extra VAR=value pairs (space-separated) for every API start, e.g. to
#                        turn on a MonoCloudBackend option such as a verified-token cache.
#                        MONOCLOUD_BACKEND_* variables already in the environment reach the API too.

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds="${BENCH_SECONDS:-10}"
connections="${BENCH_CONNECTIONS:-16}"
configuration="${BENCH_CONFIGURATION:-release}"
rounds="${BENCH_ROUNDS:-5}"
read -r -a api_extra_env <<<"${BENCH_API_ENV:-}"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_ROUNDS must be a positive integer" >&2; exit 2; }
case "$configuration" in
  release | debug) ;;
  *) echo "BENCH_CONFIGURATION must be release or debug" >&2; exit 2 ;;
esac

bench_check_tools() {
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
  command -v curl >/dev/null || { echo "curl is missing" >&2; exit 2; }
  python3 -c 'import cryptography' 2>/dev/null || { echo "python3 needs the cryptography package" >&2; exit 2; }
}

work=""
op=""
op_pid=""
api=""
api_pid=""
background_pids=()

# stop_pid PID: ends one process this script started (and the children of a subshell).
stop_pid() {
  [[ -n "$1" ]] || return 0
  pkill -P "$1" 2>/dev/null || true
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

bench_cleanup() {
  local pid
  for pid in "${background_pids[@]}"; do stop_pid "$pid"; done
  stop_pid "$api_pid"
  stop_pid "$op_pid"
  [[ -n "$work" ]] && rm -rf "$work"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# start_api [VAR=value…]: (re)starts the API with the provider's settings, BENCH_API_ENV and the
# given variables (later ones win).
start_api() {
  stop_pid "$api_pid"
  api_pid=""
  local port
  port="$(free_port)"
  launch_api "$port" MONOCLOUD_BACKEND_TENANT_DOMAIN="$op" MONOCLOUD_BACKEND_AUDIENCE="https://api.example.com" \
    MONOCLOUD_BACKEND_CLIENT_ID="bench" MONOCLOUD_BACKEND_CLIENT_SECRET="bench-secret" BENCH_REFERENCE_ROUTES=1 \
    "${api_extra_env[@]}" "$@" >>"$work/api.log" 2>&1 &
  api_pid=$!
  api="http://127.0.0.1:$port"
  for _ in $(seq 600); do
    curl -fs "$api/health" >/dev/null 2>&1 && return 0
    kill -0 "$api_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "the example API did not start:" >&2
  cat "$work/api.log" >&2
  exit 1
}

stats() { curl -fs "$op/stats"; }

# api_cpu_ticks: the API process's user plus system CPU time so far, in clock ticks.
api_cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$api_pid/stat" 2>/dev/null || echo 0
}

# measure NAME PATH TOKENS DURATION: one wrk run; prints its JSON line, with the API's CPU
# time per request (api_cpu_us_per_request: what the route costs the server, apart from the
# load generator that shares the machine).
measure() {
  local name="$1" path="$2" tokens="$3" duration="$4"
  local before after figures cpu_before cpu_after
  before="$(stats)"
  cpu_before="$(api_cpu_ticks)"
  figures="$(BENCH_TOKENS="$tokens" wrk -t2 -c"$connections" -d"${duration}s" -s "$bench_dir/wrk-report.lua" \
    "$api$path" | tail -1)"
  cpu_after="$(api_cpu_ticks)"
  after="$(stats)"
  python3 - "$name" "$figures" "$before" "$after" "$((cpu_after - cpu_before))" "$(getconf CLK_TCK)" <<'PY'
import json, sys
name, figures, before, after = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[4])
ticks, ticks_per_second = int(sys.argv[5]), int(sys.argv[6])
line = {"name": name, **figures}
line["op_fetches"] = {k: after[k] - before[k] for k in after}
if line["requests"] > 0 and ticks > 0:
    line["api_cpu_us_per_request"] = round(ticks / ticks_per_second * 1e6 / line["requests"], 2)
print(json.dumps(line), flush=True)
PY
}

# run NAME PATH TOKENS DURATION: one wrk run, one JSON line (also kept for the summary).
run() {
  measure "$@" | tee -a "$work/results"
}

# run_steady: the steady scenarios, interleaved over BENCH_ROUNDS rounds. Each scenario prints
# one line, from its median round by requests/s, with "rounds" and every round's requests/s
# ("rounds_requests_per_second"), so that one noisy moment on a shared machine does not decide.
run_steady() {
  local round spec name path kind
  : >"$work/rounds"
  for round in $(seq "$rounds"); do
    echo "steady round $round of $rounds..." >&2
    for spec in "unprotected /health none" "jwt-rs256 /orders rs256" "jwt-es256 /orders es256" \
      "jwt-eddsa /orders eddsa" "introspection-cached /orders opaque" "unprotected-rs256-header /health rs256" \
      "no-op-middleware-rs256-header /reference/no-op-middleware rs256" \
      "login-only-rs256-header /reference/login-only rs256" "jwt-rs256-many-tokens /orders rs256-many"; do
      read -r name path kind <<<"$spec"
      measure "$name" "$path" "$work/$kind" "$seconds" >>"$work/rounds"
    done
  done
  python3 - "$work/rounds" <<'PY' | tee -a "$work/results"
import json, sys
lines = [json.loads(text) for text in open(sys.argv[1]) if text.strip()]
names = list(dict.fromkeys(line["name"] for line in lines))
for name in names:
    runs = [line for line in lines if line["name"] == name]
    ordered = sorted(runs, key=lambda line: line["requests_per_second"])
    median = dict(ordered[(len(ordered) - 1) // 2])
    median["rounds"] = len(runs)
    median["rounds_requests_per_second"] = [line["requests_per_second"] for line in runs]
    print(json.dumps(median), flush=True)
PY
}

# Short runs that fill the discovery, JWKS and introspection caches and the connection pools.
warm_up() {
  local kind
  for kind in rs256 es256 eddsa opaque rs256-many; do
    BENCH_TOKENS="$work/$kind" wrk -t1 -c4 -d1s -s "$bench_dir/wrk-report.lua" "$api/orders" >/dev/null
  done
  BENCH_TOKENS="$work/none" wrk -t1 -c4 -d1s -s "$bench_dir/wrk-report.lua" "$api/health" >/dev/null
}

bench_run_all() {
  bench_check_tools
  work="$(mktemp -d)"
  trap bench_cleanup EXIT
  python3 "$bench_dir/mock_op.py" >"$work/op.out" 2>"$work/op.err" &
  op_pid=$!
  for _ in $(seq 100); do [[ -s "$work/op.out" ]] && break; sleep 0.1; done
  [[ -s "$work/op.out" ]] || { echo "the mock provider did not start:" >&2; cat "$work/op.err" >&2; exit 1; }
  op="http://127.0.0.1:$(head -1 "$work/op.out")"

  curl -fs "$op/mint?kid=rsa-1" >"$work/rs256"
  curl -fs "$op/mint?kid=ec-1" >"$work/es256"
  curl -fs "$op/mint?kid=ed-1" >"$work/eddsa"
  curl -fs "$op/mint?kid=rsa-2" >"$work/rotated"
  curl -fs "$op/mint-many?kid=rsa-1&n=256" >"$work/rs256-many"
  curl -fs "$op/opaque" >"$work/opaque"
  curl -fs "$op/mint-unknown?n=2000" >"$work/unknown"
  : >"$work/none"
  : >"$work/results"

  # Steady state, default cache lifetimes (300 s), after a warm-up that fills the caches.
  start_api
  warm_up
  run_steady

  # (c) Flood of unknown kids next to valid traffic: the unknown ones are refused (401, counted
  # in the attacker run's non_2xx), the valid run must see none, and the provider sees at most
  # one JWKS fetch per 30 s refresh cooldown.
  BENCH_TOKENS="$work/unknown" wrk -t1 -c16 -d"${seconds}s" -s "$bench_dir/wrk-report.lua" "$api/orders" \
    >"$work/flood.out" &
  local flood=$!
  background_pids+=("$flood")
  run unknown-kid-flood-valid-traffic /orders "$work/rs256" "$seconds"
  wait "$flood"
  python3 - "$(tail -1 "$work/flood.out")" <<'PY'
import json, sys
print(json.dumps({"name": "unknown-kid-flood-attacker", **json.loads(sys.argv[1])}), flush=True)
PY

  # Outage and rotation: a fresh API whose discovery and JWKS caches live 5 s, so that both
  # scenarios cross refreshes.
  start_api MONOCLOUD_BACKEND_JWKS_CACHE_DURATION=5 MONOCLOUD_BACKEND_METADATA_CACHE_DURATION=5
  warm_up

  # (a) Discovery and JWKS answer 503 for 10 s in the middle of a 20 s run with valid tokens:
  # the cached keys keep serving (stale-if-error) although their 5 s lifetime runs out.
  (
    sleep 5
    curl -fs -X POST "$op/control/down?on=1" >/dev/null
    sleep 10
    curl -fs -X POST "$op/control/down?on=0" >/dev/null
  ) &
  local outage=$!
  background_pids+=("$outage")
  run outage-jwks-down-10s /orders "$work/rs256" 20
  wait "$outage"

  # (b) Key rotation: the provider publishes rsa-2 and from then on half the traffic carries
  # tokens signed by it. The first new kid triggers one refresh shared by the requests waiting
  # for it; no valid token may fail.
  sleep 31 # the refresh retry interval after the outage
  curl -fs -X POST "$op/control/rotate" >/dev/null
  printf '%s\n%s\n' "$(cat "$work/rs256")" "$(cat "$work/rotated")" >"$work/mixed"
  run key-rotation /orders "$work/mixed" "$seconds"

  # The goal: each steady JWT route at least 90% of the unprotected route's requests/s.
  python3 - "$work/results" "$configuration" "$work/rounds" <<'PY'
import json, sys
runs = {line["name"]: line for line in map(json.loads, open(sys.argv[1]))}
base = runs["unprotected"]["requests_per_second"]
steady = ["jwt-rs256", "jwt-es256", "jwt-eddsa"]
ratios = {name: round(runs[name]["requests_per_second"] / base, 3) if base else None for name in steady}
# The same, against the unprotected route sent the RS256 request's bytes (its Authorization
# header is ignored there): what the validator costs apart from the longer request.
same = runs["unprotected-rs256-header"]["requests_per_second"]
same_request = {name: round(runs[name]["requests_per_second"] / same, 3) if same else None for name in steady}
# Paired: each round's JWT run against the same round's unprotected run (minutes apart at most,
# so a slow spell of a shared machine hits both), the median over the rounds. Also the API's CPU
# time per request of the unprotected route over the JWT route's, per round, the median.
rounds = [json.loads(text) for text in open(sys.argv[3]) if text.strip()]
def per_round(name):
    return [line for line in rounds if line["name"] == name]
def median(values):
    values = sorted(value for value in values if value is not None)
    return round(values[(len(values) - 1) // 2], 3) if values else None
def paired(name, base, key, invert=False):
    pairs = zip(per_round(name), per_round(base))
    def ratio(run, base_run):
        a, b = run.get(key), base_run.get(key)
        if not a or not b:
            return None
        return b / a if invert else a / b
    return median(ratio(run, base_run) for run, base_run in pairs)
paired_ratios = {name: paired(name, "unprotected", "requests_per_second") for name in steady}
print(json.dumps({"name": "jwt-vs-unprotected", "ratios": ratios, "goal": 0.9, "configuration": sys.argv[2],
                  "met": all(value is not None and value >= 0.9 for value in ratios.values()),
                  "ratios_vs_unprotected_rs256_header": same_request,
                  "paired_ratios": paired_ratios,
                  "paired_met": all(value is not None and value >= 0.9 for value in paired_ratios.values()),
                  "paired_ratios_vs_unprotected_rs256_header":
                      {name: paired(name, "unprotected-rs256-header", "requests_per_second") for name in steady},
                  "paired_api_cpu_ratios":
                      {name: paired(name, "unprotected", "api_cpu_us_per_request", invert=True) for name in steady},
                  "paired_ratio_no_op_middleware_rs256_header":
                      paired("no-op-middleware-rs256-header", "unprotected", "requests_per_second"),
                  "paired_ratio_login_only_rs256_header":
                      paired("login-only-rs256-header", "unprotected", "requests_per_second"),
                  "paired_ratio_jwt_rs256_many_tokens":
                      paired("jwt-rs256-many-tokens", "unprotected", "requests_per_second"),
                  "rounds": len(per_round("unprotected"))}), flush=True)
PY
}
