#!/usr/bin/env bash
# Starts a throwaway PostgreSQL from Debian's binaries on a loopback port; prints the DATABASE_URL.
# usage: scripts/pg-local.sh start|stop [DATA_DIR] [PORT]
# FOR TESTS AND BENCHMARKS ONLY: it runs with fsync=off and full_page_writes=off, so a power loss or kernel crash
# can lose or corrupt committed data. Never point a real deployment at it (docker/ runs PostgreSQL with fsync on).
set -euo pipefail
cmd=${1:-start}
dir=${2:-/tmp/dienhong-pg}
port=${3:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed: apt-get install postgresql" >&2; exit 1; }
# initdb refuses to run as root, so the server runs as the postgres system user when we are root
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
      as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off" start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
    ;;
  *) echo "usage: $0 start|stop [DATA_DIR] [PORT]" >&2; exit 2 ;;
esac
