#!/usr/bin/env bash
# Loads the packaged ledger over HTTP with wrk, a light client written in C, and reports what the ledger itself spent:
# decisions per second, latency percentiles, the ledger process's CPU time per decision (from /proc/<pid>/stat) and
# how long its read models took to catch up after the load stopped.
#
#   infra/bench/http-load.sh                       embedded H2 store, 16 connections, 1,000 recipients
#   infra/bench/http-load.sh --postgres jdbc:postgresql://127.0.0.1:5432/test
#   infra/bench/http-load.sh --connections 32 --duration 60 --warm-up 30 --recipients 1000
#   infra/bench/http-load.sh --record        also a flight recording of the measured run (ledger.jfr)
#   infra/bench/http-load.sh -- --ledger.projections.segments=2       anything after -- goes to the ledger
#
# Needs wrk (Debian: apt-get install wrk) and the packaged jar (./mvnw -DskipTests package, which it runs unless
# --no-build). Everything it writes is under target/http-load/.
set -euo pipefail
cd "$(dirname "$0")/../.."

CONNECTIONS=16
RECIPIENTS=1000
WARM_UP=30
DURATION=20
POSTGRES=""
BUILD=true
RECORD=false
LEDGER_SETTINGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) CONNECTIONS=$2; shift 2 ;;
    --recipients) RECIPIENTS=$2; shift 2 ;;
    --warm-up) WARM_UP=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --postgres) POSTGRES=$2; shift 2 ;;
    --no-build) BUILD=false; shift ;;
    --record) RECORD=true; shift ;;
    --) shift; LEDGER_SETTINGS=("$@"); break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

if $BUILD; then ./mvnw -q -B -DskipTests package; fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
OUT="$PWD/target/http-load"
rm -rf "$OUT" && mkdir -p "$OUT"
PORT="${LEDGER_PORT:-18181}"
TOKEN="http-load-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
URL="http://127.0.0.1:$PORT"
STORE_SETTINGS=(--ledger.data-dir="$OUT/data")
STORE="embedded H2 file"
if [ -n "$POSTGRES" ]; then
  SCHEMA="http_load_$$"
  psql "${POSTGRES#jdbc:}" -U postgres -qc "CREATE SCHEMA $SCHEMA" 2>/dev/null \
    || psql -h 127.0.0.1 -U postgres -d "$(basename "${POSTGRES%%\?*}")" -qc "CREATE SCHEMA $SCHEMA"
  STORE_SETTINGS+=(--spring.profiles.active=postgres --spring.datasource.username=postgres
    "--spring.datasource.url=$POSTGRES?currentSchema=$SCHEMA")
  STORE="PostgreSQL ($POSTGRES, schema $SCHEMA)"
fi

"$JAVA" ${LEDGER_JAVA_OPTIONS:-} -jar ledger-api/target/ledger-api.jar --server.port="$PORT" \
  --ledger.security.bootstrap-token="$TOKEN" "${STORE_SETTINGS[@]}" "${LEDGER_SETTINGS[@]}" > "$OUT/ledger.log" 2>&1 &
PID=$!
finish() {
  kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  if [ -n "$POSTGRES" ]; then
    psql -h 127.0.0.1 -U postgres -d "$(basename "${POSTGRES%%\?*}")" -qc "DROP SCHEMA $SCHEMA CASCADE" >/dev/null 2>&1 || true
  fi
}
trap finish EXIT
for _ in $(seq 1 120); do
  curl -sf "$URL/actuator/health" >/dev/null && break
  kill -0 "$PID" 2>/dev/null || { tail -n 30 "$OUT/ledger.log" >&2; exit 1; }
  sleep 0.5
done

AUTH="Authorization: Bearer $TOKEN"
echo "registering $RECIPIENTS recipients"
register() {
  curl -sf -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' "$URL/api/v1/recipients" \
    -d "{\"recipientId\":\"r$1\",\"name\":\"Recipient $1\",\"kind\":\"COMPANY\"}"
  curl -sf -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' "$URL/api/v1/recipients/r$1/terms-acceptances" \
    -d '{"acceptedBy":"load@example.com","documents":{"TERMS_OF_SERVICE":"1","PRIVACY_POLICY":"1","DEVELOPER_AGREEMENT":"1","DEVELOPER_POLICY":"1"}}'
}
export -f register
export AUTH URL
seq 0 $((RECIPIENTS - 1)) | xargs -P 8 -I{} bash -c 'register {}'

cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
system_ticks() { awk '{print $15}' "/proc/$PID/stat"; }
load() { # prefix seconds [wrk options]
  local prefix=$1 seconds=$2
  shift 2
  TOKEN="$TOKEN" RECIPIENTS="$RECIPIENTS" PREFIX="$prefix" \
    wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s infra/bench/wrk-shares.lua "$@" "$URL"
}

echo "warm-up: ${WARM_UP} s"
load warm-up "$WARM_UP" > "$OUT/warm-up.txt"
until curl -sf -H "$AUTH" "$URL/api/v1/admin/projections" | grep -q '"lag":0' \
  && ! curl -sf -H "$AUTH" "$URL/api/v1/admin/projections" | grep -qE '"lag":[1-9]'; do sleep 0.2; done

if $RECORD; then jcmd "$PID" JFR.start name=load settings="${JFR_SETTINGS:-profile}" filename="$OUT/ledger.jfr" >/dev/null; fi
echo "measuring: ${DURATION} s, $CONNECTIONS connections"
before=$(cpu_ticks)
system_before=$(system_ticks)
load measured "$DURATION" --latency > "$OUT/measured.txt"
after=$(cpu_ticks)
system_after=$(system_ticks)
stopped=$(date +%s.%N)
until ! curl -sf -H "$AUTH" "$URL/api/v1/admin/projections" | grep -qE '"lag":[1-9]'; do sleep 0.05; done
caught_up=$(date +%s.%N)
if $RECORD; then jcmd "$PID" JFR.stop name=load >/dev/null; fi

curl -sf -H "$AUTH" "$URL/actuator/prometheus" > "$OUT/metrics.txt"
metric() { awk -v name="$1" '$1 == name {print $2}' "$OUT/metrics.txt"; }

# the ceiling of this client on this machine: the cheapest endpoint the ledger has
wrk -t2 -c"$CONNECTIONS" -d5s "$URL/actuator/health" > "$OUT/trivial.txt"

requests=$(awk '/requests in/ {print $1}' "$OUT/measured.txt")
errors=$(awk '/Non-2xx/ {print $5}' "$OUT/measured.txt")
hz=$(getconf CLK_TCK)
cat <<REPORT | tee "$OUT/report.txt"
$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(uname -sm), $("$JAVA" -version 2>&1 | head -n 1)
store: $STORE; $CONNECTIONS connections; $RECIPIENTS recipients (zipf); ${WARM_UP} s warm-up, ${DURATION} s measured
decisions/s:              $(awk '/Requests\/sec/ {print $2}' "$OUT/measured.txt")  (${requests} requests, ${errors:-0} not 2xx)
latency p50 / p99:        $(awk '$1=="50%" {print $2}' "$OUT/measured.txt") / $(awk '$1=="99%" {print $2}' "$OUT/measured.txt")
ledger CPU per decision:  $(awk -v t=$((after - before)) -v k=$((system_after - system_before)) -v n="$requests" -v hz="$hz" 'BEGIN {printf "%.3f ms (%.0f %% of it in the kernel)", t * 1000 / hz / n, 100 * k / t}')
read models caught up:    $(awk -v a="$stopped" -v b="$caught_up" 'BEGIN {printf "%.2f s", b - a}') after the load stopped
commands per group:       $(awk -v n="$(metric ledger_commands_group_size_count)" -v s="$(metric ledger_commands_group_size_sum)" 'BEGIN {printf "%.1f on average since the start, over %d groups", s / n, n}')
answers per checkpoint:   $(awk -v n="$(metric ledger_checkpoints_answers_count)" -v s="$(metric ledger_checkpoints_answers_sum)" -v t="$(metric ledger_checkpoints_seconds_sum)" 'BEGIN {if (n > 0) printf "%.1f on average, over %d checkpoints of %.2f ms each", s / n, n, 1000 * t / n; else print "none (a store durable at commit)"}')
client ceiling:           $(awk '/Requests\/sec/ {print $2}' "$OUT/trivial.txt") requests/s on GET /actuator/health
REPORT
