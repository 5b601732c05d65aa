#!/usr/bin/env bash
# Runs COMMAND… against a throw-away PostgreSQL cluster: installs PostgreSQL from Debian's
# packages when missing, creates a cluster with initdb in a temporary folder (owned by an
# unprivileged user when run as root, since initdb refuses root), starts it with pg_ctl on a
# free loopback port (password authentication), exports PGHOST PGPORT PGUSER PGPASSWORD
# PGDATABASE, runs the command, and always stops and removes the cluster.
# Also exported, for tests that stop and restart the server mid-run: PGDATA and
# PGCTL_COMMAND (a script taking `stop` or `start`).
# Exit status: the command's.
set -euo pipefail
if [[ $# -eq 0 ]]; then echo "usage: Scripts/with-postgres.sh COMMAND [ARGS…]" >&2; exit 2; fi

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x $dir/initdb && -x $dir/pg_ctl ]] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}
if ! bindir=$(find_bin); then
  echo "with-postgres: installing PostgreSQL from Debian's packages" >&2
  if [[ $(id -u) -eq 0 ]]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; fi
  bindir=$(find_bin) || { echo "with-postgres: initdb/pg_ctl not found after installing postgresql" >&2; exit 1; }
fi

# The cluster's owner: ourselves, or (as root) the unprivileged `postgres` user, created if missing.
as_owner=()
owner=$(id -un)
if [[ $(id -u) -eq 0 ]]; then
  owner=postgres
  id -u "$owner" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$owner"
  as_owner=(runuser -u "$owner" --)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/monocloud-pg.XXXXXX")
chmod 700 "$work"
[[ $owner != $(id -un) ]] && chown "$owner" "$work"
export PGDATA=$work/data
log=$work/server.log
cleanup() {
  local status=$?
  if [[ -f $PGDATA/postmaster.pid ]]; then
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$PGDATA" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
password=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf '%s\n' "$password" >"$work/pwfile"
[[ $owner != $(id -un) ]] && chown "$owner" "$work/pwfile"
"${as_owner[@]}" "$bindir/initdb" -D "$PGDATA" -U monocloud --pwfile="$work/pwfile" --auth=scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; exit 1; }
rm -f "$work/pwfile"

# The stop/start helper (also used by tests that take the server away mid-run).
cat >"$work/pgctl.sh" <<HELPER
#!/usr/bin/env bash
set -euo pipefail
case "\${1:-}" in
  start) exec ${as_owner[*]} "$bindir/pg_ctl" -D "$PGDATA" -l "$log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $work -c max_connections=300" start ;;
  stop) exec ${as_owner[*]} "$bindir/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop ;;
  *) echo "usage: \$0 start|stop" >&2; exit 2 ;;
esac
HELPER
chmod 755 "$work/pgctl.sh"
"$work/pgctl.sh" start >/dev/null || { cat "$log" >&2; exit 1; }

export PGHOST=127.0.0.1 PGPORT=$port PGUSER=monocloud PGPASSWORD=$password PGDATABASE=monocloud
export PGCTL_COMMAND=$work/pgctl.sh
"$bindir/createdb" "$PGDATABASE"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
