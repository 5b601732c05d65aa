#!/usr/bin/env bash
# CI for the WebAssembly build and its npm package (Wasm/): builds the module (size
# budget 300 KiB) and its heap-counter test build, builds the native CLI, generates fresh offline
# cases (Scripts/wasm_cases.py), runs the Node tests in Wasm/test/ (every case in the module,
# compared with the native CLI; the package API; memory flat over 100,000 failed validations),
# the same checks in headless Chromium (Wasm/test/browser/run.py), `npm pack --dry-run`, the type
# declarations through tsc, and a short benchmark smoke (no timing assertions).
# Installs what it needs when missing: binaryen, chromium, node-jose, node-typescript (apt) and
# playwright (pip; its own browser download is never used).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
note() { echo "--- $* ($((SECONDS - start)) s)"; }

need_apt=()
command -v wasm-opt >/dev/null || need_apt+=(binaryen)
command -v chromium >/dev/null || need_apt+=(chromium)
[[ -e /usr/share/nodejs/jose/package.json ]] || need_apt+=(node-jose)
command -v tsc >/dev/null || need_apt+=(node-typescript)
if ((${#need_apt[@]})) && command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
  note "installing ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if ! python3 -c 'import playwright' 2>/dev/null; then
  note "installing playwright (Python)"
  python3 -m pip install --quiet playwright || python3 -m pip install --quiet --break-system-packages playwright
fi

note "build the module"
module=.build-wasm/monocloud-validator.wasm
heap_counter_module=.build-wasm/monocloud-validator-heap-counter.wasm
Scripts/build-wasm.sh "$module"
Scripts/build-wasm.sh --heap-counter "$heap_counter_module"
size=$(wc -c <"$module")
# The budget (module <= 300 KiB) is enforced: growth past it fails CI.
budget=$((300 * 1024))
echo "wasm module: $size bytes ($((size / 1024)) KiB; budget $((budget / 1024)) KiB)"
if ((size > budget)); then
  echo "error: the module is larger than the $((budget / 1024)) KiB budget" >&2
  exit 1
fi

swift build --product monocloud-validate
cli="$(swift build --show-bin-path)/monocloud-validate"

cases=$(mktemp -d)
trap 'rm -rf "$cases"' EXIT
python3 Scripts/wasm_cases.py "$cases"

# The comparison needs the CLI's offline mode (--jwks); a tree without it runs the module only.
if "$cli" --help 2>/dev/null | grep -q -- --jwks; then
  export MC_NATIVE_CLI="$cli"
else
  echo "warning: $cli has no --jwks mode; the module is tested without the native comparison" >&2
fi

note "Node tests"
MC_WASM_MODULE="$module" MC_WASM_HEAP_COUNTER_MODULE="$heap_counter_module" MC_WASM_CASES="$cases" \
  timeout 600 node --test Wasm/test/

note "Chromium tests"
timeout 600 python3 Wasm/test/browser/run.py --cases "$cases" --heap-counter-module "$heap_counter_module"

note "type declarations"
if command -v tsc >/dev/null; then
  Wasm/test/types/check.sh
else
  echo "skipped: tsc not installed (Debian package node-typescript)"
fi

note "benchmark smoke (a few hundred validations per algorithm; no timing assertions)"
node Wasm/bench.mjs "$module" --iterations 300
if NODE_PATH=/usr/share/nodejs node -e 'require("jose")' 2>/dev/null; then
  NODE_PATH=/usr/share/nodejs node Wasm/bench.mjs "$module" --jose --iterations 100 --rounds 1
else
  echo "skipped the jose comparison: jose is not importable (Debian package node-jose)"
fi
note "done"
