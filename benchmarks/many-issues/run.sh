#!/usr/bin/env bash
# many-issues/run.sh — intake when every delivery creates an agent, each about its own issue.
#
# usage: benchmarks/many-issues/run.sh URL [DURATION] [CONNECTIONS] [ISSUES]
#   URL          the service's webhook URL on loopback, e.g. http://127.0.0.1:8000/webhook
#   DURATION     wrk duration, default 15s      CONNECTIONS  default 64
#   ISSUES       distinct issues cycled through, default 5000
# env: SECRET (default bench-secret, the service's GITHUB_WEBHOOK_SECRET)
#
# bench.sh sends one payload, so past the per-subject cap its deliveries are ignored; this sends
# ISSUES copies of ../shared/fixtures/github/issues.opened.json, each with its own issue number
# and signature, cycled by wrk with a fresh X-GitHub-Delivery each. With the cap at 100 (start the
# service with MAX_AGENTS_PER_SUBJECT_PER_HOUR=100) every delivery of a 15 s run creates an agent.
# The bodies are re-serialized compactly (11.6 KB rather than 13.5 KB). Prints wrk's summary.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
FIXTURE="$HERE/../../../shared/fixtures/github/issues.opened.json"
URL="${1:?usage: run.sh URL [DURATION] [CONNECTIONS] [ISSUES]}"
DURATION="${2:-15s}" CONNECTIONS="${3:-64}" ISSUES="${4:-5000}"
export SECRET="${SECRET:-bench-secret}"

host="${URL#*://}" host="${host%%/*}" host="${host%:*}"
[[ "$host" == 127.0.0.1 || "$host" == localhost ]] || { echo "loopback only: $host" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk not installed (apt-get install wrk)" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
python3 - "$FIXTURE" "$ISSUES" "$WORK/bodies.txt" <<'PY'
import hashlib, hmac, json, os, sys
fixture, issues, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
payload = json.load(open(fixture))
secret = os.environ["SECRET"].encode()
with open(out, "w") as lines:
    for i in range(issues):
        payload["issue"]["number"] = 100000 + i
        body = json.dumps(payload, separators=(",", ":"))
        signature = hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()
        lines.write("sha256=" + signature + "\t" + body + "\n")
PY
BODIES="$WORK/bodies.txt" wrk -t 2 -c "$CONNECTIONS" -d "$DURATION" --timeout 10s --latency \
  -s "$HERE/many-issues.lua" "$URL"
