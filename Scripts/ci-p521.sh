#!/usr/bin/env bash
# Checks that the committed P-521 field test vectors are exactly what the Python big-integer
# oracle produces (so the Swift tests compare against an independent computation).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
python3 "$root/Scripts/generate-p521-field-vectors.py" "$tmp"
cmp "$tmp" "$root/Tests/MonoCloudCryptoTests/Fixtures/p521_field_vectors.json"
echo "p521 field vectors match the Python oracle"
