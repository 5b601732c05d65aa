#!/usr/bin/env bash
# Integrations/PostgresCache's tests against a throw-away PostgreSQL cluster
# (Scripts/with-postgres.sh installs PostgreSQL from Debian's packages when missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/Integrations/PostgresCache"
timeout 2400 "$root/Scripts/with-postgres.sh" swift test
