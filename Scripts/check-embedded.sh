#!/usr/bin/env bash
# Compiles the portable core (MonoCloudCrypto, MonoCloudJOSE) with Embedded Swift for
# armv7em, and builds the whole wasm32 module (the core plus MonoCloudWasm, linked). Fails if
# any of them stops being Embedded-clean.
# Usage: Scripts/check-embedded.sh [OUTPUT_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/.build-embedded"}
mkdir -p "$out"

compile() {  # target, module, extra flags...
  local target=$1 module=$2
  shift 2
  local dir="$out/$target"
  mkdir -p "$dir"
  local flags=(-target "$target" -enable-experimental-feature Embedded -wmo -Osize -parse-as-library
    -module-name "$module" -package-name monocloud -I "$dir"
    -emit-module -emit-module-path "$dir/$module.swiftmodule")
  if [[ $target == wasm32-* ]]; then flags+=(-Xfrontend -disable-stack-protector); fi
  local sources=()
  while IFS= read -r source; do sources+=("$source"); done < <(find "$root/Sources/$module" -name "*.swift" | sort)
  swiftc "${flags[@]}" "$@" -c "${sources[@]}" -o "$dir/$module.o"
  echo "embedded $target $module: $(wc -c <"$dir/$module.o") bytes of object code"
}

# wasm32: the real module build (Scripts/build-wasm.sh compiles MonoCloudCrypto, MonoCloudJOSE
# and MonoCloudWasm with the same Embedded flags and links them, so no import can sneak in).
# It runs beside the armv7em compiles, and Scripts/ci-wasm.sh later reuses its objects.
wasm_log="$out/build-wasm.log"
"$root/Scripts/build-wasm.sh" >"$wasm_log" 2>&1 &
wasm_pid=$!

compile armv7em-none-none-eabi MonoCloudCrypto
compile armv7em-none-none-eabi MonoCloudJOSE

status=0
wait "$wasm_pid" || status=$?
sed 's/^/embedded wasm32-unknown-none-wasm: /' "$wasm_log"
exit "$status"
