#!/usr/bin/env bash
# Requests a second from gunicorn in three configurations, on the home page and the practice
# list, against a throwaway demo database (SQLite under a temporary directory, production settings).
# Needs `wrk` (apt-get install wrk). Loads every core for about 4 minutes; run it on a quiet machine.
#
#   bench/serving.sh                 # 20 clients, 20 seconds per page and configuration
#   CLIENTS=20 SECONDS_EACH=20 PORT=8799 bench/serving.sh
#   SERVING_POSTGRES=postgres://postgres@127.0.0.1:5432 bench/serving.sh
#                                    # on PostgreSQL, as production runs: a throwaway database
#                                    # exchange_serving is made on that server and dropped after
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${CLIENTS:-20}
SECONDS_EACH=${SECONDS_EACH:-20}
PORT=${PORT:-8799}
VENV=${VENV:-.venv}
PAGES=(/ /practice/)
CONFIGS=(
  "sync, 4 workers|--workers 4"
  "sync, 5 workers (2 x cores + 1)|--workers 5"
  "gthread, 2 workers x 8 threads|--worker-class gthread --workers 2 --threads 8"
  "gthread, 4 workers x 4 threads|--worker-class gthread --workers 4 --threads 4"
  "gthread, 5 workers x 2 threads|--worker-class gthread --workers 5 --threads 2"
)

work=$(mktemp -d /tmp/exchange-serving.XXXXXX)
trap 'rm -rf "$work"' EXIT
SERVING_POSTGRES=${SERVING_POSTGRES:-}
export DJANGO_ENV=production DJANGO_DEBUG=false DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECRET_KEY="bench-only-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')"
export DJANGO_SECURE_SSL_REDIRECT=false EXCHANGE_EMAIL_TRANSPORT=dummy
export SQLITE_PATH="$work/exchange.sqlite3" EXCHANGE_STATIC_ROOT="$work/static"
export EXCHANGE_MEDIA_ROOT="$work/media"
unset DATABASE_URL REDIS_URL
if [[ -n "$SERVING_POSTGRES" ]]; then
  psql "$SERVING_POSTGRES/postgres" -qc "DROP DATABASE IF EXISTS exchange_serving" \
    -c "CREATE DATABASE exchange_serving"
  export DATABASE_URL="$SERVING_POSTGRES/exchange_serving"
  trap 'rm -rf "$work"; psql "$SERVING_POSTGRES/postgres" -qc "DROP DATABASE IF EXISTS exchange_serving"' EXIT
fi
echo "Database: ${DATABASE_URL:-SQLite in $work}" >&2

echo "Preparing a demo database in $work ..." >&2
"$VENV/bin/python" manage.py migrate --no-input -v0
"$VENV/bin/python" manage.py seed_demo > /dev/null
"$VENV/bin/python" manage.py collectstatic --no-input -v0

echo "| configuration | page | requests/s | mean latency |"
echo "|---|---|---:|---:|"
for config in "${CONFIGS[@]}"; do
  name=${config%%|*}
  # shellcheck disable=SC2086  # the options are words
  "$VENV/bin/gunicorn" exchange.wsgi --bind "127.0.0.1:$PORT" ${config#*|} \
    --log-level warning > "$work/gunicorn.log" 2>&1 &
  server=$!
  for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done
  for page in "${PAGES[@]}"; do
    # Warm up first: each worker imports the project on its first request.
    wrk -t2 -c"$CLIENTS" -d3s "http://127.0.0.1:$PORT$page" > /dev/null
    result=$(wrk -t2 -c"$CLIENTS" -d"${SECONDS_EACH}s" --timeout 10s "http://127.0.0.1:$PORT$page")
    rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<< "$result")
    latency=$(awk '/^ +Latency/ {print $2}' <<< "$result")
    errors=$(grep -E "Non-2xx|Socket errors" <<< "$result" || true)
    echo "| $name | \`$page\` | $rps | $latency |${errors:+ $errors}"
  done
  kill "$server"; wait "$server" 2>/dev/null || true
done
