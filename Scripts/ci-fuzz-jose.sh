#!/usr/bin/env bash
# CI: fuzz JWK/JWKS/PEM import, compact JWS/JWT validation and the claim checks for 60 s each
# (fixed seed). Fails on any crash, sanitizer report, leak, or a broken property (re-import round
# trip; a token accepted whose signature is not the key's MAC).
set -euo pipefail
cd "$(dirname "$0")/.."
for target in JWKImportFuzz CompactJWSFuzz; do
  Scripts/fuzz.sh "$target" 60 -seed=1
done
# The claim checks on any JSON object (seeded with the JSON targets' corpora).
Scripts/fuzz.sh ClaimsValidatorFuzz 60 -seed=1 -dict=Fuzz/json.dict Fuzz/corpus/JSONReaderFuzz Fuzz/corpus/JSONInPlaceFuzz
