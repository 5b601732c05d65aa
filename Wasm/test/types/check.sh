#!/usr/bin/env bash
# Type-checks usage.ts against the package's index.d.ts with tsc (strict), importing the package
# by name through a temporary node_modules link, as a TypeScript project would.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/node_modules/@monocloud"
ln -s "$here/../.." "$work/node_modules/@monocloud/backend-wasm"
cp "$here/usage.ts" "$work/"
echo '{"type": "module"}' >"$work/package.json"
cat >"$work/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "strict": true, "noEmit": true, "target": "es2022", "module": "nodenext",
    "moduleResolution": "nodenext", "lib": ["es2022", "dom"], "types": []
  },
  "files": ["usage.ts"]
}
JSON
(cd "$work" && tsc -p .)
echo "index.d.ts: usage.ts type-checks ($(tsc --version))"
