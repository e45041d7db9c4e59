#!/usr/bin/env bash
# End to end on a real broker: starts the local KRaft broker with infra/kafka/kafka.sh, runs the packaged ledger jar
# against it, produces share requests with Kafka's console producer and reads their decisions back. Stops everything
# it started, whatever happens. Needs the jar: ./mvnw -DskipTests package
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# Ports of their own, so that a broker or ledger already running here is left alone.
export KAFKA_PORT="${KAFKA_PORT:-19092}" KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
export KAFKA_CONSUME_TIMEOUT_MS=60000
LEDGER_PORT="${LEDGER_PORT:-18095}"
KAFKA="$HERE/kafka.sh"
WORK="$(mktemp -d)"
# A broker of its own, with empty storage, so that nothing from an earlier run is read back.
export KAFKA_WORK_DIR="$WORK/kafka"
LEDGER_PID=""

finish() {
  [ -n "$LEDGER_PID" ] && kill "$LEDGER_PID" 2>/dev/null && wait "$LEDGER_PID" 2>/dev/null || true
  bash "$KAFKA" stop >/dev/null || true
}
trap finish EXIT

fail() {
  echo "Kafka end-to-end check failed: $*" >&2
  tail -n 40 "$WORK/ledger.log" >&2 || true
  exit 1
}

bash "$KAFKA" start
bash "$KAFKA" topics >/dev/null

"$JAVA" -jar "$ROOT/ledger-api/target/ledger-api.jar" --server.port="$LEDGER_PORT" --ledger.data-dir="$WORK/data" \
  --ledger.kafka.enabled=true --spring.kafka.bootstrap-servers="127.0.0.1:$KAFKA_PORT" > "$WORK/ledger.log" 2>&1 &
LEDGER_PID=$!
API="http://127.0.0.1:$LEDGER_PORT/api/v1"
for _ in $(seq 1 90); do
  curl -sf "http://127.0.0.1:$LEDGER_PORT/actuator/health" >/dev/null && break
  kill -0 "$LEDGER_PID" 2>/dev/null || fail "the ledger did not start"
  sleep 1
done
curl -sf "http://127.0.0.1:$LEDGER_PORT/actuator/health" >/dev/null || fail "the ledger did not answer within 90 s"
# No tokens are configured, so the ledger made an administrator token on its first start.
AUTH="Authorization: Bearer $(cat "$WORK/data/initial-admin-token")"

curl -sf -X POST "$API/recipients" -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"recipientId":"e2e-acme","name":"End to end","kind":"COMPANY"}' >/dev/null || fail "registering"
curl -sf -X POST "$API/recipients/e2e-acme/terms-acceptances" -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"acceptedBy":"e2e@acme.example","documents":{"TERMS_OF_SERVICE":"1","PRIVACY_POLICY":"1","DEVELOPER_AGREEMENT":"1","DEVELOPER_POLICY":"1"}}' \
  >/dev/null || fail "accepting terms"

# A grant, a rolling-limit denial, and the grant again (a redelivery): three decisions, one million IDs counted. Each
# record carries the administrator's token; a fourth, without one, is refused to the dead-letter topic.
TOKEN="$(cat "$WORK/data/initial-admin-token")"
{
  echo 'e2e-acme|{"type":"SHARE_IDS","requestId":"e2e-1","recipientId":"e2e-acme","postIdCount":1000000,"userIdCount":0,"directMessageIdCount":0}'
  echo 'e2e-acme|{"type":"SHARE_IDS","requestId":"e2e-2","recipientId":"e2e-acme","postIdCount":600000,"userIdCount":0,"directMessageIdCount":0}'
  echo 'e2e-acme|{"type":"SHARE_IDS","requestId":"e2e-1","recipientId":"e2e-acme","postIdCount":1000000,"userIdCount":0,"directMessageIdCount":0}'
} | LEDGER_TOKEN="$TOKEN" bash "$KAFKA" produce ledger.requests 2>/dev/null
echo 'e2e-acme|{"type":"SHARE_IDS","requestId":"e2e-3","recipientId":"e2e-acme","postIdCount":1,"userIdCount":0,"directMessageIdCount":0}' \
  | bash "$KAFKA" produce ledger.requests 2>/dev/null

bash "$KAFKA" consume ledger.decisions 3 > "$WORK/decisions.txt" 2>/dev/null || true
[ "$(grep -c '"requestId":"e2e-1".*"status":201' "$WORK/decisions.txt")" -eq 2 ] \
  || fail "expected the grant twice on ledger.decisions, got: $(cat "$WORK/decisions.txt")"
grep '"requestId":"e2e-2"' "$WORK/decisions.txt" | grep '"status":429' | grep -q '"reason":"ROLLING_LIMIT_EXCEEDED"' \
  || fail "expected the 429 on ledger.decisions, got: $(cat "$WORK/decisions.txt")"
bash "$KAFKA" consume ledger.requests.DLT 1 > "$WORK/dead-letters.txt" 2>/dev/null || true
# one dead letter, its headers (a stack trace among them) spread over several lines
{ grep -aq '"requestId":"e2e-3"' "$WORK/dead-letters.txt" \
    && grep -aq 'ledger-dlt-reason:UNAUTHENTICATED' "$WORK/dead-letters.txt"; } \
  || fail "expected the request without a token dead-lettered as UNAUTHENTICATED, got: $(tr -d '\0' < "$WORK/dead-letters.txt")"
! grep -aq "$TOKEN" "$WORK/dead-letters.txt" "$WORK/ledger.log" || fail "the token reached a dead letter or the log"
curl -sf -H "$AUTH" "$API/recipients/e2e-acme/quota" | grep -q '"used":1000000,' || fail "the quota does not count one million"

echo "Kafka end-to-end check passed: 3 requests in, 3 decisions out, the redelivered grant counted once, the request without a token dead-lettered"
