#!/usr/bin/env bash
# Compiles the portable core (MonoCloudCrypto, MonoCloudJOSE) with Embedded Swift for
# wasm32 and armv7em, and the wasm export module (MonoCloudWasm) for wasm32. Fails if any
# of them stops being Embedded-clean.
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
  swiftc "${flags[@]}" "$@" -c $(find "$root/Sources/$module" -name "*.swift" | sort) -o "$dir/$module.o"
  echo "embedded $target $module: $(wc -c <"$dir/$module.o") bytes of object code"
}

for target in wasm32-unknown-none-wasm armv7em-none-none-eabi; do
  compile "$target" MonoCloudCrypto
  compile "$target" MonoCloudJOSE
done
compile wasm32-unknown-none-wasm MonoCloudWasm
