#!/usr/bin/env bash
# CI for the WebAssembly build: builds the module (size budget 300 KiB), builds the
# native CLI, generates fresh offline cases (Scripts/wasm_cases.py) and runs the Node tests in
# Wasm/test/, which check every case in the module and compare it with the native CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

# wasm-opt (Binaryen) shrinks and speeds up the module; install it like .ci/run installs its tools.
if ! command -v wasm-opt >/dev/null && command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq binaryen
fi

module=.build-wasm/monocloud-validator.wasm
Scripts/build-wasm.sh "$module"
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
MC_WASM_MODULE="$module" MC_WASM_CASES="$cases" timeout 600 node --test Wasm/test/
