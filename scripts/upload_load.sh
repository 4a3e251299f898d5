#!/usr/bin/env bash
# Uploads under load: U conveners save a session with large photos at the same time (through the
# convener's form, /my/sessions/new/, each with 2 JPEGs and 1 PNG of a few MB made by Pillow),
# while two residents keep using the site: one reads an issue page, one posts a rating on a
# resolved issue. Prints max and p99 latency of the residents' requests while uploads are in
# flight (target: under 1 s), and the uploads' own times. Not part of the test suite.
#   scripts/upload_load.sh [-u uploaders (10)] [-r rounds per uploader (2)] [-w gunicorn workers (3)]
# Environment: DATABASE_URL (default a temp SQLite), PORT (8063).
set -euo pipefail
UPLOADERS=10 ROUNDS=2
while getopts "u:r:w:" opt; do
    case $opt in
        u) UPLOADERS=$OPTARG ;; r) ROUNDS=$OPTARG ;; w) WORKERS=$OPTARG ;;
        *) sed -n '2,9p' "$0"; exit 2 ;;
    esac
done
export PORT=${PORT:-8063}
# shellcheck source=scripts/load_common.sh
. "$(dirname "$0")/load_common.sh"
trap load_cleanup EXIT

load_prepare_db
read -r ROOM ISSUE <<<"$("$PY" -c '
import django; django.setup()
from rooms.models import Room
from issues.models import Issue
room = Room.objects.filter(convenerships__user__username="convener").values_list("pk", flat=True).first()
issue = Issue.objects.public().filter(status=Issue.Status.RESOLVED).values_list("pk", flat=True).first()
print(room, issue)')"
load_start_server

"$PY" - "$BASE" "$ROOM" "$ISSUE" "$UPLOADERS" "$ROUNDS" "$WORK" <<'PYEOF'
import io
import os
import re
import sys
import threading
import time

import requests
from PIL import Image

base, room, issue, uploaders, rounds, work = sys.argv[1:]
uploaders, rounds = int(uploaders), int(rounds)
LOGIN = ("convener", "chongchuan-convener-2020")


def photo(fmt, size, seed):
    rng_bytes = os.urandom(size[0] * size[1] * 3)  # noise: compresses badly, so the files stay large
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, rng_bytes).save(buffer, fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    return buffer.getvalue()


PHOTOS = [("现场一.jpg", photo("JPEG", (2400, 1800), 1), "image/jpeg"),
          ("现场二.jpg", photo("JPEG", (2200, 1650), 2), "image/jpeg"),
          ("签到表.png", photo("PNG", (1150, 860), 3), "image/png")]
upload_mb = sum(len(p[1]) for p in PHOTOS) / 1e6


def csrf(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def logged_in():
    http = requests.Session()
    page = http.get(base + "/my/", timeout=60)  # redirects to the login page
    login_url = page.url.split("?")[0]
    answer = http.post(login_url, data={"username": LOGIN[0], "password": LOGIN[1], "csrfmiddlewaretoken": csrf(page.text),
                                        "next": "/my/"}, headers={"Referer": page.url}, timeout=60)
    assert answer.ok and "/my/" in answer.url, f"login failed: {answer.status_code} {answer.url}"
    return http


uploads = []  # (seconds, status)
probes = []  # (start, seconds, kind, status)
lock = threading.Lock()
uploading = threading.Event()
done = threading.Event()
active = [0]


def uploader(n):
    http = logged_in()
    ready.wait()
    for r in range(rounds):
        form_url = f"{base}/my/sessions/new/?room={room}"
        page = http.get(form_url, timeout=60)
        data = {"csrfmiddlewaretoken": csrf(page.text), "room": room, "topic": f"上传压力测试{n}-{r}", "kind": "regular",
                "status": "held", "starts_at": "2026-11-20T10:00", "ends_at": "", "place": "议事室", "campaign": "",
                "att-resident": "12", "minutes": "纪要", "consensus": "共识",
                "issues-TOTAL_FORMS": "0", "issues-INITIAL_FORMS": "0", "issues-MIN_NUM_FORMS": "0", "issues-MAX_NUM_FORMS": "30",
                "photos-TOTAL_FORMS": str(len(PHOTOS)), "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0",
                "photos-MAX_NUM_FORMS": "12"}
        files = {}
        for i, (name, content, mime) in enumerate(PHOTOS):
            data[f"photos-{i}-alt_text"] = "议事现场"
            data[f"photos-{i}-caption"] = name
            files[f"photos-{i}-image"] = (name, content, mime)
        with lock:
            active[0] += 1
            uploading.set()
        start = time.monotonic()
        try:
            answer = http.post(form_url, data=data, files=files, headers={"Referer": form_url}, timeout=120,
                               allow_redirects=False)
            status = answer.status_code
        except requests.RequestException as error:
            status = type(error).__name__
        with lock:
            uploads.append((time.monotonic() - start, status))
            active[0] -= 1


def resident(kind):
    http = requests.Session()
    url = f"{base}/issues/{issue}/"
    while not done.is_set():
        start = time.monotonic()
        try:
            if kind == "page":
                status = http.get(url, timeout=60).status_code
            else:
                page = http.get(url, timeout=60)
                start = time.monotonic()  # the POST alone
                status = http.post(url, data={"csrfmiddlewaretoken": csrf(page.text), "rating": "satisfied", "note": ""},
                                   headers={"Referer": url}, timeout=60, allow_redirects=False).status_code
        except requests.RequestException as error:
            status = type(error).__name__
        seconds = time.monotonic() - start
        with lock:
            if active[0] > 0:
                probes.append((start, seconds, kind, status))
        time.sleep(0.1)


ready = threading.Event()
workers = [threading.Thread(target=uploader, args=(n,)) for n in range(uploaders)]
for thread in workers:
    thread.start()
residents = [threading.Thread(target=resident, args=(kind,)) for kind in ("page", "rating")]
for thread in residents:
    thread.start()
time.sleep(2)
t0 = time.monotonic()
ready.set()
for thread in workers:
    thread.join()
elapsed = time.monotonic() - t0
done.set()
for thread in residents:
    thread.join()


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


print(f"uploads: {uploaders} conveners × {rounds} saves, {len(PHOTOS)} photos each ({upload_mb:.1f} MB a save), "
      f"{elapsed:.1f} s in all")
statuses = {}
for _, status in uploads:
    statuses[status] = statuses.get(status, 0) + 1
times = [s for s, _ in uploads]
print(f"  upload answers {statuses} (302 = saved); time p50 {pct(times, .5):.2f} s, max {max(times):.2f} s")
for kind, label in (("page", "resident's issue page (GET)"), ("rating", "rating (POST)")):
    seconds = [p[1] for p in probes if p[2] == kind]
    kinds = {}
    for p in probes:
        if p[2] == kind:
            kinds[p[3]] = kinds.get(p[3], 0) + 1
    print(f"  {label} during uploads: {len(seconds)} requests {kinds}; "
          f"p99 {pct(seconds, .99):.2f} s, max {max(seconds, default=float('nan')):.2f} s")
every = [p[1] for p in probes]
print(f"  other requests during uploads: p99 {pct(every, .99):.2f} s, max {max(every, default=float('nan')):.2f} s "
      f"(target under 1 s)")
PYEOF
load_log_summary
