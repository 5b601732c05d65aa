#!/usr/bin/env bash
# CI: fuzz JWK/JWKS/PEM import and compact JWS/JWT validation for 60 s each (fixed seed). Fails
# on any crash, sanitizer report, leak, or a broken property (re-import round trip; a token
# accepted whose signature is not the key's MAC).
set -euo pipefail
cd "$(dirname "$0")/.."
for target in JWKImportFuzz CompactJWSFuzz; do
  Scripts/fuzz.sh "$target" 60 -seed=1
done
