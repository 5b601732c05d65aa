#!/usr/bin/env bash
# Builds monocloud-validate for Linux with the Swift runtime and Foundation linked statically
# (only C/C++ system libraries stay dynamic), writes a stripped copy and prints its size.
# Fails if the binary still needs a Swift runtime or Foundation shared library.
# Usage: Scripts/build-static.sh [OUTPUT_DIR]   (default .build-static/dist)
#
# FoundationNetworking (the URLSession fetcher) links against libcurl, which the static Swift
# libraries do not carry: the system's libcurl.so.4 stays a dynamic dependency. When only the
# runtime library is installed (no libcurl4-*-dev), a private libcurl.so link to it is made.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$root/.build-static/dist"}
scratch="$root/.build-static"
mkdir -p "$out"
cd "$root"

link_flags=()
if ! /sbin/ldconfig -p | grep -q 'libcurl\.so '; then
  curl_runtime=$(/sbin/ldconfig -p | awk '/libcurl\.so\.4 /{print $NF; exit}')
  if [[ -n $curl_runtime ]]; then
    mkdir -p "$scratch/curl-link"
    ln -sf "$curl_runtime" "$scratch/curl-link/libcurl.so"
    link_flags=(-Xlinker "-L$scratch/curl-link")
  fi
fi

products=(monocloud-validate)
for product in "${products[@]}"; do
  swift build -c release --static-swift-stdlib --product "$product" --scratch-path "$scratch" "${link_flags[@]}"
  binary="$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/$product"
  strip -o "$out/$product" "$binary"
  echo "$product: $(wc -c <"$binary") bytes unstripped, $(wc -c <"$out/$product") bytes stripped ($out/$product)"
  echo "$product: shared libraries:"
  ldd "$out/$product" | sed 's/^/  /'
  if ldd "$out/$product" | grep -Ei 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime'; then
    echo "error: $product still needs a Swift runtime library" >&2
    exit 1
  fi
done
