#!/usr/bin/env bash
# Fuzz the open-data API with schemathesis against its live OpenAPI schema.
#
# A disposable SQLite database (a temp file) gets the migrations, the demo district and a token
# for the demo convener; gunicorn serves it on a free local port with production settings; then
#   1. every read-only (GET) operation is fuzzed anonymously,
#   2. every write operation (POST/PUT/PATCH) is fuzzed with the convener's token,
# each with `--checks all` and FUZZ_EXAMPLES (default 100) examples per operation.
# The server is stopped and the temp files removed on exit. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
BIN=$(dirname "$PY")
EXAMPLES=${FUZZ_EXAMPLES:-100}
WORKERS=${FUZZ_WORKERS:-4}

workdir=$(mktemp -d -t chongchuan-fuzz-XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=chongchuan.settings.production
export DATABASE_URL="sqlite:///$workdir/fuzz.sqlite3"
export DJANGO_SECRET_KEY="fuzz-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_HTTPS=false  # plain HTTP on 127.0.0.1: no SSL redirect, no HSTS, no secure cookies
export DJANGO_MEDIA_ROOT="$workdir/media"
export CACHE_URL=locmemcache://fuzz
export DJANGO_LOG_LEVEL=ERROR  # 404s are the expected answer to most fuzzed ids
# Fuzzing sends thousands of requests a minute: lift the rate limits for this server only.
export API_THROTTLE_ANON=1000000/min
export API_THROTTLE_USER=1000000/min

started=$(date +%s)
"$PY" manage.py migrate --noinput -v0
# Production settings serve static files by their hashed names (whitenoise's manifest): every
# HTML page, the error pages included, needs the manifest that collectstatic writes.
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py load_demo >/dev/null
token=$("$PY" manage.py issue_api_token convener --name fuzz --days 1)
# One session and one open issue of the demo convener's rooms, for the write operations on an id.
read -r FUZZ_SESSION_ID FUZZ_ISSUE_ID own_rooms < <("$PY" manage.py shell --no-imports -c '
from issues.models import Issue
from rooms.models import Room
from deliberations.models import Session
own = {"room__convenerships__user__username": "convener"}
rooms = Room.objects.filter(convenerships__user__username="convener").values_list("pk", flat=True)
print(Session.objects.filter(**own).order_by("-pk").values_list("pk", flat=True)[0],
      Issue.objects.filter(**own).exclude(status__in=["resolved", "closed"]).order_by("pk").values_list("pk", flat=True)[0],
      ",".join(str(pk) for pk in rooms))
')
{
  echo "dictionaries.own-rooms = { values = [$own_rooms] }"
  echo "dictionaries.own-session = { values = [$FUZZ_SESSION_ID] }"
  echo "dictionaries.own-issue = { values = [$FUZZ_ISSUE_ID] }"
  echo "dictionaries.record-ids = { values = [$(seq -s, 1 20)] }"
  cat scripts/schemathesis.toml
} > "$workdir/schemathesis.toml"
port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"$BIN/gunicorn" chongchuan.wsgi:application --bind "127.0.0.1:$port" --workers 4 --threads 2 --limit-request-line 0 \
  --log-level warning --error-logfile "$workdir/server.log" 2>>"$workdir/server.log" &
server_pid=$!
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/api/schema/" 2>/dev/null && break
  sleep 0.5
done
echo "fuzz: server on 127.0.0.1:$port ready after $(( $(date +%s) - started ))s"

common=(
  "http://127.0.0.1:$port/api/schema/"
  --checks all
  --max-examples "$EXAMPLES"
  --workers "$WORKERS"
  --seed "${FUZZ_SEED:-20200826}"
  --generation-database none
  --no-color
  --request-timeout 30
)
status=0
echo "=== schemathesis: read-only operations, anonymous ==="
"$BIN/schemathesis" --config-file "$workdir/schemathesis.toml" run "${common[@]}" --include-method GET || status=$?
# One writer at a time: SQLite has a single write lock, and two fuzzed writes racing for it can
# fail with "database is locked" (PostgreSQL, the production database, has row locks).
echo "=== schemathesis: write operations, convener token ==="
"$BIN/schemathesis" --config-file "$workdir/schemathesis.toml" run "${common[@]}" \
  --include-method POST --include-method PUT --include-method PATCH --workers 1 \
  -H "Authorization: Token $token" || status=$?

if grep -q "Traceback" "$workdir/server.log" 2>/dev/null; then
  echo "fuzz: the server logged an exception:"; cat "$workdir/server.log"; status=1
fi
echo "fuzz: finished in $(( $(date +%s) - started ))s, exit $status"
exit "$status"
