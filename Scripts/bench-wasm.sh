#!/usr/bin/env bash
# The WebAssembly module's speed in Node against this package's native release build and against
# the jose package, in one run: monocloud-bench --json (release) for the native jwt-* rates, then
# Wasm/bench.mjs --native (one line per algorithm with the slowdown; goal <= 3x) and, when jose
# is importable, Wasm/bench.mjs --jose (interleaved rounds, medians; goal ratio >= 1).
# Usage: Scripts/bench-wasm.sh [SECONDS]   (per measurement; default 2)
# Prints the machine first. Builds the module if it is missing (Scripts/build-wasm.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-2}
module=.build-wasm/monocloud-validator.wasm
[[ -f $module ]] || Scripts/build-wasm.sh "$module"

echo "machine: $(uname -m), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | xargs)," \
  "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null); node $(node --version)"
swift build -c release --product monocloud-bench >/dev/null
native=$(mktemp)
trap 'rm -f "$native"' EXIT
"$(swift build -c release --show-bin-path)/monocloud-bench" --json --no-openssl --filter jwt --seconds "$seconds" | tee "$native"
node Wasm/bench.mjs "$module" --seconds "$seconds" --native "$native"
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
if node -e 'require("jose")' 2>/dev/null; then
  node Wasm/bench.mjs "$module" --jose --seconds "$(awk "BEGIN { print $seconds / 4 }")" --rounds 7
else
  echo "skipped the jose comparison: jose is not importable (npm install jose, or Debian's node-jose)"
fi
