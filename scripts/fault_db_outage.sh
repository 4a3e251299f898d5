#!/usr/bin/env bash
# Database outage drill: what visitors and API clients see while PostgreSQL is down, how fast the
# site recovers, and whether an acknowledged write is ever lost. Not part of the test suite.
#
# Creates a THROWAWAY PostgreSQL cluster (pg_createcluster 15 <name> --port 5440; the shared
# cluster on 5432 is never touched), migrates it and loads the demo district, starts gunicorn on it,
# then runs readers (pages and API) and a writer (a convener's POST /api/v1/sessions/, each 2xx
# answer's id recorded), stops the cluster for O seconds, starts it again, and reports:
#   answers during the outage by status (expected: 503, JSON on /api/),
#   seconds from the restart until every answer is 200 again,
#   acknowledged writes missing from the database afterwards (expected: 0).
# The cluster is dropped at the end, whatever happens (trap).
#   sudo scripts/fault_db_outage.sh [-o outage_seconds (10)] [-b before (10)] [-a after (20)]
# Environment: PG_VERSION (15), CLUSTER (chongchuan_chaos), PG_PORT (5440), PORT (8062), WORKERS.
set -euo pipefail
OUTAGE=10 BEFORE=10 AFTER=20
while getopts "o:b:a:" opt; do
    case $opt in
        o) OUTAGE=$OPTARG ;; b) BEFORE=$OPTARG ;; a) AFTER=$OPTARG ;;
        *) sed -n '2,15p' "$0"; exit 2 ;;
    esac
done
PG_VERSION=${PG_VERSION:-15}
CLUSTER=${CLUSTER:-chongchuan_chaos}
PG_PORT=${PG_PORT:-5440}
export PORT=${PORT:-8062}
[ "$PG_PORT" != 5432 ] || { echo "refusing to use port 5432 (the shared cluster)"; exit 2; }
command -v pg_createcluster >/dev/null || { echo "pg_createcluster is needed (postgresql-common)"; exit 2; }
if pg_lsclusters -h | awk '{print $2}' | grep -qx "$CLUSTER"; then
    echo "cluster $PG_VERSION/$CLUSTER exists already; drop it first (pg_dropcluster --stop $PG_VERSION $CLUSTER)"; exit 2
fi
if ss -ltn | grep -q ":$PG_PORT "; then echo "port $PG_PORT is taken"; exit 2; fi

export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/chongchuan"
# shellcheck source=scripts/load_common.sh
. "$(dirname "$0")/load_common.sh"
drop_cluster() {
    load_cleanup
    pg_dropcluster --stop "$PG_VERSION" "$CLUSTER" 2>/dev/null || true
}
trap drop_cluster EXIT

pg_createcluster "$PG_VERSION" "$CLUSTER" --port "$PG_PORT" -- --auth-local=trust --auth-host=trust >/dev/null
pg_ctlcluster "$PG_VERSION" "$CLUSTER" start
psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE chongchuan" postgres
load_prepare_db
TOKEN=$("$PY" manage.py issue_api_token convener --name 故障演练)
ROOM=$("$PY" -c 'import django; django.setup(); from rooms.models import Room; print(Room.objects.filter(convenerships__user__username="convener").values_list("pk", flat=True).first())')
load_start_server

"$PY" - "$BASE" "$TOKEN" "$ROOM" "$OUTAGE" "$BEFORE" "$AFTER" "$PG_VERSION" "$CLUSTER" "$DATABASE_URL" <<'PYEOF'
import collections
import datetime
import subprocess
import sys
import threading
import time

import psycopg2
import requests

base, token, room, outage, before, after, version, cluster, dsn = sys.argv[1:]
outage, before, after = float(outage), float(before), float(after)
READ_PATHS = ["/", "/issues/", "/sessions/", "/stats/", "/api/v1/sessions/", "/api/v1/issues/", "/api/v1/stats/"]
answers = []  # (time, kind, path, status or exception name, is_json)
acknowledged = []  # ids of sessions answered 2xx
stop = threading.Event()
lock = threading.Lock()


def record(kind, path, status, is_json):
    with lock:
        answers.append((time.monotonic(), kind, path, status, is_json))


def reader(offset):
    http = requests.Session()
    i = offset
    while not stop.is_set():
        path = READ_PATHS[i % len(READ_PATHS)]
        i += 1
        try:
            response = http.get(base + path, timeout=15)
            record("read", path, response.status_code, "json" in response.headers.get("Content-Type", ""))
        except requests.RequestException as error:
            record("read", path, type(error).__name__, False)
            time.sleep(0.2)


def writer():
    http = requests.Session()
    http.headers["Authorization"] = f"Token {token}"
    n = 0
    while not stop.is_set():
        n += 1
        starts = datetime.datetime(2025, 1, 1, 9, 0) + datetime.timedelta(minutes=n)
        body = {"room": int(room), "topic": f"故障演练写入{n}", "status": "held",
                "starts_at": starts.isoformat() + "+08:00", "attendance": [{"role": "resident", "headcount": 3}]}
        try:
            response = http.post(base + "/api/v1/sessions/", json=body, timeout=15)
        except requests.RequestException as error:
            record("write", "/api/v1/sessions/", type(error).__name__, False)
            time.sleep(0.2)
            continue
        record("write", "/api/v1/sessions/", response.status_code, "json" in response.headers.get("Content-Type", ""))
        if 200 <= response.status_code < 300:
            with lock:
                acknowledged.append(response.json()["id"])


threads = [threading.Thread(target=reader, args=(k,)) for k in range(4)] + [threading.Thread(target=writer)]
for thread in threads:
    thread.start()
time.sleep(before)
t_stop = time.monotonic()
subprocess.run(["pg_ctlcluster", version, cluster, "stop", "-m", "fast"], check=True)
time.sleep(outage)
t_start = time.monotonic()
subprocess.run(["pg_ctlcluster", version, cluster, "start"], check=True)
t_started = time.monotonic()
time.sleep(after)
stop.set()
for thread in threads:
    thread.join()

during = [a for a in answers if t_stop <= a[0] < t_start]
by_status = collections.Counter((kind, status) for _, kind, _, status, _ in during)
api_during = [a for a in during if a[2].startswith("/api/")]
api_json = sum(1 for a in api_during if a[4])
bad_after = [a for a in answers if a[0] >= t_start and a[3] != 200 and a[3] != 201]
recovered = (max(a[0] for a in bad_after) - t_start) if bad_after else 0.0

with psycopg2.connect(dsn.replace("postgres://", "postgresql://")) as connection, connection.cursor() as cursor:
    cursor.execute("SELECT id FROM deliberations_session WHERE id = ANY(%s)", (acknowledged,))
    present = {row[0] for row in cursor.fetchall()}
lost = sorted(set(acknowledged) - present)

print(f"database outage of {outage:.0f} s (cluster {version}/{cluster}; started again in {t_started - t_start:.1f} s)")
print(f"  answers before/during/after: {sum(1 for a in answers if a[0] < t_stop)} / {len(during)} / "
      f"{sum(1 for a in answers if a[0] >= t_start)}")
print("  during the outage, by status: " + ", ".join(
    f"{kind} {status}: {count}" for (kind, status), count in sorted(by_status.items(), key=str)))
print(f"  /api/ answers during the outage in JSON: {api_json} of {len(api_during)}")
print(f"  seconds from the restart until every answer is 2xx: {recovered:.1f}"
      + ("" if bad_after else " (no error after the restart)"))
print(f"  acknowledged writes: {len(acknowledged)}; lost: {len(lost)}" + (f" {lost[:10]}" if lost else ""))
PYEOF
load_log_summary
