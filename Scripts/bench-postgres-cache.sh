#!/usr/bin/env bash
# The PostgreSQL introspection-cache benchmark: builds Integrations/PostgresCache's
# postgres-cache-benchmark (release unless BENCH_CONFIGURATION=debug) and runs it against a
# throw-away server from Scripts/with-postgres.sh. Prints one JSON line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
configuration=${BENCH_CONFIGURATION:-release}
cd "$root/Integrations/PostgresCache"
swift build -c "$configuration" --product postgres-cache-benchmark >&2
binary=$(swift build -c "$configuration" --show-bin-path)/postgres-cache-benchmark
"$root/Scripts/with-postgres.sh" "$binary"
