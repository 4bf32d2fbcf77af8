#!/usr/bin/env bash
# Load test of the production stack — gunicorn workers, whitenoise, DEBUG off, PostgreSQL 15 —
# on 127.0.0.1 only. wrk (Debian's package) drives each URL with 32 connections for 30 s and
# the script prints requests/s, p50/p99 latency and the non-2xx count. Bounded and local.
#   LOAD_SECONDS=30 LOAD_CONNECTIONS=32 bash bench/load.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SECONDS_PER_URL=${LOAD_SECONDS:-30}
CONNECTIONS=${LOAD_CONNECTIONS:-32}
PY=.venv/bin/python

if ! command -v wrk >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }
fi

# shellcheck source=bench/postgres.sh
source bench/postgres.sh
throwaway_postgres_start
WORK=$(mktemp -d /tmp/cooperation-load.XXXXXX)
GUNICORN_PID=""
stop_all() {
  [ -n "$GUNICORN_PID" ] && kill "$GUNICORN_PID" 2>/dev/null && wait "$GUNICORN_PID" 2>/dev/null
  rm -rf "$WORK"
  throwaway_postgres_stop
}
trap stop_all EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export DEBUG=false ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SECURE_COOKIES=false
export SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(60))')
export CACHE_URL="file://$WORK/cache" BIND="127.0.0.1:$port" LOG_LEVEL=WARNING
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-4}
$PY manage.py migrate --noinput -v 0
$PY manage.py loaddata regions reports report_data -v 0
$PY manage.py collectstatic --noinput -v 0
.venv/bin/gunicorn cooperation.wsgi -c cooperation/gunicorn.py >"$WORK/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

urls=(
  "/"
  "/pairings/4/"
  "/events/?prefecture=530600&date_from=2026-02-01&date_to=2026-02-28"
  "/events/export.csv?prefecture=530600"
)
printf '\nwrk: %s connections, %ss per URL, %s gunicorn workers, PostgreSQL, DEBUG off\n\n' \
  "$CONNECTIONS" "$SECONDS_PER_URL" "$WEB_CONCURRENCY"
printf '%-66s %10s %9s %9s %8s %8s\n' "URL" "req/s" "p50" "p99" "non-2xx" "errors"
failures=0
for url in "${urls[@]}"; do
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_URL}s" --timeout 10s --latency \
    "http://127.0.0.1:$port$url")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  non2xx=${non2xx:-0}
  # connect/read/write errors and timeouts: wrk does not count them as non-2xx
  errors=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")
  errors=${errors:-0}
  failures=$((failures + non2xx + errors))
  printf '%-66s %10s %9s %9s %8s %8s\n' "$url" "$rps" "$p50" "$p99" "$non2xx" "$errors"
done
echo
[ "$failures" = 0 ] || { echo "load: $failures failed requests (non-2xx or socket errors)" >&2; exit 1; }
