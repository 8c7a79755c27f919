#!/usr/bin/env bash
# other-payloads.sh — the bare Undertow server (the ceiling) and the service side by side on other
# GitHub payloads and connection counts than bench.sh's, driven by shared/bench/load.sh as they are.
#
# usage: benchmarks/other-payloads.sh      (after ./mvnw -q -DskipTests package; needs wrk, sqlite3)
#
# For each case (event, fixture, connections): the ceiling, then the service on a new database with
# its default settings and the image's collector and heap, each 30 s of warm-up then 10 s measured.
# Prints each server's p50, p99 and webhooks/s, and for the service its rows by decision; any
# non-2xx answer or socket error is printed as wrk reports it. Every delivery of a case is about the
# same issue or pull request, so past the per-subject cap the service answers 200 ignored, each
# delivery still checked, parsed and recorded durably first; issues.labeled is not a trigger by
# default, so it is ignored at the first rule. Binds 127.0.0.1:PORT_BASE and the port after it
# (PORT_BASE=18500). Each case's database is deleted once counted; its text results and logs stay
# in the work directory printed first.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SHARED="$(cd "$ROOT/.." && pwd)/shared"
BENCH="$SHARED/bench"
FIXTURES="$SHARED/fixtures/github"
JAR="${JAR:-$ROOT/app/target/orchestrator.jar}"
PORT_BASE="${PORT_BASE:-18500}"
CEILING_PORT=$PORT_BASE
APP_PORT=$((PORT_BASE + 1))
CEILING_URL="http://127.0.0.1:$CEILING_PORT/webhook"
APP_URL="http://127.0.0.1:$APP_PORT/webhook"
CASES=(
  "issue_comment issue_comment.created.json 16"
  "issue_comment issue_comment.created.json 256"
  "pull_request_review_comment pull_request_review_comment.created.json 64"
  "issues issues.labeled.json 128"
)

[[ -f "$JAR" ]] || { echo "no $JAR: build it with ./mvnw -q -DskipTests package" >&2; exit 2; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/other-payloads.XXXXXX")
echo "work directory $WORK; $(nproc) cores; $(git -C "$ROOT" log -1 --format=%h 2>/dev/null)"

PID=""
stop() {
  if [[ -n "$PID" ]]; then
    kill -TERM -- "-$PID" 2>/dev/null
    wait "$PID" 2>/dev/null
    PID=""
  fi
}
trap stop EXIT

# name url event fixture connections
measure() {
  local out="$WORK/$1"
  EVENT="$3" PAYLOAD="$FIXTURES/$4" SECRET=bench-secret \
    "$BENCH/load.sh" "$2" 30s "$5" 2 0 >"$out.warm.txt" 2>&1
  EVENT="$3" PAYLOAD="$FIXTURES/$4" SECRET=bench-secret \
    "$BENCH/load.sh" "$2" 10s "$5" 2 0 >"$out.txt" 2>&1
  echo "$1: $(grep -E 'Requests/sec|  50%|  99%|Non-2xx|Socket errors' "$out.txt" | tr -s ' ' |
    tr '\n' ' ')"
}

for case in "${CASES[@]}"; do
  read -r event fixture conns <<<"$case"

  setsid env -i PATH="$PATH" HOME="$HOME" TMPDIR="${TMPDIR:-/tmp}" \
    "$BENCH/ceiling/run.sh" "$CEILING_PORT" >"$WORK/ceiling-$event-$conns.log" 2>&1 &
  PID=$!
  sleep 4
  measure "ceiling $event $conns" "$CEILING_URL" "$event" "$fixture" "$conns"
  stop

  db="$WORK/$event-$conns/agents.db"
  mkdir -p "$(dirname "$db")"
  GITHUB_WEBHOOK_SECRET=bench-secret BIND_ADDRESS=127.0.0.1 PORT="$APP_PORT" DB_PATH="$db" \
    setsid java -XX:+UseSerialGC -Xmx256m -Xss512k -jar "$JAR" >"$WORK/app-$event-$conns.log" 2>&1 &
  PID=$!
  sleep 4
  measure "service $event $conns" "$APP_URL" "$event" "$fixture" "$conns"
  stop
  echo "  rows: $(sqlite3 "$db" "SELECT decision, count(*) FROM deliveries GROUP BY 1" |
    tr '\n' ' ')(the runs' requests, including those still in flight when wrk stopped)"
  rm -rf "$(dirname "$db")"
done
