#!/usr/bin/env bash
# ECDSA interoperability with OpenSSL (P-256, P-384, P-521): OpenSSL signatures verify with our
# code and ours verify with `openssl dgst -verify`, with fresh keys each run.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v openssl >/dev/null || { echo "ci-ec-interop: openssl is required" >&2; exit 1; }
MONOCLOUD_INTEROP=1 timeout 1800 swift test --filter ECDSAInterop
