#!/usr/bin/env bash
# CI: fuzz the base64url decoder and the JSON reader for 60 s each (fixed seed), then the
# in-place payload reading against the tree reader (same objects, errors and claim decisions).
# Fails on any crash, sanitizer report, leak, broken round-trip property or disagreement.
set -euo pipefail
cd "$(dirname "$0")/.."
for target in Base64URLFuzz JSONReaderFuzz; do
  Scripts/fuzz.sh "$target" 60 -seed=1
done
Scripts/fuzz.sh JSONInPlaceFuzz 60 -seed=1 -dict=Fuzz/json.dict Fuzz/corpus/JSONReaderFuzz
