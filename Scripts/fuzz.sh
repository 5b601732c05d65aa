#!/usr/bin/env bash
# Builds one libFuzzer target from Fuzz/<TARGET>.swift against MonoCloudCrypto and MonoCloudJOSE
# (each compiled as its own module with fuzzer coverage and AddressSanitizer) and runs it for
# SECONDS. Fails on any crash, sanitizer report, leak or timeout.
# Usage: Scripts/fuzz.sh TARGET SECONDS [libFuzzer flags or extra seed corpus directories...]
#   e.g. Scripts/fuzz.sh JSONReaderFuzz 60
#        Scripts/fuzz.sh ClaimsValidatorFuzz 60 Fuzz/corpus/JSONReaderFuzz
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

flags=("-sanitize=fuzzer,address" -parse-as-library -O -package-name monocloud -I "$out/modules")

rebuilt=0
build_module() {  # module name; rebuilt when a source is newer than the object, a source was
  # removed (the list changed), or a module it imports was rebuilt
  local module=$1
  local object="$out/modules/$module.o"
  local list="$out/modules/$module.sources"
  local sources
  sources=$(find "$root/Sources/$module" -name "*.swift" | sort)
  if ((rebuilt == 0)) && [[ -f $object ]] && [[ -f $list ]] && [[ $(cat "$list") == "$sources" ]] \
    && [[ -z $(find "$root/Sources/$module" -name "*.swift" -newer "$object") ]]; then
    return
  fi
  rebuilt=1
  rm -f "$object" "$list"
  echo "fuzz.sh: compiling $module"
  local source_files=()
  while IFS= read -r source; do source_files+=("$source"); done <<<"$sources"
  swiftc "${flags[@]}" -wmo -module-name "$module" -emit-module -emit-module-path "$out/modules/$module.swiftmodule" \
    -c "${source_files[@]}" -o "$object"
  echo "$sources" >"$list"
}

build_module MonoCloudCrypto
build_module MonoCloudJOSE
binary="$out/bin/$target"
echo "fuzz.sh: linking $target"
swiftc "${flags[@]}" -module-name "${target}Main" "$source_file" \
  "$out/modules/MonoCloudJOSE.o" "$out/modules/MonoCloudCrypto.o" -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)

seeds=()
if [[ -d "$root/Fuzz/corpus/$target" ]]; then seeds+=("$root/Fuzz/corpus/$target"); fi
flags_and_dirs=()
for argument in "$@"; do  # extra corpus directories are read as seeds; flags pass through
  if [[ -d $argument ]]; then seeds+=("$argument"); else flags_and_dirs+=("$argument"); fi
done
echo "fuzz.sh: running $target for $seconds s"
# libFuzzer reports a crash itself; Swift's interactive backtracer could stall the run instead.
export SWIFT_BACKTRACE=enable=no
# The working corpus comes first: libFuzzer writes new inputs only there, never into seeds.
"$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$out/artifacts/$target/" "${flags_and_dirs[@]}" "$out/corpus/$target" "${seeds[@]}"
