#!/usr/bin/env bash
# CI: the static Linux binaries (Scripts/build-static.sh). Both command-line validators are
# built with --static-swift-stdlib and stripped; fails if either still needs a Swift runtime,
# Foundation or dispatch shared library, if monocloud-validate-offline needs anything beyond
# the C and C++ runtime, if either rejects the bundled sample token, or if the offline binary
# is over 10 MiB stripped. About 40-75 s on 2 cores from a clean clone (release builds of the
# core plus the backend; the full tool's link is the only Foundation part).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

Scripts/build-static.sh "$out"

limit=$((10 << 20))
size=$(wc -c <"$out/monocloud-validate-offline")
if ((size > limit)); then
  echo "error: monocloud-validate-offline is $size bytes stripped, over the 10 MiB goal ($limit bytes)" >&2
  exit 1
fi
echo "static: monocloud-validate-offline $size bytes stripped (goal <= $limit)," \
  "monocloud-validate $(wc -c <"$out/monocloud-validate") bytes stripped"
