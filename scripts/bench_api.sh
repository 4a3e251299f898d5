#!/usr/bin/env bash
# Median and p95 response time of two API endpoints over 200 requests each, against gunicorn on
# PostgreSQL with the demo district loaded and production settings.
#   DATABASE_URL=postgres://root@127.0.0.1:5432/chongchuan_h5 PORT=8050 scripts/bench_api.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
BIN=$(dirname "$PY")
PORT=${PORT:-8050}
REQUESTS=${REQUESTS:-200}
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database}"

export DJANGO_SETTINGS_MODULE=chongchuan.settings.production
export DJANGO_SECRET_KEY="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_HTTPS=false  # plain HTTP on 127.0.0.1: no SSL redirect, no HSTS, no secure cookies
export CACHE_URL=${CACHE_URL:-locmemcache://bench}
export API_THROTTLE_ANON=1000000/min DJANGO_LOG_LEVEL=ERROR

"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_demo >/dev/null
"$BIN/gunicorn" chongchuan.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 --log-level warning &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true; wait $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/v1/streets/" 2>/dev/null && break; sleep 0.5; done

"$PY" - "$PORT" "$REQUESTS" <<'PYEOF'
import statistics
import sys
import time
import urllib.request

port, count = sys.argv[1], int(sys.argv[2])
for path in ("/api/v1/issues/?page_size=100", "/api/v1/stats/"):
    url = f"http://127.0.0.1:{port}{path}"
    urllib.request.urlopen(url).read()  # warm-up (fills the statistics cache of one worker)
    times = []
    for _ in range(count):
        start = time.perf_counter()
        with urllib.request.urlopen(url) as response:
            response.read()
            assert response.status == 200
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(0.95 * len(times)) - 1]
    print(f"{path}: {count} requests, median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms")
PYEOF
