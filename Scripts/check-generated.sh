#!/usr/bin/env bash
# Regenerates every generated file into a temporary folder, with the same commands their
# headers name, and fails with a diff when a checked-in copy differs (hand edits or a generator
# change that was not rerun).
# Usage: Scripts/check-generated.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The fixed-limb Montgomery fields and the P-521 field's limb code, formatted with the package's swift-format configuration.
generated="$root/Sources/MonoCloudCrypto/EC/Generated"
mkdir -p "$work/fields"
python3 "$root/Scripts/generate-montgomery-fields.py" "$work/fields"
python3 "$root/Scripts/generate-p521-field.py" "$work/fields"
swift format format -i --configuration "$root/.swift-format" "$work/fields"/*.swift

# The unrolled SHA-256 and SHA-512 compression functions, formatted likewise.
digests="$root/Sources/MonoCloudCrypto/Digests/Generated"
mkdir -p "$work/digests"
python3 "$root/Scripts/generate-sha2-rounds.py" "$work/digests"
swift format format -i --configuration "$root/.swift-format" "$work/digests"/*.swift

# The limb code of both Curve25519 fields (64-bit and 32-bit limbs), formatted likewise.
ed25519="$root/Sources/MonoCloudCrypto/Ed25519/Generated"
mkdir -p "$work/ed25519"
python3 "$root/Scripts/generate-curve25519-fields.py" "$work/ed25519"
swift format format -i --configuration "$root/.swift-format" "$work/ed25519"/*.swift

# The P-521 field test vectors (the Python big-integer oracle).
vectors="$root/Tests/MonoCloudCryptoTests/Fixtures/p521_field_vectors.json"
python3 "$root/Scripts/generate-p521-field-vectors.py" "$work/p521_field_vectors.json" >/dev/null

status=0
diff -ru "$generated" "$work/fields" || status=1
diff -ru "$digests" "$work/digests" || status=1
diff -ru "$ed25519" "$work/ed25519" || status=1
diff -u "$vectors" "$work/p521_field_vectors.json" || status=1
if ((status != 0)); then
  echo "generated files differ from their generators (diff above: checked-in copy, then regenerated)" >&2
  exit 1
fi
echo "generated files match their generators: $(find "$generated" "$digests" "$ed25519" -name '*.swift' | wc -l) Swift files, 1 vector file"
