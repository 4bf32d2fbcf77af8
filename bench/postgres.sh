# A throwaway PostgreSQL 15 for the benchmark, the way .ci/run makes one for the tests: a
# temporary cluster owned by postgres on 127.0.0.1 and a free port, deleted on exit. Source it
# and call `throwaway_postgres_start`; it exports DATABASE_URL and registers the clean-up.
# Needs root (initdb and the server run as postgres through runuser).

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
THROWAWAY_PG_DIR=""

# Settings of a small dedicated server with this machine's RAM; JIT is off because compiling a
# plan costs more than it saves on queries of tens of milliseconds.
THROWAWAY_PG_SETTINGS="-c shared_buffers=2GB -c effective_cache_size=12GB -c work_mem=32MB \
-c maintenance_work_mem=512MB -c random_page_cost=1.1 -c jit=off -c max_wal_size=4GB \
-c fsync=off -c synchronous_commit=off -c full_page_writes=off"

throwaway_postgres_stop() {
  [ -n "$THROWAWAY_PG_DIR" ] && [ -d "$THROWAWAY_PG_DIR" ] || return 0
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$THROWAWAY_PG_DIR/data" -m fast -w -t 60 stop \
    >/dev/null 2>&1 \
    || runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$THROWAWAY_PG_DIR/data" -m immediate -w stop \
      >/dev/null 2>&1
  rm -rf "$THROWAWAY_PG_DIR"
  THROWAWAY_PG_DIR=""
}

throwaway_postgres_start() {
  [ "$(id -u)" = 0 ] || { echo "bench: PostgreSQL needs root (runuser -u postgres)" >&2; return 1; }
  [ -x "$PG_BIN/initdb" ] || { echo "bench: $PG_BIN/initdb missing (apt-get install postgresql-15)" >&2; return 1; }
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  THROWAWAY_PG_DIR=$(mktemp -d /tmp/cooperation-bench-pg.XXXXXX)
  chown postgres:postgres "$THROWAWAY_PG_DIR"
  chmod 700 "$THROWAWAY_PG_DIR"
  trap throwaway_postgres_stop EXIT
  local password
  password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  runuser -u postgres -- "$PG_BIN/initdb" -D "$THROWAWAY_PG_DIR/data" --username=postgres \
    --encoding=UTF8 --locale=C.UTF-8 --auth-local=peer --auth-host=scram-sha-256 \
    >"$THROWAWAY_PG_DIR/initdb.log" 2>&1 || { cat "$THROWAWAY_PG_DIR/initdb.log" >&2; return 1; }
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$THROWAWAY_PG_DIR/data" \
    -l "$THROWAWAY_PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $THROWAWAY_PG_DIR $THROWAWAY_PG_SETTINGS" \
    start >/dev/null || { cat "$THROWAWAY_PG_DIR/server.log" >&2; return 1; }
  runuser -u postgres -- "$PG_BIN/psql" -h "$THROWAWAY_PG_DIR" -p "$port" -U postgres \
    -d postgres -v ON_ERROR_STOP=1 -q -v password="$password" <<'SQL'
CREATE ROLE bench LOGIN CREATEDB PASSWORD :'password';
CREATE DATABASE bench OWNER bench;
SQL
  export DATABASE_URL="postgres://bench:$password@127.0.0.1:$port/bench"
  echo "bench: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}
