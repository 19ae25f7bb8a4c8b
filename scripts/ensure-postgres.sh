#!/usr/bin/env bash
# The PostgreSQL half of the tests needs a server. Prints the URL of one as its last line:
#   export EVENTLINE_TEST_DATABASE_URL=$(bash scripts/ensure-postgres.sh | tail -1)
# EVENTLINE_TEST_DATABASE_URL when it is set and answers; otherwise a private cluster in
# $EVENTLINE_PG_DIR (default /tmp/eventline-pg) on 127.0.0.1:$EVENTLINE_PG_PORT (default 54329) with
# trust auth, made and started when needed (Debian's postgresql is installed when missing, as root).
# Does nothing but check when the server already runs.
set -euo pipefail
dir=${EVENTLINE_PG_DIR:-/tmp/eventline-pg}
port=${EVENTLINE_PG_PORT:-54329}
url="postgres://postgres@127.0.0.1:$port/eventline_test"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
answers() { [ -n "$bin" ] && "$bin/psql" "$1" -Atqc 'select 1' >/dev/null 2>&1; }

if [ -n "${EVENTLINE_TEST_DATABASE_URL:-}" ]; then
  if answers "$EVENTLINE_TEST_DATABASE_URL"; then echo "$EVENTLINE_TEST_DATABASE_URL"; exit 0; fi
  echo "ensure-postgres: EVENTLINE_TEST_DATABASE_URL does not answer; using the private cluster in $dir" >&2
fi
if answers "$url"; then echo "$url"; exit 0; fi

if [ -z "$bin" ]; then
  bash "$(dirname "$0")/install-test-package.sh" ensure-postgres postgresql PostgreSQL "the PostgreSQL tests"
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ ! -f "$dir/PG_VERSION" ]; then
  echo "ensure-postgres: creating a test cluster in $dir" >&2
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  chmod 700 "$dir"
  as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
  # Local tests only: nobody else may connect. Every test file opens a pool of its own, both projects at once.
  cat >>"$dir/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 300
EOF
fi

# A cluster stopped uncleanly (a machine restart) replays and syncs its files first: that can take minutes.
as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 300 start >/dev/null
admin="postgres://postgres@127.0.0.1:$port/postgres"
if [ "$("$bin/psql" "$admin" -Atqc "select 1 from pg_database where datname = 'eventline_test'")" != 1 ]; then
  "$bin/psql" "$admin" -qc 'create database eventline_test' >/dev/null
fi
echo "ensure-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)" >&2
echo "$url"
