#!/usr/bin/env bash
# Builds one libFuzzer target from Fuzz/<TARGET>.swift against MonoCloudCrypto and MonoCloudJOSE
# (each compiled as its own module with fuzzer coverage and AddressSanitizer) and runs it for
# SECONDS. Fails on any crash, sanitizer report, leak or timeout.
# Usage: Scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags...]
#   e.g. Scripts/fuzz.sh JSONReaderFuzz 60
# Corpus: Fuzz/corpus/<TARGET>/ (checked in, read only) seeds a working corpus in
# .build-fuzz/corpus/<TARGET>/; crash inputs land in .build-fuzz/artifacts/<TARGET>/.
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: $0 TARGET SECONDS [libFuzzer flags...]" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/.build-fuzz"
source_file="$root/Fuzz/$target.swift"
[[ -f $source_file ]] || { echo "no such fuzz target: $source_file" >&2; exit 2; }
mkdir -p "$out/modules" "$out/bin" "$out/corpus/$target" "$out/artifacts/$target"

flags=(-sanitize=fuzzer,address -parse-as-library -O -package-name monocloud -I "$out/modules")

build_module() {  # module name; rebuilt only when one of its sources is newer than the object
  local module=$1
  local object="$out/modules/$module.o"
  local sources
  sources=$(find "$root/Sources/$module" -name "*.swift" | sort)
  if [[ -f $object ]] && [[ -z $(find "$root/Sources/$module" -name "*.swift" -newer "$object") ]]; then
    return
  fi
  echo "fuzz.sh: compiling $module"
  # shellcheck disable=SC2086
  swiftc "${flags[@]}" -wmo -module-name "$module" -emit-module -emit-module-path "$out/modules/$module.swiftmodule" \
    -c $sources -o "$object"
}

build_module MonoCloudCrypto
build_module MonoCloudJOSE
binary="$out/bin/$target"
echo "fuzz.sh: linking $target"
swiftc "${flags[@]}" -module-name "${target}Main" "$source_file" \
  "$out/modules/MonoCloudJOSE.o" "$out/modules/MonoCloudCrypto.o" -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)

seeds=()
if [[ -d "$root/Fuzz/corpus/$target" ]]; then seeds+=("$root/Fuzz/corpus/$target"); fi
echo "fuzz.sh: running $target for $seconds s"
"$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$out/artifacts/$target/" "$@" "$out/corpus/$target" "${seeds[@]}"
