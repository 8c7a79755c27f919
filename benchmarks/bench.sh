#!/usr/bin/env bash
# shellcheck disable=SC2154 # results are assigned by eval and printf -v under computed names
# bench.sh — the orchestrator's intake, latency, dispatch, memory and start-up, measured side by
# side with the bare Undertow ceiling and the tutorial service, in one run on this machine.
#
# usage: benchmarks/bench.sh     (from any directory; ../shared must sit beside the repository)
#
# Each server runs alone, on its own 127.0.0.1 port with its own temporary database, driven by
# shared/bench/load.sh with the same signed 13.5 KB issues.opened payload:
#   start (timed to its first 200) -> one probe -> warm-up -> dispatch drained -> closed loop at
#   CONNECTIONS (peak RSS read here) -> rows vs 2xx -> dispatch drained -> RATE_WARMUP at RATE
#   -> fixed RATE -> [app: SOAK] -> stop [app: -> start again on the same database, timed -> stop].
# Then, unless UNSYNCED=0, the app once more on a new database with DB_SYNCHRONOUS=NORMAL, its
# commits written but not synced (not the default, and not durable on a power cut): warm-up ->
# RATE_WARMUP -> fixed RATE. Beside the default run it shows what the sync adds to the answer and
# what the rest of the app costs at that rate.
# Last, with no server running, one-row SQLite commits with a full sync at RATE (sync_floor.py):
# the disk's own share of each answer, printed beside the p99 ratio.
# The warm-up is long because the app's JIT compiler needs it: on two cores, a freshly started
# JVM reaches its steady throughput only after about 30 s under load. The latency run has a
# warm-up of its own at its rate: after the closed-loop runs the JIT recompiles the paths a low
# rate takes (an idle writer commits on the I/O thread), and for its first 10 s or so the app's
# p99 is half again what it settles at. Every server gets the same.
# As the container image does, the app runs with a class-data archive (CDS=0: without), recorded
# first by a training run of `serve --exit-when-ready` against a throwaway database (it starts,
# answers its own /ready, and stops).
# The app runs with the product's default settings. Every delivery is about the same issue, so
# under the default cap (MAX_AGENTS_PER_SUBJECT_PER_HOUR=5) the first 5 create agents (202) and
# the rest are answered 200 "ignored": each still signature-checked, parsed, decided and recorded
# as a row in `deliveries` before the answer. Rows vs 2xx therefore counts, for the app, the
# deliveries recorded as originals (decision <> 'duplicate'; every request carries a fresh
# X-GitHub-Delivery, so each 2xx has exactly one), and for the tutorial service its agents.
# Then the app's dispatch capacity: with the app stopped, DISPATCH_BACKLOG new pending agents
# (copies of one of its agents, ids sorting after every existing one) are inserted into its
# database with SQL, the app restarted against a fresh fake controller, and the time until all
# of them are dispatched is measured. The app and the tutorial service each call their own fake
# controller (shared/bench/fake_controller.py --delay-ms CONTROLLER_DELAY_MS), whose /stats are
# reported.
#
# env (all optional):
#   DURATION=15s      each measured wrk run          WARMUP=30s  closed-loop warm-up (0: none)
#   CONNECTIONS=64    closed-loop connections        RATE=500    requests/s of the latency run
#   THREADS=2         wrk threads                    SKIP_PEER=1 leave the tutorial service out
#   RATE_WARMUP=15s   at RATE, unmeasured, before the latency run (0: none)
#   DISPATCH_CONCURRENCY=64   CONTROLLER_DELAY_MS=1   DISPATCH_WAIT=120 (s, bound on each drain)
#   DISPATCH_BACKLOG=5000     agents queued for the capacity run (0: skip it)
#   SOAK=seconds      keep the app under load that long, printing its RSS every SOAK_INTERVAL=30
#                     seconds, at SOAK_RATE requests/s (default RATE; 0 = closed loop)
#   JMH=1             afterwards run the JMH suite briefly; JMH=only runs nothing else;
#                     JMH_ARGS replaces "-f 1 -wi 2 -i 3 -w 1s -r 1s"
#   APP_JAVA_OPTS     JVM options for the app (default: deploy/Dockerfile's ENTRYPOINT options,
#                     "-XX:+UseSerialGC -Xss512k" and its later C2 compilation, with the heap
#                     capped at 256m as its MaxRAMPercentage would cap it in a 384 MiB container;
#                     "" for plain java -jar)
#   APP_ENV_EXTRA="K=V K2=V2"  extra environment for the app, over its defaults, e.g.
#                     APP_ENV_EXTRA="MAX_AGENTS_PER_SUBJECT_PER_HOUR=50" (values without spaces)
#   APP_LOG_LEVEL=INFO    PORT_BASE=18400 (six ports from there)    KEEP=1 keeps the logs
#   CDS=1             record and use a class-data archive for the app, as deploy/Dockerfile does
#   UNSYNCED=1        the latency run of the app with DB_SYNCHRONOUS=NORMAL (0: skip it, ~1 min)
#
# Needs java 17, curl, openssl, python3; wrk and sqlite3 are installed with apt-get when missing.
# Everything binds to 127.0.0.1; every loop is bounded in time; every process started here is
# stopped on exit. Exit status: 0, or 1 when a check failed (errors, a 2xx without its row, more
# controller connections than DISPATCH_CONCURRENCY), or 2 when the run could not be made.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SHARED="$(cd "$ROOT/.." && pwd)/shared"
BENCH="$SHARED/bench"
FIXTURE="$SHARED/fixtures/github/issues.opened.json"

DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-30s}"
RATE_WARMUP="${RATE_WARMUP:-15s}"
CONNECTIONS="${CONNECTIONS:-64}"
RATE="${RATE:-500}"
THREADS="${THREADS:-2}"
SKIP_PEER="${SKIP_PEER:-0}"
DISPATCH_CONCURRENCY="${DISPATCH_CONCURRENCY:-64}"
CONTROLLER_DELAY_MS="${CONTROLLER_DELAY_MS:-1}"
DISPATCH_WAIT="${DISPATCH_WAIT:-120}"
DISPATCH_BACKLOG="${DISPATCH_BACKLOG:-5000}"
SOAK="${SOAK:-0}"
SOAK_INTERVAL="${SOAK_INTERVAL:-30}"
SOAK_RATE="${SOAK_RATE:-$RATE}"
JMH="${JMH:-0}"
JMH_ARGS="${JMH_ARGS:--f 1 -wi 2 -i 3 -w 1s -r 1s}"
LATER_C2="-XX:Tier4InvocationThreshold=20000 -XX:Tier4MinInvocationThreshold=2400"
LATER_C2+=" -XX:Tier4CompileThreshold=60000 -XX:Tier4BackEdgeThreshold=160000"
APP_JAVA_OPTS="${APP_JAVA_OPTS--XX:+UseSerialGC -Xmx256m -Xss512k $LATER_C2}"
APP_LOG_LEVEL="${APP_LOG_LEVEL:-INFO}"
APP_ENV_EXTRA="${APP_ENV_EXTRA:-}"
PORT_BASE="${PORT_BASE:-18400}"
KEEP="${KEEP:-0}"
CDS="${CDS:-1}"
UNSYNCED="${UNSYNCED:-1}"

SECRET=bench-secret
STARTUP_TIMEOUT_S=120
PORT_CEILING=$PORT_BASE
PORT_APP=$((PORT_BASE + 1))
PORT_PEER=$((PORT_BASE + 2))
PORT_CTRL_APP=$((PORT_BASE + 3))
PORT_CTRL_PEER=$((PORT_BASE + 4))
PORT_CTRL_CAPACITY=$((PORT_BASE + 5))

# ------------------------------------------------------------------------------------ helpers
say() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "error: $*"; exit 2; }
now_ms() { date +%s%3N; }
secs() { echo "${1%s}"; } # "15s" -> 15, for WARMUP, RATE_WARMUP and SOAK (plain seconds)
# a / b to two decimals, or to two significant digits when that would print 0.00.
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (b + 0 <= 0 || a != a + 0) { printf "n/a"; exit }
    r = a / b
    printf (r == 0 || r >= 0.005 ? "%.2f" : "%.2g"), r
  }'
}

PIDS=()
WORK=""
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  if [[ -n "$WORK" && -d "$WORK" ]]; then
    if [[ "$KEEP" == 1 ]]; then say "logs kept in $WORK"; else rm -rf "$WORK"; fi
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Starts a command in its own process group (setsid), output to a log; sets STARTED_PID.
start_bg() {
  local log="$1"
  shift
  setsid "$@" >"$log" 2>&1 &
  STARTED_PID=$!
  PIDS+=("$STARTED_PID")
}

# Stops the process group led by a pid this script started: TERM, up to 10 s, then KILL. The pid
# is then forgotten, so that a later cleanup cannot signal another process given the same number.
stop_pid() {
  local pid="$1" i kept=()
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null &&
      { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" || true; }
  fi
  for i in "${PIDS[@]}"; do [[ "$i" == "$pid" ]] || kept+=("$i"); done
  PIDS=("${kept[@]}")
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Polls URL every 10 ms until its status starts with EXPECT; prints the milliseconds since
# START_MS. Fails when PID dies or STARTUP_TIMEOUT_S passes. One Python process does the polling
# (await_status.py): a curl every 10 ms would cost the start it times a few ms of CPU each.
await_status() {
  local url="$1" expect="$2" start_ms="$3" pid="$4" log="$5"
  if python3 "$HERE/await_status.py" "$url" "$expect" "$start_ms" "$pid" "$STARTUP_TIMEOUT_S"; then
    return 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    say "process $pid exited before $url answered; last lines of $log:"
  else
    say "$url did not answer $expect within ${STARTUP_TIMEOUT_S}s; last lines of $log:"
  fi
  tail -n 20 "$log" >&2
  return 1
}

# VmHWM (peak) or VmRSS (now) of a process, in MiB.
mem_mib() {
  awk -v f="$2:" '$1 == f { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "?"
}

sql() { sqlite3 -cmd '.timeout 10000' "$1" "$2"; }

# One signed delivery, as load.sh sends it; prints the status code.
probe() {
  local url="$1" sig
  sig="sha256=$(openssl dgst -sha256 -hmac "$SECRET" -r <"$FIXTURE" | awk '{print $1}')"
  curl -s -o /dev/null -w '%{http_code}' --max-time 30 -X POST "$url" \
    -H 'Content-Type: application/json' -H 'X-GitHub-Event: issues' \
    -H "X-GitHub-Delivery: probe-$(openssl rand -hex 8)" -H "X-Hub-Signature-256: $sig" \
    --data-binary "@$FIXTURE" || true
}

# Runs load.sh and reads its result into R_<key>_<field> (rps p50 p99 ok non2xx sock errors).
run_load() {
  local key="$1" url="$2" duration="$3" conns="$4" rate="$5" out="$WORK/$1"
  JSON_OUT="$out.json" SECRET="$SECRET" PAYLOAD="$FIXTURE" \
    "$BENCH/load.sh" "$url" "$duration" "$conns" "$THREADS" "$rate" >"$out.txt" 2>&1 ||
    { tail -n 20 "$out.txt" >&2; die "load.sh failed for $key (log above)"; }
  eval "$(read_wrk "$out.json" "$out.txt" "R_${key}_")"
  kill -0 "$SERVER_PID" 2>/dev/null ||
    die "the server under test (pid $SERVER_PID) stopped during $key; see its log in $WORK"
  local -n rps="R_${key}_rps" p50="R_${key}_p50" p99="R_${key}_p99" err="R_${key}_errors"
  local -n ok="R_${key}_ok"
  say "$key: $rps req/s, p50 $p50 ms, p99 $p99 ms, 2xx $ok, errors $err"
  ((ok > 0)) || say "$key: no answer at all within $duration (each took longer than the run)"
}

# The unmeasured run at RATE before a server's latency run, as R_<key>_*, with R_<key>_runs 1;
# when RATE_WARMUP is 0 nothing runs, and R_<key>_ok and R_<key>_runs are 0.
rate_warmup() {
  local key="$1" url="$2"
  printf -v "R_${key}_ok" '%s' 0
  printf -v "R_${key}_runs" '%s' 0
  [[ "$(secs "$RATE_WARMUP")" != 0 ]] || return 0
  run_load "$key" "$url" "$RATE_WARMUP" "$CONNECTIONS" "$RATE"
  printf -v "R_${key}_runs" '%s' 1
}

# A server's latency run at RATE on URL, after its warm-up: as R_<key>_rate_warm_* and
# R_<key>_rate_*. Adds their 2xx and their number of runs to the variables named $2 and $3.
latency_run() {
  local key="$1"
  local -n ok_total="$2" run_total="$3"
  rate_warmup "${key}_rate_warm" "$URL"
  run_load "${key}_rate" "$URL" "$DURATION" "$CONNECTIONS" "$RATE"
  local -n warm_ok="R_${key}_rate_warm_ok" warm_runs="R_${key}_rate_warm_runs"
  local -n rate_ok="R_${key}_rate_ok"
  ok_total=$((ok_total + warm_ok + rate_ok))
  run_total=$((run_total + warm_runs + 1))
}

# Prints shell assignments from load.sh's JSON summary or, when that is missing or broken, from
# wrk's own --latency text (units converted to ms).
read_wrk() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, re, sys
jpath, tpath, prefix = sys.argv[1:4]
try:
    with open(jpath) as f:
        d = json.load(f)
    sock = sum(int(d[k]) for k in ("err_connect", "err_read", "err_write", "err_timeout"))
    r = dict(rps=d["requests_per_s"], p50=d["lat_p50_ms"], p99=d["lat_p99_ms"],
             ok=int(d["ok_2xx"]), non2xx=int(d["non_2xx"]), sock=sock,
             first=int(d.get("first_non_2xx_status", 0)), src="json")
except (OSError, ValueError, KeyError):
    text = open(tpath, errors="replace").read()
    unit = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}
    def num(pattern, default=0.0):
        m = re.search(pattern, text, re.M)
        return float(m.group(1)) if m else default
    def lat(p):
        m = re.search(r"^\s*%d(?:\.0+)?%%\s+([\d.]+)(us|ms|s|m)\s*$" % p, text, re.M)
        return float(m.group(1)) * unit[m.group(2)] if m else float("nan")
    total = int(num(r"^\s*(\d+) requests in"))
    non = int(num(r"Non-2xx or 3xx responses:\s+(\d+)"))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    sock = sum(int(g) for g in m.groups()) if m else 0
    r = dict(rps=num(r"Requests/sec:\s+([\d.]+)", float("nan")), p50=lat(50), p99=lat(99),
             ok=total - non, non2xx=non, sock=sock, first=0, src="wrk-text")
r["errors"] = r["non2xx"] + r["sock"]
for k in ("rps", "p50", "p99"):
    r[k] = "%.2f" % r[k] if r[k] == r[k] else "nan"
for k, v in r.items():
    print("%s%s=%s" % (prefix, k, v))
PY
}

# Agents in an agents table, as "running backlog failed total".
agent_counts() {
  sql "$1" "SELECT coalesce(sum(status = 'running'), 0) || ' ' ||
                   coalesce(sum(status IN ('pending', 'session_created')), 0) || ' ' ||
                   coalesce(sum(status = 'failed'), 0) || ' ' || count(*) FROM agents"
}

# The app's deliveries recorded as originals: one per 2xx, since each request has a fresh id.
app_deliveries() { sql "$1" "SELECT count(*) FROM deliveries WHERE decision <> 'duplicate'"; }

deliveries_by_decision() {
  sql "$1" "SELECT group_concat(decision || ' ' || n, ', ') FROM
              (SELECT decision, count(*) AS n FROM deliveries GROUP BY decision ORDER BY n DESC)"
}

# Inserts COUNT new pending agents into the app's database (stopped), copies of its newest agent
# with ids that sort after every existing one (ids sort by creation; dispatch takes the oldest
# first), each with its first event as intake writes it; prints how many were inserted. This
# writes the app's columns directly (db/migration V1, V2): if they change, the step says so.
queue_agents() {
  local db="$1" count="$2" now
  now=$(now_ms)
  sql "$db" "BEGIN;
    CREATE TEMP TABLE template AS SELECT * FROM agents ORDER BY id DESC LIMIT 1;
    CREATE TEMP TABLE queued AS
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
      SELECT t.id || '-q' || printf('%0${#count}d', n.i) AS id,
             'bench-capacity-' || n.i AS delivery_id
      FROM n, template AS t;
    INSERT INTO agents (id, source, webhook_event, action, delivery_id, repo, subject, url,
        prompt, status, session_id, task_id, attempts, last_error, created_at, updated_at,
        started_at, lease_owner, lease_until, next_attempt_at)
      SELECT q.id, t.source, t.webhook_event, t.action, q.delivery_id, t.repo, t.subject, t.url,
             t.prompt, 'pending', NULL, NULL, 0, NULL, $now, $now, NULL, NULL, NULL, NULL
      FROM queued AS q, template AS t;
    INSERT INTO agent_events (agent_id, status, at, detail)
      SELECT q.id, e.status, $now, e.detail
      FROM queued AS q,
           (SELECT * FROM agent_events WHERE agent_id = (SELECT id FROM template)
            ORDER BY id LIMIT 1) AS e;
    SELECT count(*) FROM queued;
    COMMIT;"
}

# Waits, at most DISPATCH_WAIT seconds, until no agent waits for dispatch; sets DRAINED_MS (when
# that was seen), DRAINED_RUNNING, DRAINED_LEFT and DRAINED_FAILED.
await_drained() {
  local db="$1" deadline running backlog failed
  deadline=$(($(now_ms) + DISPATCH_WAIT * 1000))
  read -r running backlog failed _ < <(agent_counts "$db")
  while ((backlog > 0 && $(now_ms) < deadline)); do
    sleep 0.2
    read -r running backlog failed _ < <(agent_counts "$db")
  done
  DRAINED_MS=$(now_ms) DRAINED_RUNNING=$running DRAINED_LEFT=$backlog DRAINED_FAILED=$failed
  ((backlog == 0)) || say "dispatch backlog still $backlog after ${DISPATCH_WAIT}s"
}

per_s() { awk -v n="$1" -v ms="$2" 'BEGIN { if (ms > 0) printf "%.0f", n * 1000 / ms }'; }

controller_stats() {
  curl -s --max-time 5 "http://127.0.0.1:$1/stats" | python3 -c '
import json, sys
d = json.load(sys.stdin)
keys = ("max_open_connections", "connections", "sessions", "tasks", "tasks_unknown_session",
        "sessions_without_task", "missing_auth", "bad_json", "other")
print(" ".join("%s=%s" % (k, d.get(k, "?")) for k in keys))'
}

# Rows vs 2xx: every 2xx must have its row. A few rows more than 2xx are requests committed but
# still unanswered when wrk stopped, at most CONNECTIONS per run. Sets the variable VAR.
rows_cell() {
  local var="$1" rows="$2" ok="$3" runs="$4" cell
  if ((rows < ok)); then
    cell="$rows/$ok MISSING $((ok - rows))"
    CHECKS_FAILED=1
  elif ((rows - ok > runs * CONNECTIONS)); then
    cell="$rows/$ok (+$((rows - ok))?)"
  else
    cell="$rows/$ok ok"
  fi
  printf -v "$var" '%s' "$cell"
}

apt_install() {
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } \
    >>"$WORK/apt.log" 2>&1 || { tail -n 5 "$WORK/apt.log" >&2; return 1; }
}

run_jmh() {
  local jar="$HERE/target/benchmarks.jar"
  if [[ ! -f "$jar" ]]; then
    say "building $jar"
    (cd "$ROOT" && ./mvnw -q -DskipTests -f benchmarks/pom.xml package) ||
      die "the benchmarks build failed"
  fi
  say "JMH: java -jar $jar $JMH_ARGS"
  # shellcheck disable=SC2086 # JMH_ARGS is a word list on purpose
  (cd "$ROOT" && BENCH_FIXTURE="$FIXTURE" java -jar "$jar" $JMH_ARGS)
}

# ------------------------------------------------------------------------------ preconditions
[[ "$DISPATCH_BACKLOG" =~ ^[0-9]+$ ]] || die "DISPATCH_BACKLOG must be a whole number"
read -r -a APP_ENV <<<"$APP_ENV_EXTRA"
SUBJECT_CAP=5 # the product's default MAX_AGENTS_PER_SUBJECT_PER_HOUR
for kv in "${APP_ENV[@]}"; do
  [[ "$kv" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "APP_ENV_EXTRA: '$kv' is not NAME=VALUE"
  if [[ "$kv" == MAX_AGENTS_PER_SUBJECT_PER_HOUR=* ]]; then SUBJECT_CAP="${kv#*=}"; fi
done
[[ -d "$SHARED" ]] || die "shared/ not found at $SHARED (expected beside the repository $ROOT)"
[[ -x "$BENCH/load.sh" && -f "$BENCH/fake_controller.py" ]] || die "$BENCH is incomplete"
[[ -f "$FIXTURE" ]] || die "fixture missing: $FIXTURE"
for tool in java curl openssl python3 awk setsid; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done

if [[ "$JMH" == only ]]; then
  run_jmh
  exit 0
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/orchestrator-bench.XXXXXX")"
CHECKS_FAILED=0

for tool in wrk sqlite3; do
  command -v "$tool" >/dev/null && continue
  say "installing $tool"
  apt_install "$tool" || die "could not install $tool"
done

JAR="$ROOT/app/target/orchestrator.jar"
if [[ ! -f "$JAR" ]]; then
  say "building $JAR"
  (cd "$ROOT" && ./mvnw -q -DskipTests package) || die "the build failed"
fi

# Resolved once, where ceiling/run.sh keeps it, so that resolving is not timed as start-up.
CEILING_CP="${TMPDIR:-/tmp}/ceiling-cp.txt"
if [[ ! -s "$CEILING_CP" ]]; then
  say "resolving the ceiling's classpath"
  "$ROOT/mvnw" -q -f "$BENCH/ceiling/pom.xml" dependency:build-classpath \
    -Dmdep.outputFile="$CEILING_CP" >&2 || die "could not resolve the ceiling's classpath"
fi

if [[ "$SKIP_PEER" != 1 ]] && ! /usr/bin/python3 -c 'import fastapi, uvicorn, httpx' 2>/dev/null
then
  say "installing the tutorial service's Debian packages"
  if ! apt_install python3-fastapi python3-uvicorn python3-httpx; then
    say "could not install python3-fastapi/uvicorn/httpx: leaving the tutorial service out"
    SKIP_PEER=1
  fi
fi

for port in "$PORT_CEILING" "$PORT_APP" "$PORT_PEER" "$PORT_CTRL_APP" "$PORT_CTRL_PEER" \
  "$PORT_CTRL_CAPACITY"; do
  port_in_use "$port" && die "port $port is in use; set PORT_BASE to a free range"
done

say "work directory $WORK; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "app jar $JAR built $(date -r "$JAR" '+%F %T'), copied for this run"
# Others may rebuild the jar while this runs; both app starts use this copy.
cp "$JAR" "$WORK/app-under-test.jar"
JAR="$WORK/app-under-test.jar"
say "DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS RATE=$RATE" \
  "RATE_WARMUP=$RATE_WARMUP THREADS=$THREADS"
say "app settings: defaults${APP_ENV_EXTRA:+, with $APP_ENV_EXTRA}"
say "app JVM options: ${APP_JAVA_OPTS:-none}"

start_controller() {
  local name="$1" port="$2"
  start_bg "$WORK/$name.log" /usr/bin/python3 "$BENCH/fake_controller.py" --host 127.0.0.1 \
    --port "$port" --delay-ms "$CONTROLLER_DELAY_MS"
  await_status "http://127.0.0.1:$port/health" 200 "$(now_ms)" "$STARTED_PID" \
    "$WORK/$name.log" >/dev/null || die "fake controller $name did not start"
}

# Sets APP_COMMAND to the app's command line against the controller on port $1 and the database
# $2, followed by $3...: JVM options, the jar, serve's options.
app_command() {
  local ctrl_port="$1" db="$2" java_opts
  shift 2
  read -r -a java_opts <<<"$APP_JAVA_OPTS"
  APP_COMMAND=(env -i PATH="$PATH" HOME="$HOME"
    GITHUB_WEBHOOK_SECRET="$SECRET" CONTROLLER_URL="http://127.0.0.1:$ctrl_port"
    CONTROLLER_API_KEY=bench-key PORT="$PORT_APP" BIND_ADDRESS=127.0.0.1 DB_PATH="$db"
    DISPATCH_CONCURRENCY="$DISPATCH_CONCURRENCY" LOG_LEVEL="$APP_LOG_LEVEL" "${APP_ENV[@]}"
    java "${java_opts[@]}" "$@")
}

# Records the classes the app loads while starting into $WORK/app.jsa, as deploy/Dockerfile does
# at image build time, and has every later start of the app use it.
train_class_data() {
  local ctrl_port="$1" archive="$WORK/app.jsa"
  say "app: recording a class-data archive (serve --exit-when-ready, throwaway database)"
  mkdir -p "$WORK/training"
  app_command "$ctrl_port" "$WORK/training/agents.db" \
    -XX:ArchiveClassesAtExit="$archive" -jar "$JAR" serve --exit-when-ready
  timeout "$STARTUP_TIMEOUT_S" "${APP_COMMAND[@]}" >"$WORK/training.log" 2>&1 ||
    { tail -n 20 "$WORK/training.log" >&2; die "the class-data training run failed"; }
  [[ -s "$archive" ]] || die "the training run wrote no class-data archive"
  APP_JAVA_OPTS+=" -XX:SharedArchiveFile=$archive"
}

# Starts the app against the controller on CTRL_PORT; sets APP_PID and APP_STARTUP_MS.
start_app() {
  local log="$1" ctrl_port="$2" t0
  app_command "$ctrl_port" "$APP_DB" -jar "$JAR"
  t0=$(now_ms)
  start_bg "$log" "${APP_COMMAND[@]}"
  APP_PID=$STARTED_PID
  APP_STARTUP_MS=$(await_status "http://127.0.0.1:$PORT_APP/ready" 200 "$t0" "$APP_PID" "$log") ||
    die "the app did not become ready"
}

# --------------------------------------------------------------------------------- ceiling
say "ceiling: starting on 127.0.0.1:$PORT_CEILING"
t0=$(now_ms)
start_bg "$WORK/ceiling.log" env -i PATH="$PATH" HOME="$HOME" TMPDIR="${TMPDIR:-/tmp}" \
  "$BENCH/ceiling/run.sh" "$PORT_CEILING"
CEILING_PID=$STARTED_PID SERVER_PID=$STARTED_PID
S_ceiling=$(await_status "http://127.0.0.1:$PORT_CEILING/" 202 "$t0" "$CEILING_PID" \
  "$WORK/ceiling.log") || die "the ceiling did not start"
URL="http://127.0.0.1:$PORT_CEILING/webhook"
[[ "$(probe "$URL")" == 2* ]] || die "the ceiling did not accept the probe"
[[ "$(secs "$WARMUP")" == 0 ]] || run_load ceiling_warm "$URL" "$WARMUP" "$CONNECTIONS" 0
run_load ceiling_conn "$URL" "$DURATION" "$CONNECTIONS" 0
M_ceiling=$(mem_mib "$CEILING_PID" VmHWM)
rate_warmup ceiling_rate_warm "$URL"
run_load ceiling_rate "$URL" "$DURATION" "$CONNECTIONS" "$RATE"
stop_pid "$CEILING_PID"

# ------------------------------------------------------------------------------------- app
start_controller controller-app "$PORT_CTRL_APP"
APP_DB="$WORK/app/agents.db"
[[ "$CDS" != 1 ]] || train_class_data "$PORT_CTRL_APP"
say "app: starting on 127.0.0.1:$PORT_APP (DISPATCH_CONCURRENCY=$DISPATCH_CONCURRENCY)"
start_app "$WORK/app.log" "$PORT_CTRL_APP"
S_app=$APP_STARTUP_MS SERVER_PID=$APP_PID
URL="http://127.0.0.1:$PORT_APP/webhook"
code=$(probe "$URL")
[[ "$code" == 202 ]] || die "the app answered the probe with $code, not 202 (see $WORK/app.log)"
app_ok=1 app_runs=1
if [[ "$(secs "$WARMUP")" != 0 ]]; then
  run_load app_warm "$URL" "$WARMUP" "$CONNECTIONS" 0
  app_ok=$((app_ok + R_app_warm_ok)) app_runs=$((app_runs + 1))
  await_drained "$APP_DB"
fi
run_load app_conn "$URL" "$DURATION" "$CONNECTIONS" 0
M_app=$(mem_mib "$APP_PID" VmHWM)
app_ok=$((app_ok + R_app_conn_ok)) app_runs=$((app_runs + 1))
rows_cell ROWS_app_conn "$(app_deliveries "$APP_DB")" "$app_ok" "$app_runs"
read -r _ backlog_app _ total < <(agent_counts "$APP_DB")
say "app: deliveries rows/2xx $ROWS_app_conn; agents $total, backlog $backlog_app;" \
  "deliveries by decision: $(deliveries_by_decision "$APP_DB")"
await_drained "$APP_DB"
latency_run app app_ok app_runs
rows_cell ROWS_app_rate "$(app_deliveries "$APP_DB")" "$app_ok" "$app_runs"

if (($(secs "$SOAK") > 0)); then
  say "app: soak for $(secs "$SOAK") s at $SOAK_RATE req/s (0 = closed loop)," \
    "RSS every ${SOAK_INTERVAL}s"
  start_bg "$WORK/app_soak.txt" env JSON_OUT="$WORK/app_soak.json" SECRET="$SECRET" \
    PAYLOAD="$FIXTURE" "$BENCH/load.sh" "$URL" "$(secs "$SOAK")s" "$CONNECTIONS" "$THREADS" \
    "$SOAK_RATE"
  SOAK_PID=$STARTED_PID
  soak_start=$(now_ms)
  soak_deadline=$((soak_start + ($(secs "$SOAK") + 60) * 1000))
  next=$((soak_start + SOAK_INTERVAL * 1000))
  SOAK_SAMPLES=()
  while kill -0 "$SOAK_PID" 2>/dev/null && (($(now_ms) < soak_deadline)); do
    if (($(now_ms) >= next)); then
      rss=$(mem_mib "$APP_PID" VmRSS)
      SOAK_SAMPLES+=("$rss")
      printf 'soak  t=%5ds  app RSS %6s MiB\n' $(((next - soak_start) / 1000)) "$rss"
      next=$((next + SOAK_INTERVAL * 1000))
    fi
    sleep 0.5
  done
  stop_pid "$SOAK_PID"
  rss=$(mem_mib "$APP_PID" VmRSS)
  SOAK_SAMPLES+=("$rss")
  printf 'soak  t=%5ds  app RSS %6s MiB (end)\n' $((($(now_ms) - soak_start) / 1000)) "$rss"
  eval "$(read_wrk "$WORK/app_soak.json" "$WORK/app_soak.txt" R_app_soak_)"
  kill -0 "$APP_PID" 2>/dev/null || die "the app stopped during the soak; see $WORK/app.log"
  ((R_app_soak_errors == 0)) || CHECKS_FAILED=1
  SOAK_SUMMARY=$(printf '%s\n' "${SOAK_SAMPLES[@]}" | awk '
    NR == 1 { first = $1; next }
    { if (min == "" || $1 < min) min = $1; if ($1 > max) max = $1 }
    END {
      if (NR < 3) { print "too short to judge flatness (fewer than 3 samples)"; exit }
      spread = (max - min) * 100 / min
      printf "RSS from the 2nd sample on %d..%d MiB (1st %d): spread %.1f%% %s",
        min, max, first, spread, (spread <= 10 ? "(flat within 10%)" : "(NOT flat within 10%)")
    }')
fi
# Stopped with nothing left to dispatch, so both servers' controller counts compare.
await_drained "$APP_DB"
stop_pid "$APP_PID"
# A restart on the database the runs filled, as after a deploy: timed, then stopped again.
say "app: starting again on its database"
start_app "$WORK/app-again.log" "$PORT_CTRL_APP"
S_app_again=$APP_STARTUP_MS
stop_pid "$APP_PID"
read -r _ _ _ total < <(agent_counts "$APP_DB")
D_app="$total (cap $SUBJECT_CAP per subject per hour); after draining running"
D_app+=" $DRAINED_RUNNING, waiting $DRAINED_LEFT, failed $DRAINED_FAILED"
# Read once the app is gone, so that this request's own connection is not counted among the
# app's: max_open_connections is then the app's peak over the whole run.
CTRL_app=$(controller_stats "$PORT_CTRL_APP")

# Dispatch capacity: DISPATCH_BACKLOG new pending agents are inserted while the app is stopped,
# so a restarted app finds a backlog it can work through without intake competing.
if ((DISPATCH_BACKLOG > 0)); then
  read -r _ _ failed_before _ < <(agent_counts "$APP_DB")
  queued=$(queue_agents "$APP_DB" "$DISPATCH_BACKLOG" 2>"$WORK/capacity-sql.log") || queued=""
  if [[ -z "$queued" ]]; then
    CAPACITY="skipped: could not queue agents ($(head -c 200 "$WORK/capacity-sql.log"))"
  elif ((queued == 0)); then
    CAPACITY="skipped: the app created no agent to copy"
  else
    start_controller controller-capacity "$PORT_CTRL_CAPACITY"
    say "app: restarting with $queued agents pending, against a fresh fake controller"
    start_app "$WORK/app-capacity.log" "$PORT_CTRL_CAPACITY"
    S_app_restart=$APP_STARTUP_MS
    t_ready=$(now_ms)
    await_drained "$APP_DB"
    DRAINED_FAILED=$((DRAINED_FAILED - failed_before))
    CAPACITY="$queued pending agents: $((queued - DRAINED_LEFT - DRAINED_FAILED)) running"
    CAPACITY+=" $(awk -v ms=$((DRAINED_MS - t_ready)) 'BEGIN { printf "%.1f", ms / 1000 }') s"
    CAPACITY+=" after /ready = $(per_s $((queued - DRAINED_LEFT)) $((DRAINED_MS - t_ready)))"
    CAPACITY+=" agents/s; left $DRAINED_LEFT, failed $DRAINED_FAILED; restart to /ready"
    CAPACITY+=" ${S_app_restart} ms with $(sql "$APP_DB" 'SELECT count(*) FROM agents') rows"
    stop_pid "$APP_PID"
    CTRL_capacity=$(controller_stats "$PORT_CTRL_CAPACITY")
  fi
fi

# ------------------------------------------------------------------------- app, unsynced
# The same latency run with commits not synced: what is left of an answer without the disk's sync.
if [[ "$UNSYNCED" == 1 ]]; then
  APP_DB="$WORK/app-unsynced/agents.db"
  app_env_default=("${APP_ENV[@]}")
  APP_ENV+=(DB_SYNCHRONOUS=NORMAL)
  say "app: starting with DB_SYNCHRONOUS=NORMAL on a new database, for a latency run"
  start_app "$WORK/app-unsynced.log" "$PORT_CTRL_APP"
  APP_ENV=("${app_env_default[@]}")
  SERVER_PID=$APP_PID
  URL="http://127.0.0.1:$PORT_APP/webhook"
  unsynced_ok=0 unsynced_runs=0
  if [[ "$(secs "$WARMUP")" != 0 ]]; then
    run_load app_unsynced_warm "$URL" "$WARMUP" "$CONNECTIONS" 0
    unsynced_ok=$R_app_unsynced_warm_ok unsynced_runs=1
    await_drained "$APP_DB"
  fi
  latency_run app_unsynced unsynced_ok unsynced_runs
  rows_cell ROWS_app_unsynced_rate "$(app_deliveries "$APP_DB")" "$unsynced_ok" "$unsynced_runs"
  await_drained "$APP_DB"
  stop_pid "$APP_PID"
fi

# ------------------------------------------------------------------------------------ peer
if [[ "$SKIP_PEER" != 1 ]]; then
  start_controller controller-peer "$PORT_CTRL_PEER"
  PEER_DB="$WORK/peer/agents.db"
  mkdir -p "$WORK/peer"
  say "peer: starting the tutorial service on 127.0.0.1:$PORT_PEER"
  t0=$(now_ms)
  # What peer-seed/run.sh execs, without its package check, so start-up is the service's own.
  start_bg "$WORK/peer.log" env -i PATH="$PATH" HOME="$HOME" \
    CONTROLLER_URL="http://127.0.0.1:$PORT_CTRL_PEER" CONTROLLER_API_KEY=bench-key \
    DB_PATH="$PEER_DB" \
    /usr/bin/python3 -m uvicorn orchestrator:app --host 127.0.0.1 --port "$PORT_PEER" \
    --app-dir "$BENCH/peer-seed"
  PEER_PID=$STARTED_PID SERVER_PID=$STARTED_PID
  S_peer=$(await_status "http://127.0.0.1:$PORT_PEER/health" 200 "$t0" "$PEER_PID" \
    "$WORK/peer.log") || die "the tutorial service did not start"
  URL="http://127.0.0.1:$PORT_PEER/webhook"
  code=$(probe "$URL")
  [[ "$code" == 2* ]] || die "the tutorial service answered the probe with $code"
  peer_ok=1 peer_runs=1
  if [[ "$(secs "$WARMUP")" != 0 ]]; then
    run_load peer_warm "$URL" "$WARMUP" "$CONNECTIONS" 0
    peer_ok=$((peer_ok + R_peer_warm_ok)) peer_runs=$((peer_runs + 1))
    await_drained "$PEER_DB"
  fi
  read -r r_a _ _ _ < <(agent_counts "$PEER_DB")
  t_a=$(now_ms)
  run_load peer_conn "$URL" "$DURATION" "$CONNECTIONS" 0
  M_peer=$(mem_mib "$PEER_PID" VmHWM)
  peer_ok=$((peer_ok + R_peer_conn_ok)) peer_runs=$((peer_runs + 1))
  read -r _ backlog_peer _ total < <(agent_counts "$PEER_DB")
  rows_cell ROWS_peer_conn "$total" "$peer_ok" "$peer_runs"
  await_drained "$PEER_DB"
  D_peer="$((DRAINED_RUNNING - r_a)) agents reached running in $(((DRAINED_MS - t_a) / 1000)) s"
  D_peer+=" from the start of the run: $(per_s $((DRAINED_RUNNING - r_a)) $((DRAINED_MS - t_a)))"
  D_peer+=" agents/s (intake $R_peer_conn_rps/s); backlog at the run's end $backlog_peer,"
  D_peer+=" left $DRAINED_LEFT, failed $DRAINED_FAILED"
  latency_run peer peer_ok peer_runs
  rows_cell ROWS_peer_rate "$(sql "$PEER_DB" 'SELECT count(*) FROM agents')" "$peer_ok" \
    "$peer_runs"
  await_drained "$PEER_DB"
  stop_pid "$PEER_PID"
  CTRL_peer=$(controller_stats "$PORT_CTRL_PEER")
fi

# ------------------------------------------------------------------------------ sync floor
# One durable SQLite commit, paced like the latency run, with no server around it: the disk's
# own share of every answer that waits for a full sync.
say "sync floor: one-row SQLite commits (WAL, synchronous=FULL) at $RATE/s for $DURATION"
read -r F_p50 F_p99 F_commits \
  < <(python3 "$HERE/sync_floor.py" "$WORK" "$RATE" "$(secs "$DURATION")") || F_p99=""
[[ -n "$F_p99" ]] || say "sync floor: no figures (sync_floor.py failed); left out of the report"

# ----------------------------------------------------------------------------------- report
FORMAT='%-8s | %-10s | %9s | %10s | %10s | %6s | %-20s | %8s | %8s\n'
row() {
  local server="$1" key="$2" load="$3" rows="$4" rss="$5" start="$6"
  local -n rps="R_${key}_rps" p50="R_${key}_p50" p99="R_${key}_p99" err="R_${key}_errors"
  # shellcheck disable=SC2059 # FORMAT is ours
  printf "$FORMAT" "$server" "$load" "$rps" "$p50 ms" "$p99 ms" "$err" "$rows" "$rss" "$start"
}
mib() { if [[ -n "${1:-}" ]]; then echo "$1 MiB"; else echo "-"; fi; }
msec() { if [[ -n "${1:-}" ]]; then echo "$1 ms"; else echo "-"; fi; }

echo
echo "orchestrator benchmark $(date '+%F %T'): $(nproc) cores, load average" \
  "$(cut -d' ' -f1-3 /proc/loadavg); payload $(stat -c %s "$FIXTURE") bytes, signed;" \
  "wrk $THREADS threads"
# shellcheck disable=SC2059 # FORMAT is ours
printf "$FORMAT" server load req/s p50 p99 errors "rows/2xx" "peak RSS" start-up
printf '%.0s-' {1..110}
echo
row ceiling ceiling_conn "$CONNECTIONS conn" "-" "$(mib "$M_ceiling")" "$(msec "$S_ceiling")"
row ceiling ceiling_rate "$RATE/s" "-" "" ""
row app app_conn "$CONNECTIONS conn" "$ROWS_app_conn" "$(mib "$M_app")" "$(msec "$S_app")"
row app app_rate "$RATE/s" "$ROWS_app_rate" "" ""
[[ "$UNSYNCED" != 1 ]] || row "app (N)" app_unsynced_rate "$RATE/s" "$ROWS_app_unsynced_rate" "" ""
if [[ "$SKIP_PEER" != 1 ]]; then
  row peer peer_conn "$CONNECTIONS conn" "$ROWS_peer_conn" "$(mib "$M_peer")" "$(msec "$S_peer")"
  row peer peer_rate "$RATE/s" "$ROWS_peer_rate" "" ""
fi
echo "errors: non-2xx + socket errors. rows/2xx: rows in the SQLite file vs all 2xx so far"
echo "(probe and warm-up included): for the app, deliveries recorded as originals (decision"
echo "<> 'duplicate'), for the peer, agents. peak RSS: VmHWM after the closed-loop run. start-up:"
echo "process start to the first 200 on /ready (app, new database) or /health (peer), first"
echo "answer (ceiling); the app again on the database its runs filled: ${S_app_again} ms."
[[ "$CDS" != 1 ]] || echo "The app starts with a class-data archive recorded by a training run."
echo "Rate runs use plain wrk: under overload the rate is not reached and latency is understated."
echo "The app runs with its default settings${APP_ENV_EXTRA:+, with $APP_ENV_EXTRA}."
[[ "$UNSYNCED" != 1 ]] || echo "app (N): DB_SYNCHRONOUS=NORMAL on a new database, commits not" \
  "synced (not the default)."
echo "Every delivery is about the same issue, so past the per-subject cap ($SUBJECT_CAP per hour)"
echo "the app answers 200 ignored: signature checked, body parsed, decision made and recorded"
echo "durably before the answer, but no agent created."
echo
echo "ratios (same run):"
ratio_line() {
  local peer=""
  [[ "$SKIP_PEER" == 1 ]] || peer="app/peer $(ratio "$2" "$4")"
  printf '  %-24s app/ceiling %-8s %s\n' "$1" "$(ratio "$2" "$3")" "$peer"
}
ratio_line "intake req/s, $CONNECTIONS conn" "$R_app_conn_rps" "$R_ceiling_conn_rps" \
  "${R_peer_conn_rps:-}"
ratio_line "p99, $RATE/s" "$R_app_rate_p99" "$R_ceiling_rate_p99" "${R_peer_rate_p99:-}"
if [[ -n "$F_p99" ]]; then
  printf '  %-24s commit/ceiling %-5s (one durable commit alone at %s/s: p50 %s ms, p99 %s ms)\n' \
    "p99, $RATE/s, disk" "$(ratio "$F_p99" "$R_ceiling_rate_p99")" "$RATE" "$F_p50" "$F_p99"
fi
[[ "$UNSYNCED" != 1 ]] ||
  printf '  %-24s app (N)/ceiling %-5s (commits written, not synced)\n' "p99, $RATE/s, no sync" \
    "$(ratio "$R_app_unsynced_rate_p99" "$R_ceiling_rate_p99")"
ratio_line "p99, $CONNECTIONS conn" "$R_app_conn_p99" "$R_ceiling_conn_p99" "${R_peer_conn_p99:-}"
ratio_line "peak RSS" "$M_app" "$M_ceiling" "${M_peer:-}"
ratio_line "start-up" "$S_app" "$S_ceiling" "${S_peer:-}"
ratio_line "start-up, app again" "$S_app_again" "$S_ceiling" "${S_peer:-}"
echo
echo "dispatch (fake controller --delay-ms $CONTROLLER_DELAY_MS," \
  "app DISPATCH_CONCURRENCY=$DISPATCH_CONCURRENCY):"
echo "  app agents created during intake: $D_app"
echo "    controller /stats over all the app's runs: $CTRL_app"
if ((DISPATCH_BACKLOG > 0)); then
  echo "  app capacity: $CAPACITY"
  [[ -z "${CTRL_capacity:-}" ]] || echo "    controller /stats: $CTRL_capacity"
fi
for stats in "$CTRL_app" "${CTRL_capacity:-}"; do
  max_open=$(sed -n 's/.*max_open_connections=\([0-9]*\).*/\1/p' <<<"$stats")
  if [[ -n "$max_open" ]] && ((max_open > DISPATCH_CONCURRENCY)); then
    echo "  CHECK FAILED: $max_open controller connections open at once > $DISPATCH_CONCURRENCY"
    CHECKS_FAILED=1
  fi
done
echo "  (max_open_connections: the most TCP connections open at once, read after the app"
echo "  stopped; HTTP/1.1 carries one call per connection, so calls in flight were at most that)"
if [[ "$SKIP_PEER" != 1 ]]; then
  echo "  peer during intake: $D_peer"
  echo "    controller /stats over all the peer's runs: $CTRL_peer"
fi

if [[ -n "${SOAK_SUMMARY:-}" ]]; then
  echo
  echo "soak (app, $(secs "$SOAK") s at $SOAK_RATE/s): $R_app_soak_rps req/s," \
    "p99 $R_app_soak_p99 ms, errors $R_app_soak_errors; $SOAK_SUMMARY"
fi
if ((R_app_conn_errors > 0 || R_app_rate_errors > 0 || ${R_app_unsynced_rate_errors:-0} > 0))
then
  echo "CHECK FAILED: the app answered with errors (first non-2xx status" \
    "${R_app_conn_first:-?} / ${R_app_rate_first:-?})"
  CHECKS_FAILED=1
fi
[[ "$ROWS_app_conn$ROWS_app_rate${ROWS_app_unsynced_rate:-}" != *MISSING* ]] ||
  echo "CHECK FAILED: a 2xx without its row"

if [[ "$JMH" == 1 ]]; then
  echo
  run_jmh
fi
exit $((CHECKS_FAILED ? 1 : 0))
