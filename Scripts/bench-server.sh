#!/usr/bin/env bash
# Load and outage benchmark of the Hummingbird integration (outside CI): builds the example
# API (Integrations/MonoCloudHummingbird, product monocloud-hummingbird-example), then runs the
# scenarios of Scripts/bench/scenarios.sh against it: the mock OpenID provider and the API on
# loopback, driven by wrk, one JSON line per scenario (unprotected, jwt-rs256, jwt-es256,
# jwt-eddsa, introspection-cached, unprotected-rs256-header, no-op-middleware-rs256-header,
# login-only-rs256-header, jwt-rs256-many-tokens, unknown-kid-flood-valid-traffic, unknown-kid-flood-attacker, outage-jwks-down-10s,
# key-rotation, jwt-vs-unprotected).
#   BENCH_SECONDS (default 10), BENCH_ROUNDS (default 5), BENCH_CONNECTIONS (default 16),
#   BENCH_CONFIGURATION (release or debug; debug only proves the script runs), BENCH_API_ENV
#   (extra VAR=value pairs for the API).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
package="$root/Integrations/MonoCloudHummingbird"
source "$root/Scripts/bench/scenarios.sh"
bench_check_tools

echo "building the example ($configuration)..." >&2
(cd "$package" && swift build -c "$configuration" --product monocloud-hummingbird-example >&2)
example="$(cd "$package" && swift build -c "$configuration" --show-bin-path)/monocloud-hummingbird-example"

# The example reads MONOCLOUD_BACKEND_* and PORT from its environment.
launch_api() {
  local port="$1"
  shift
  exec env "$@" PORT="$port" "$example"
}

bench_run_all
