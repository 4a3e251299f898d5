#!/usr/bin/env bash
# Throughput of the public pages and API lists against gunicorn with the production settings, as
# a Markdown table (requests a second, share of a bare view measured in the same run, p99), then
# the first request after a write (cold cache) and a write-contention check.
#
#   DATABASE_URL=postgres://root@127.0.0.1:5432/chongchuan_pagecache scripts/bench_pages.sh
#
# Options (environment):
#   LOAD_DEMO=1         migrate and load the demo district into DATABASE_URL first
#   DURATION=10s        wrk duration per page;  CONNECTIONS=16   connections of the req/s run
#   P99_CONNECTIONS=32  connections of the second run, reported as its p99 (0 skips it)
#   CACHE_URL=redis://127.0.0.1:6379/9  the shared cache (dbcache://… or locmemcache://… work too)
#   TABLE=0             skip the throughput table (only the cold-cache and contention checks)
#   PORT=8060  WORKERS=2  WRITERS=20 (concurrent session saves with photos in the contention check)
#   HOLD_SECONDS=2      each save keeps its transaction open this long after saving (a slow upload)
#
# Needs wrk and curl. The settings are chongchuan.settings.bench: production plus a URLconf that
# adds the bare view /__bench__/bare/ (chongchuan/bench_urls.py), the ceiling pages are compared with.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
BIN=$(dirname "$PY")
PORT=${PORT:-8060}
WORKERS=${WORKERS:-2}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
P99_CONNECTIONS=${P99_CONNECTIONS:-32}
WRITERS=${WRITERS:-20}
HOLD_SECONDS=${HOLD_SECONDS:-2}
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database}"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

export DATABASE_URL
export DJANGO_SETTINGS_MODULE=chongchuan.settings.bench
DJANGO_SECRET_KEY="bench-$(head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n')"  # 101 characters
export DJANGO_SECRET_KEY
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECURE_COOKIES=false DJANGO_HTTPS=false  # plain HTTP on the loopback
export CACHE_URL=${CACHE_URL:-redis://127.0.0.1:6379/9}
# Rate limits far above what wrk sends, counted per second: REST framework keeps one timestamp per
# request of the window in the cache, and a minute of wrk traffic would make that list the cost.
export API_THROTTLE_ANON=100000000/s API_THROTTLE_USER=100000000/s DJANGO_LOG_LEVEL=ERROR
BASE="http://127.0.0.1:$PORT"

if [[ "${LOAD_DEMO:-0}" == 1 ]]; then
    "$PY" manage.py migrate --noinput -v0
    "$PY" manage.py load_demo >/dev/null
fi
if [[ "$CACHE_URL" == dbcache* ]]; then "$PY" manage.py createcachetable; fi
"$PY" manage.py collectstatic --noinput -v0 >/dev/null

"$BIN/gunicorn" chongchuan.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
    --worker-class sync --log-level warning &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true; wait $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fsS -o /dev/null "$BASE/__bench__/bare/" 2>/dev/null && break; sleep 0.5; done

# One public room, held session and published issue of the loaded data.
read -r ROOM SESSION ISSUE < <("$PY" manage.py shell --no-imports -v0 -c "
from deliberations.models import Session
from issues.models import Issue
from rooms.models import Room
room = Room.objects.active().order_by('pk')[Room.objects.active().count() // 2]
session = Session.objects.held().order_by('-starts_at', '-pk').first()
issue = Issue.objects.public().resolved().order_by('-resolved_on', '-pk').first()
print(room.pk, session.pk, issue.pk)")

PAGES=(
    "/__bench__/bare/"
    "/" "/stats/" "/rooms/" "/rooms/$ROOM/" "/sessions/" "/sessions/$SESSION/" "/issues/" "/issues/$ISSUE/"
    "/issues/?q=停车" "/search/?q=加装电梯"
    "/api/v1/stats/" "/api/v1/rooms/" "/api/v1/sessions/" "/api/v1/issues/"
)
encode() { "$PY" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe="/?=&"))' "$1"; }

# wrk prints "Requests/sec: N" and, with --latency, "99% N{us,ms,s}".
run_wrk() {  # url connections -> "req/s p99_ms"
    wrk -t2 -c"$2" -d"$DURATION" --latency "$1" | awk '
        /Requests\/sec:/ { rps = $2 }
        $1 == "99%" { v = $2; unit = v; gsub(/[0-9.]/, "", unit); gsub(/[a-z]/, "", v)
                      p99 = (unit == "us") ? v / 1000 : (unit == "s") ? v * 1000 : v }
        END { printf "%.0f %.1f\n", rps, p99 }'
}

for page in "${PAGES[@]}"; do  # warm up: every worker renders each page once, the cache is filled
    url="$BASE$(encode "$page")"
    for _ in 1 2 3 4; do curl -fsS -o /dev/null "$url"; done
done

if [[ "${TABLE:-1}" == 1 ]]; then
echo
echo "wrk -t2, ${DURATION} per page, ${WORKERS} gunicorn sync workers; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
if [[ "$P99_CONNECTIONS" != 0 ]]; then
    echo "| page | page cache | req/s (c${CONNECTIONS}) | share of bare | p99 ms (c${CONNECTIONS}) | p99 ms (c${P99_CONNECTIONS}) |"
    echo "|---|---|---:|---:|---:|---:|"
else
    echo "| page | page cache | req/s (c${CONNECTIONS}) | share of bare | p99 ms (c${CONNECTIONS}) |"
    echo "|---|---|---:|---:|---:|"
fi
bare_rps=""
for page in "${PAGES[@]}"; do
    url="$BASE$(encode "$page")"
    # X-Page-Cache of one more request: "hit" when the page is served whole from the cache.
    cached=$(curl -fsS -o /dev/null -D - "$url" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-page-cache" { print $2 }')
    read -r rps p99 < <(run_wrk "$url" "$CONNECTIONS")
    [[ -z "$bare_rps" ]] && bare_rps=$rps
    share=$(awk -v a="$rps" -v b="$bare_rps" 'BEGIN { printf "%.1f%%", (b > 0) ? 100 * a / b : 0 }')
    if [[ "$P99_CONNECTIONS" != 0 ]]; then
        read -r _ p99_wide < <(run_wrk "$url" "$P99_CONNECTIONS")
        echo "| \`$page\` | ${cached:-—} | $rps | $share | $p99 | $p99_wide |"
    else
        echo "| \`$page\` | ${cached:-—} | $rps | $share | $p99 |"
    fi
done
fi

# First request after a write, cold cache: a write through the ORM (signals, on-commit bump of
# the generation) throws the cached pages away; one request then renders afresh. Two kinds of
# write: a session saved again (what conveners do most; the issue figures stay cached, see
# core.cache) and a rating saved again (every figure is recomputed).
echo
echo "First request after a write (cold cache), three tries each:"
echo
echo "| page | after | 1st | 2nd | 3rd | next request (cached) |"
echo "|---|---|---:|---:|---:|---:|"
write_once() {
    "$PY" manage.py shell --no-imports -v0 -c "
from deliberations.models import Session
from issues.models import Feedback
if '$1' == 'session':
    Session.objects.held().order_by('pk').first().save()
else:
    Feedback.objects.order_by('pk').first().save()"
}
for write in session rating; do
    for page in "/" "/stats/"; do
        row="| \`$page\` | a $write saved |"
        for _ in 1 2 3; do
            write_once "$write"
            ms=$(curl -fsS -o /dev/null -w '%{time_total}' "$BASE$page" | awk '{ printf "%.0f ms", $1 * 1000 }')
            row="$row $ms |"
        done
        ms=$(curl -fsS -o /dev/null -w '%{time_total}' "$BASE$page" | awk '{ printf "%.0f ms", $1 * 1000 }')
        echo "$row $ms |"
    done
done

# Write contention: WRITERS concurrent session saves with photos (the convener's service, each in
# its own transaction and connection) while a resident rates an issue through the public form.
echo
echo "Write contention: ${WRITERS} concurrent session saves with 3 photos each, each transaction held ${HOLD_SECONDS} s;"
echo "meanwhile residents' rating POSTs one after another (the delay is during minus alone):"
echo
"$PY" manage.py shell --no-imports -v0 -c "
import http.client, http.cookies, io, re, statistics, threading, time, urllib.parse
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image
from core.cache import invalidate_statistics
from deliberations.models import Session
from deliberations.services import NewPhoto, session_save
from issues.models import Feedback, Issue
from rooms.models import Convenership

PORT, WRITERS, ISSUE, HOLD = int('$PORT'), int('$WRITERS'), int('$ISSUE'), float('$HOLD_SECONDS')
TOPIC = '压测:并发保存议事活动'
membership = Convenership.objects.select_related('user', 'room').order_by('pk').first()
if membership is None:  # load_province makes no conveners: a staff user writes for the first room
    from django.contrib.auth import get_user_model
    from rooms.models import Room
    AUTHOR = get_user_model().objects.get_or_create(username='bench-writer', defaults={'is_staff': True})[0]
    ROOM = Room.objects.order_by('pk').first()
else:
    AUTHOR, ROOM = membership.user, membership.room

def jpeg(seed):
    image = Image.effect_noise((1600, 1200), 40 + seed % 20).convert('RGB')
    out = io.BytesIO()
    image.save(out, 'JPEG', quality=90)
    return out.getvalue()

photos = [jpeg(n) for n in range(3)]
errors = []

def save_session(n):
    try:
        session = Session(room=ROOM, topic=f'{TOPIC}{n}', starts_at=timezone.now(), place='议事室')
        files = [NewPhoto(file=ContentFile(data, name=f'bench-{n}-{k}.jpg'), alt_text='议事现场') for k, data in enumerate(photos)]
        with transaction.atomic():
            session_save(session=session, author=AUTHOR, photos=files)
            time.sleep(HOLD)  # a slow upload: the transaction stays open, holding what it locked
    except Exception as error:  # noqa: BLE001 - reported below
        errors.append(repr(error))
    finally:
        connection.close()

def rate(n):
    # Each rating from its own loopback address (127.0.x.y): the form allows 5 a client in 10 min.
    connection_ = http.client.HTTPConnection('127.0.0.1', PORT, source_address=(f'127.0.{1 + n // 250}.{1 + n % 250}', 0))
    path = f'/issues/{ISSUE}/'
    connection_.request('GET', path)
    page = connection_.getresponse()
    html = page.read().decode()
    cookies = http.cookies.SimpleCookie()
    for header in page.msg.get_all('Set-Cookie') or ():
        cookies.load(header)
    token = re.search(r'name=\"csrfmiddlewaretoken\" value=\"([^\"]+)\"', html).group(1)
    body = urllib.parse.urlencode({'rating': 'satisfied', 'note': '', 'csrfmiddlewaretoken': token})
    headers = {'Content-Type': 'application/x-www-form-urlencoded', 'Cookie': f'csrftoken={cookies[\"csrftoken\"].value}'}
    start = time.perf_counter()
    connection_.request('POST', path, body, headers)
    answer = connection_.getresponse()
    answer.read()
    took = (time.perf_counter() - start) * 1000
    connection_.close()
    assert answer.status == 302, answer.status  # to the page with the thank-you message
    return took

Session.objects.filter(topic__startswith=TOPIC).delete()  # left over by an interrupted run
feedback_before = Feedback.objects.filter(issue_id=ISSUE).count()
alone = [rate(n) for n in range(3)]
lock_waits = []
watching = threading.Event()

def watch_lock_waits():
    # Any backend of this database waiting for a lock (PostgreSQL), sampled every 50 ms.
    try:
        with connection.cursor() as cursor:
            while not watching.is_set():
                cursor.execute(
                    \"SELECT left(query, 120) FROM pg_stat_activity WHERE datname = current_database() \"
                    \"AND wait_event_type = 'Lock'\"
                )
                lock_waits.extend(row[0] for row in cursor.fetchall())
                time.sleep(0.05)
    finally:
        connection.close()

watcher = threading.Thread(target=watch_lock_waits)
if connection.vendor == 'postgresql':
    watcher.start()
threads = [threading.Thread(target=save_session, args=(n,)) for n in range(WRITERS)]
started = time.perf_counter()
for thread in threads:
    thread.start()
during = []
while any(thread.is_alive() for thread in threads):
    during.append(rate(len(alone) + len(during)))
for thread in threads:
    thread.join()
writes_took = time.perf_counter() - started
watching.set()
if watcher.is_alive():
    watcher.join()
saved = Session.objects.filter(topic__startswith=TOPIC).count()
print(f'| | ms |')
print(f'|---|---:|')
print(f'| rating alone, median of {len(alone)} | {statistics.median(alone):.0f} |')
print(f'| rating during the saves, median of {len(during)} | {statistics.median(during):.0f} |')
p95 = statistics.quantiles(during, n=20)[-1] if len(during) >= 20 else max(during)
print(f'| rating during the saves, 95th percentile | {p95:.0f} |')
print(f'| rating during the saves, max | {max(during):.0f} |')
print(f'| delay at the 95th percentile (p95 during - median alone) | {p95 - statistics.median(alone):.0f} |')
print(f'| max delay (max during - median alone) | {max(during) - statistics.median(alone):.0f} |')
print(f'| the {WRITERS} saves, wall time | {writes_took * 1000:.0f} |')
print()
print(f'{saved} of {WRITERS} sessions saved; errors: {errors or \"none\"}')
if connection.vendor == 'postgresql':
    print(f'lock waits seen in pg_stat_activity during the saves (every 50 ms): {len(lock_waits)}')
    for query in sorted(set(lock_waits))[:5]:
        print(f'  waiting: {query}')
# Leave the data as it was: the benchmark's sessions, their photo files and the ratings go.
for session in Session.objects.filter(topic__startswith=TOPIC):
    for photo in session.photos.all():
        photo.image.delete(save=False)
    session.delete()
for extra in Feedback.objects.filter(issue_id=ISSUE).order_by('-pk')[: Feedback.objects.filter(issue_id=ISSUE).count() - feedback_before]:
    extra.delete()
invalidate_statistics()
"
