#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for the store's tests (fw-store runs every scenario against
# SQLite and, when FLOORWALKER_TEST_PG_URL is set, against this).
#
#   scripts/pg-test.sh start   # idempotent; prints the URL on stdout, nothing else
#   scripts/pg-test.sh stop    # stops this cluster only
#   scripts/pg-test.sh url     # prints the URL
#
# The cluster lives in target/pg/ (data, log and unix socket), listens on 127.0.0.1 only, on
# an unusual fixed port (FLOORWALKER_TEST_PG_PORT, default 54329) so it never meets a real
# server, and trusts local connections: it is a throwaway for tests, never a store to keep.
# FLOORWALKER_TEST_PG_DIR names another folder (absolute, or relative to the current one) so
# a second, private cluster can run beside it: give it its own port too, and the same two
# variables to `stop` and `url`.
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` OS user
# that Debian's postgresql package creates.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
port=${FLOORWALKER_TEST_PG_PORT:-54329}
dir=${FLOORWALKER_TEST_PG_DIR:-$here/target/pg}
case "$dir" in
  /*) ;;
  *) dir="$PWD/$dir" ;;
esac
data="$dir/data"
log="$dir/postgres.log"
db=floorwalker_test
url="postgres://postgres@127.0.0.1:$port/$db"

say() { echo "pg-test: $*" >&2; }

# Runs a command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running() { [ -f "$data/postmaster.pid" ] && as_owner "$pg_bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

start() {
  [ -x "$pg_bin/initdb" ] || { say "no PostgreSQL 15 in $pg_bin (scripts/install-deps.sh installs it)"; exit 1; }
  mkdir -p "$dir/sock"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$dir"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    say "creating a private cluster in $data"
    rm -rf "$data"
    as_owner "$pg_bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    # Loopback only, and a socket inside the folder (not /var/run/postgresql, which may not
    # exist or belong to another cluster). Durability stays at the defaults so the append
    # benchmark measures what a real server does.
    cat >>"$data/postgresql.conf" <<EOF

# scripts/pg-test.sh
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/sock'
max_connections = 200
EOF
  fi
  if ! running; then
    say "starting on 127.0.0.1:$port (log: $log)"
    if ! as_owner "$pg_bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null; then
      say "PostgreSQL did not start; the end of its log:"
      tail -n 20 "$log" >&2 || true
      exit 1
    fi
  fi
  local psql=("$pg_bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres)
  if [ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
    "${psql[@]}" -c "CREATE DATABASE $db"
  fi
  echo "$url"
}

stop() {
  if running; then
    say "stopping the cluster in $data"
    as_owner "$pg_bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "$url" ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
