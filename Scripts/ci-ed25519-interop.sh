#!/usr/bin/env bash
# Ed25519 interoperability with the openssl command line (key import, sign/verify both ways).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v openssl >/dev/null || { echo "ci-ed25519-interop: openssl is required" >&2; exit 1; }
MONOCLOUD_INTEROP=1 timeout 900 swift test --filter Ed25519Interop
