#!/usr/bin/env bash
# Builds the offline validator as a WebAssembly module that imports nothing (no WASI):
# MonoCloudCrypto, MonoCloudJOSE and MonoCloudWasm compiled with Embedded Swift for
# wasm32-unknown-none-wasm (one module each, from the same sources as the native build), plus
# Wasm/runtime.c (allocator and memory functions), linked with wasm-ld.
# Usage: Scripts/build-wasm.sh [--heap-counter] [OUTPUT.wasm]
#   The module goes to OUTPUT (default .build-wasm/monocloud-validator.wasm) and is copied to
#   Wasm/dist/monocloud-validator.wasm, the file the npm package (Wasm/package.json) ships.
#   --heap-counter: a test build that also exports mc_heap_in_use() (the allocator's bytes in
#   use, for the leak tests); default output .build-wasm/monocloud-validator-heap-counter.wasm,
#   not copied into the package.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
heap_counter=false
if [[ ${1:-} == --heap-counter ]]; then
  heap_counter=true
  shift
fi
if $heap_counter; then
  output=${1:-"$root/.build-wasm/monocloud-validator-heap-counter.wasm"}
else
  output=${1:-"$root/.build-wasm/monocloud-validator.wasm"}
fi
work="$root/.build-wasm/objects"
mkdir -p "$work" "$(dirname "$output")"
target=wasm32-unknown-none-wasm

# The toolchain's own clang and wasm-ld (the ones next to swiftc).
bin=$(dirname "$(command -v swiftc)")
clang="$bin/clang"
wasm_ld="$bin/wasm-ld"

compile_swift() {  # module name, then the modules it imports
  local module=$1
  shift
  # Skip a module whose object is newer than its sources and its imports (after changing the
  # flags below, delete .build-wasm).
  local inputs=("$root/Sources/$module")
  for dependency in "$@"; do inputs+=("$work/$dependency.o"); done
  if [[ -f "$work/$module.o" && -z $(find "${inputs[@]}" -newer "$work/$module.o" -print -quit) ]]; then
    echo "$module: up to date"
    return
  fi
  local sources=()
  while IFS= read -r source; do sources+=("$source"); done < <(find "$root/Sources/$module" -name "*.swift" | sort)
  swiftc -target "$target" -enable-experimental-feature Embedded -wmo -Osize \
    -Xfrontend -disable-stack-protector -parse-as-library \
    -module-name "$module" -package-name monocloud -I "$work" \
    -emit-module -emit-module-path "$work/$module.swiftmodule" \
    -c "${sources[@]}" -o "$work/$module.o"
}

compile_swift MonoCloudCrypto
compile_swift MonoCloudJOSE MonoCloudCrypto
compile_swift MonoCloudWasm MonoCloudCrypto MonoCloudJOSE
"$clang" --target=wasm32 -O2 -ffreestanding -fno-builtin -nostdlib -c "$root/Wasm/runtime.c" -o "$work/runtime.o"

exports=(mc_alloc mc_free mc_validate mc_result_ptr mc_result_len)
if $heap_counter; then exports+=(mc_heap_in_use mc_heap_allocations); fi
export_flags=()
for name in "${exports[@]}"; do export_flags+=("--export=$name"); done

# --no-entry: a library (no _start); no --allow-undefined, so any import is a link error.
# --global-base=1024 (wasm-ld's default, pinned): nothing lives below 1 KiB, which wasm-opt's
# --low-memory-unused relies on.
"$wasm_ld" --no-entry "${export_flags[@]}" --gc-sections --strip-all --global-base=1024 \
  "$work/MonoCloudCrypto.o" "$work/MonoCloudJOSE.o" "$work/MonoCloudWasm.o" "$work/runtime.o" \
  -o "$output"
linked=$(wc -c <"$output")
echo "linked $output: $linked bytes before wasm-opt"

# Binaryen's optimizer, when installed (Debian package binaryen; Scripts/ci-wasm.sh installs it):
# about a fifth smaller, and it inlines the small helpers (__multi3) into the RSA/EC loops.
# --low-memory-unused lets it fold `pointer + small constant` into a load's offset (an add that
# wrapped would land below 1 KiB, where nothing lives), so V8 addresses a limb in one
# instruction: about a fifth off the radix-2^28 RSA loops.
if command -v wasm-opt >/dev/null; then
  wasm-opt -O3 --low-memory-unused --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-multivalue --enable-reference-types \
    "$output" -o "$output.opt"
  mv "$output.opt" "$output"
  optimized=$(wc -c <"$output")
  echo "built $output: $optimized bytes after wasm-opt -O3 ($linked bytes before;" \
    "$(((linked - optimized) * 100 / linked))% smaller)"
else
  echo "built $output: $linked bytes; skipped wasm-opt -O3 (Binaryen not installed: the module" \
    "is larger and slower; install the binaryen package to optimize it)"
fi

if ! $heap_counter; then
  mkdir -p "$root/Wasm/dist"
  cp "$output" "$root/Wasm/dist/monocloud-validator.wasm"
  echo "copied to Wasm/dist/monocloud-validator.wasm (the npm package's module)"
fi
