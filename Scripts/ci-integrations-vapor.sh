#!/usr/bin/env bash
# CI step: the Vapor integration package (Integrations/MonoCloudVapor), built and tested against
# its pinned dependencies from the machine's package copies. Its tests start their own mock
# OpenID provider on a free loopback port; nothing else is needed.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
echo "== Integrations/MonoCloudVapor: swift test"
(cd "$root/Integrations/MonoCloudVapor" && swift test)
