#!/usr/bin/env bash
# Builds the command-line validators for Linux with the Swift runtime linked statically
# (--static-swift-stdlib; only C/C++ system libraries stay dynamic), writes stripped copies,
# prints their sizes and shared libraries, and runs each on the bundled sample (exit 0).
#
#   monocloud-validate-offline  offline only (--jwks), no Foundation: needs only libc, libm,
#                               libstdc++, libgcc_s (and the loader); anything else fails.
#   monocloud-validate          the full tool: its online mode uses FoundationNetworking, so
#                               Foundation (with ICU data) is linked in and libcurl stays dynamic.
#
# Either fails if it still needs a Swift runtime, Foundation or dispatch shared library.
# Usage: Scripts/build-static.sh [--offline-only] [OUTPUT_DIR]   (default .build-static/dist)
#
# FoundationNetworking links against libcurl, which the static Swift libraries do not carry:
# the system's libcurl.so.4 stays a dynamic dependency of the full tool. When only the runtime
# library is installed (no libcurl4-*-dev), a private libcurl.so link to it is made.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
products=(monocloud-validate-offline monocloud-validate)
if [[ ${1:-} == --offline-only ]]; then
  products=(monocloud-validate-offline)
  shift
fi
out=${1:-"$root/.build-static/dist"}
scratch="$root/.build-static"
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"

link_flags=()
if [[ " ${products[*]} " == *" monocloud-validate "* ]] && ! /sbin/ldconfig -p | grep -q 'libcurl\.so '; then
  curl_runtime=$(/sbin/ldconfig -p | awk '/libcurl\.so\.4 /{print $NF; exit}')
  if [[ -n $curl_runtime ]]; then
    mkdir -p "$scratch/curl-link"
    ln -sf "$curl_runtime" "$scratch/curl-link/libcurl.so"
    link_flags=(-Xlinker "-L$scratch/curl-link")
  fi
fi

# The only shared libraries the offline tool may need: the C and C++ runtime and the loader.
offline_allowed='^(linux-vdso|linux-gate|libc|libm|libstdc\+\+|libgcc_s|libpthread|libdl|librt|libutil|ld-linux[-a-z0-9_.]*|ld-musl[-a-z0-9_.]*)\.so'
bin_path=$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)
for product in "${products[@]}"; do
  started=$SECONDS
  swift build -c release --static-swift-stdlib --product "$product" --scratch-path "$scratch" \
    "${link_flags[@]+"${link_flags[@]}"}"
  binary="$bin_path/$product"
  strip -o "$out/$product" "$binary"
  echo "$product: built in $((SECONDS - started)) s; $(wc -c <"$binary") bytes unstripped," \
    "$(wc -c <"$out/$product") bytes stripped ($out/$product)"
  libraries=$(ldd "$out/$product")
  echo "$product: shared libraries:"
  sed 's/^[[:space:]]*/  /' <<<"$libraries"
  if grep -Ei 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime' <<<"$libraries"; then
    echo "error: $product still needs a Swift runtime, Foundation or dispatch library" >&2
    exit 1
  fi
  if [[ $product == monocloud-validate-offline ]]; then
    unexpected=$(awk '{print $1}' <<<"$libraries" | xargs -n1 basename | grep -Ev "$offline_allowed" || true)
    if [[ -n $unexpected ]]; then
      echo "error: $product needs more than the C and C++ runtime: $unexpected" >&2
      exit 1
    fi
  fi

  # The README quick start, with the stripped binary.
  claims=$("$out/$product" --jwks Samples/jwks.json --metadata Samples/metadata.json \
    --audience https://api.example.com - <Samples/token.jwt) || {
    echo "error: $product rejected the bundled sample token (exit $?)" >&2
    exit 1
  }
  if [[ $claims != *'"sub":"sample-user"'* ]]; then
    echo "error: $product printed unexpected claims for the sample: $claims" >&2
    exit 1
  fi
  echo "$product: the bundled sample token validates (exit 0)"
done
