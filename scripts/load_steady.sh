#!/usr/bin/env bash
# Steady load: N clients for D seconds over the public pages and the API lists, against gunicorn
# with production settings and the demo district. Not part of the test suite.
#   scripts/load_steady.sh                     # 50 clients, 300 s, temp SQLite
#   scripts/load_steady.sh -c 20 -d 30         # a short smoke run
#   DATABASE_URL=postgres://root@127.0.0.1:5432/chongchuan_ops scripts/load_steady.sh
# Options: -c clients (50), -d seconds (300), -w gunicorn workers (3), -t wrk threads (2).
# Prints: requests, requests/s, latency percentiles, answers by status class, socket errors.
set -euo pipefail
CLIENTS=50 DURATION=300 THREADS=2
while getopts "c:d:w:t:" opt; do
    case $opt in
        c) CLIENTS=$OPTARG ;; d) DURATION=$OPTARG ;; w) WORKERS=$OPTARG ;; t) THREADS=$OPTARG ;;
        *) sed -n '2,9p' "$0"; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk is needed (apt install wrk)"; exit 2; }
# shellcheck source=scripts/load_common.sh
. "$(dirname "$0")/load_common.sh"
trap load_cleanup EXIT

load_prepare_db
load_paths > "$WORK/paths.txt"
load_start_server

cat > "$WORK/rotate.lua" <<'LUA'
-- Each connection walks the list of paths from its own starting point; the answers are counted
-- by status class in every thread and added up in done().
local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do paths[#paths + 1] = line end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  s2, s3, s4, s5, s503 = 0, 0, 0, 0, 0
  i = math.random(#paths)
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], {["Accept-Language"] = "zh-hans"})
end
function response(status, headers, body)
  if status < 300 then s2 = s2 + 1 elseif status < 400 then s3 = s3 + 1
  elseif status < 500 then s4 = s4 + 1 else s5 = s5 + 1 end
  if status == 503 then s503 = s503 + 1 end
end
function done(summary, latency, requests)
  local t = {s2 = 0, s3 = 0, s4 = 0, s5 = 0, s503 = 0}
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + thread:get(k) end
  end
  local e = summary.errors
  io.write(string.format("SUMMARY requests=%d seconds=%.1f rps=%.1f 2xx=%d 3xx=%d 4xx=%d 5xx=%d 503=%d " ..
    "connect_errors=%d read_errors=%d write_errors=%d timeouts=%d p50_ms=%.0f p90_ms=%.0f p99_ms=%.0f max_ms=%.0f\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    t.s2, t.s3, t.s4, t.s5, t.s503, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
LUA

# Warm-up: one pass over every path (fills each worker's templates and the shared figure cache).
while read -r path; do curl -s -o /dev/null "$BASE$path"; done < "$WORK/paths.txt"

echo "load: $CLIENTS clients, ${DURATION}s, $WORKERS gunicorn workers, $(wc -l < "$WORK/paths.txt") paths" >&2
PATHS_FILE="$WORK/paths.txt" wrk -t"$THREADS" -c"$CLIENTS" -d"${DURATION}s" --timeout 10s \
    -s "$WORK/rotate.lua" "$BASE" | tee "$WORK/wrk.out" >&2
summary=$(grep '^SUMMARY' "$WORK/wrk.out")
"$PY" - "$summary" "$CLIENTS" "$DURATION" "$WORKERS" <<'PYEOF'
import sys
fields = dict(item.split("=") for item in sys.argv[1].split()[1:])
clients, duration, workers = sys.argv[2:5]
bad = int(fields["4xx"]) + int(fields["5xx"])
errors = sum(int(fields[k]) for k in ("connect_errors", "read_errors", "write_errors", "timeouts"))
print(f"steady load, {clients} clients, {duration} s, {workers} workers")
print(f"  requests {fields['requests']} ({float(fields['rps']):.1f}/s); non-2xx/3xx {bad} "
      f"(5xx {fields['5xx']}); socket errors and timeouts {errors}")
print(f"  latency p50 {fields['p50_ms']} ms, p90 {fields['p90_ms']} ms, p99 {fields['p99_ms']} ms, "
      f"max {fields['max_ms']} ms")
PYEOF
load_log_summary
