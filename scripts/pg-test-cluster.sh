#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks, on 127.0.0.1 only, trust auth,
# in a temporary directory. Needs the PostgreSQL server binaries (Debian: apt-get install
# postgresql; scripts/system-deps.sh does that as root).
#
#   bash scripts/pg-test-cluster.sh start [PORT]   # prints the database URL on stdout
#   bash scripts/pg-test-cluster.sh stop PORT      # stops it and deletes its directory
#   bash scripts/pg-test-cluster.sh pause PORT     # stops the server, keeps its data (outage)
#   bash scripts/pg-test-cluster.sh resume PORT    # starts it again on the same port
#
# Run as root, the server runs as the `postgres` user (PostgreSQL refuses to run as root);
# otherwise as the current user. Durability is off (fsync=off): the data is thrown away.
# WBG_PG_OPTS adds server options, e.g. WBG_PG_OPTS="-c fsync=on" for a benchmark.
set -euo pipefail

bindir() {
  if command -v pg_ctl >/dev/null; then dirname "$(command -v pg_ctl)"; return; fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$found" ] || { echo "PostgreSQL server binaries not found" >&2; exit 2; }
  echo "$found"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cluster_dir() { echo "${TMPDIR:-/tmp}/wbg-pg-$1"; }

start() {
  local port=${1:-$(free_port)} bin dir
  bin=$(bindir)
  dir=$(cluster_dir "$port")
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  # The postgres user connects without a password; every other role needs its password
  # (SCRAM), so tests can check that helpers find it in PGPASSFILE / PGPASSWORD.
  cat >"$dir/data/pg_hba.conf" <<HBA
local all postgres trust
host all postgres 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
HBA
  resume "$port"
  echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
}

resume() {
  local port=${1:?usage: resume PORT} dir
  dir=$(cluster_dir "$port")
  # shellcheck disable=SC2086
  as_owner "$(bindir)/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
    "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off \
     -c full_page_writes=off -c shared_buffers=64MB ${WBG_PG_OPTS:-}" >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
}

pause() {
  local port=${1:?usage: pause PORT}
  as_owner "$(bindir)/pg_ctl" -D "$(cluster_dir "$port")/data" -m immediate -w stop >/dev/null
}

stop() {
  local port=${1:?usage: stop PORT} dir
  dir=$(cluster_dir "$port")
  [ -d "$dir/data" ] || { echo "no test cluster on port $port" >&2; exit 1; }
  as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  pause) pause "${2:-}" ;;
  resume) resume "${2:-}" ;;
  *) echo "usage: $0 start [PORT] | stop PORT | pause PORT | resume PORT" >&2; exit 2 ;;
esac
