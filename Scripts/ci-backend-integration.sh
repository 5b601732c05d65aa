#!/usr/bin/env bash
# Integration tests of MonoCloudBackend + MonoCloudURLSession against a real HTTP server:
# starts Tests/Support/fake_tenant.py on a free 127.0.0.1 port, runs the Integration
# suites (IntegrationTests, IntegrationResilienceTests) with MONOCLOUD_INTEGRATION_PORT set, stops the server. Bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

python3 Tests/Support/fake_tenant.py --port 0 --port-file "$work/port" \
  --private-key-file "$work/client-key.pem" --lifetime 900 &
server_pid=$!
for _ in $(seq 1 100); do
  [[ -s $work/port ]] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "fake tenant failed to start" >&2; exit 1; }
  sleep 0.1
done
[[ -s $work/port ]] || { echo "fake tenant did not report its port" >&2; exit 1; }
port=$(cat "$work/port")
echo "fake tenant on 127.0.0.1:$port"

MONOCLOUD_INTEGRATION_PORT=$port MONOCLOUD_INTEGRATION_CLIENT_KEY="$work/client-key.pem" \
  timeout 900 swift test --filter "MonoCloudBackendTests\.Integration(Tests|ResilienceTests)"
