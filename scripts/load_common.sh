# Shared by scripts/load_steady.sh, scripts/fault_db_outage.sh and scripts/upload_load.sh (sourced,
# not run): production settings, a database with the demo district, gunicorn in the background.
#
# Environment (all optional):
#   DATABASE_URL  a database to use (it is migrated and load_demo is run into it); default: a
#                 throwaway SQLite file in a temp dir
#   CACHE_URL     default: redis://127.0.0.1:6379/14 when Redis answers, else the database cache
#   PORT          gunicorn's port (default 8060); WORKERS (default 3)
#   PY            the Python of the venv (default .venv/bin/python)
# The API's anonymous rate limit is lifted (every client comes from 127.0.0.1); the pages' own
# rate limits (ratings, suggestions) stay as in production.

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PY:-.venv/bin/python}
BIN=$(dirname "$PY")
PORT=${PORT:-8060}
WORKERS=${WORKERS:-3}
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/chongchuan-load.XXXXXX")
SERVER_PID=""

export DJANGO_SETTINGS_MODULE=chongchuan.settings.production
export DJANGO_SECRET_KEY="load-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_HTTPS=false
export DJANGO_LOG_LEVEL=${DJANGO_LOG_LEVEL:-ERROR}
export DJANGO_MEDIA_ROOT=${DJANGO_MEDIA_ROOT:-$WORK/media}
export API_THROTTLE_ANON=1000000/min API_THROTTLE_USER=1000000/min
export DATABASE_URL=${DATABASE_URL:-sqlite:///$WORK/db.sqlite3}
if [ -z "${CACHE_URL:-}" ]; then
    if "$PY" -c 'import redis,sys; redis.Redis(port=6379, socket_timeout=1).ping()' 2>/dev/null; then
        export CACHE_URL=redis://127.0.0.1:6379/14
    else
        export CACHE_URL=dbcache://chongchuan_cache
    fi
fi

# One line about what gunicorn and Django logged (errors go to the log, not the summary).
load_log_summary() {
    if [ -s "$WORK/gunicorn.log" ]; then
        echo "  server log: $(grep -c . "$WORK/gunicorn.log") lines, $(grep -c '^Traceback' "$WORK/gunicorn.log") tracebacks"
        # The exception that ended each traceback, counted.
        grep -E '^[A-Za-z_][A-Za-z0-9_.]*(Error|Exception|Locked|Timeout)[A-Za-z]*: ' "$WORK/gunicorn.log" \
            | cut -c1-150 | sort | uniq -c | sort -rn | head -5 | sed 's/^/   /' || true
    fi
}

load_cleanup() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}

load_prepare_db() {
    echo "database: ${DATABASE_URL%%\?*}  cache: $CACHE_URL" >&2
    "$PY" manage.py migrate --noinput -v0
    "$PY" manage.py createcachetable
    "$PY" manage.py load_demo >/dev/null
    # Hashed static names (production storage): pages need the manifest.
    "$PY" manage.py collectstatic --noinput -v0
    "$PY" -c 'import django; django.setup(); from django.core.cache import cache; cache.clear()'
}

load_start_server() {
    "$BIN/gunicorn" chongchuan.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
        --timeout 60 --log-level warning >>"$WORK/gunicorn.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 120); do
        curl -fsS -o /dev/null "$BASE/api/v1/streets/" 2>/dev/null && return 0
        sleep 0.5
    done
    echo "gunicorn did not start; see $WORK/gunicorn.log" >&2
    cat "$WORK/gunicorn.log" >&2
    return 1
}

# Public pages and API lists to rotate over, one path a line (ids taken from the demo data).
load_paths() {
    "$PY" - <<'PYEOF'
import django
django.setup()
from deliberations.models import Session
from issues.models import Issue
from rooms.models import Room
paths = ["/", "/stats/", "/rooms/", "/rooms/coverage/", "/sessions/", "/issues/", "/search/?q=%E5%81%9C%E8%BD%A6",
         "/feeds/resolved/", "/api/v1/rooms/", "/api/v1/sessions/", "/api/v1/issues/", "/api/v1/stats/",
         "/api/v1/streets/", "/api/v1/outcomes/", "/issues/?status=resolved", "/sessions/?page=2"]
paths += [f"/rooms/{pk}/" for pk in Room.objects.order_by("pk").values_list("pk", flat=True)[:8]]
paths += [f"/sessions/{pk}/" for pk in Session.objects.order_by("-pk").values_list("pk", flat=True)[:8]]
paths += [f"/issues/{pk}/" for pk in Issue.objects.public().order_by("-pk").values_list("pk", flat=True)[:8]]
paths += [f"/api/v1/issues/{pk}/" for pk in Issue.objects.public().order_by("pk").values_list("pk", flat=True)[:4]]
print("\n".join(paths))
PYEOF
}
