#!/usr/bin/env bash
# CI step: the nested integration packages, each against its pinned dependencies from the
# machine's package copies. Needs `openssl` (the mTLS tests make their certificates with it).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
command -v openssl >/dev/null || { echo "openssl is required by the mutual-TLS tests" >&2; exit 2; }

echo "== Integrations/AsyncHTTPClient: swift test"
(cd "$root/Integrations/AsyncHTTPClient" && swift test)
echo "== Integrations/MonoCloudHummingbird: swift test"
(cd "$root/Integrations/MonoCloudHummingbird" && swift test)
