#!/usr/bin/env bash
# CI: fuzz the base64url decoder and the JSON reader for 60 s each (fixed seed). Fails on any
# crash, sanitizer report, leak or broken round-trip property.
set -euo pipefail
cd "$(dirname "$0")/.."
for target in Base64URLFuzz JSONReaderFuzz; do
  Scripts/fuzz.sh "$target" 60 -seed=1
done
