#!/usr/bin/env bash
# End to end on a real broker that lets in only authenticated clients: starts the local KRaft broker with
# infra/kafka/kafka.sh, with SASL/SCRAM users and ACLs, runs the packaged ledger jar against it as the user ledger,
# produces share requests as the user producer with Kafka's console producer, each with the ledger's API token in its
# Authorization header, and reads their decisions back. Checks that the broker refuses a client without credentials
# and lets the producer read nothing. Stops everything it started, whatever happens. Needs the jar:
# ./mvnw -DskipTests package
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
export KAFKA_WORK_DIR="$WORK/kafka" KAFKA_SECURITY=scram
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

# A client without credentials gets nothing from the broker: it gives up after 5 s.
printf 'security.protocol=PLAINTEXT\ndefault.api.timeout.ms=5000\nrequest.timeout.ms=2000\n' > "$WORK/anonymous.properties"
if KAFKA_CLIENT_CONFIG="$WORK/anonymous.properties" bash "$KAFKA" list > "$WORK/anonymous.txt" 2>&1; then
  fail "a client without credentials listed the topics: $(cat "$WORK/anonymous.txt")"
fi

# The ledger authenticates as the user ledger through Spring's standard Kafka properties; the JAAS line, which holds
# the password, is passed in the environment rather than on the command line.
LEDGER_JAAS="$(sed -n 's/^sasl.jaas.config=//p' "$(bash "$KAFKA" client-config ledger)")"
SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG="$LEDGER_JAAS" \
"$JAVA" -jar "$ROOT/ledger-api/target/ledger-api.jar" --server.port="$LEDGER_PORT" --ledger.data-dir="$WORK/data" \
  --ledger.kafka.enabled=true --spring.kafka.bootstrap-servers="127.0.0.1:$KAFKA_PORT" \
  --spring.kafka.security.protocol=SASL_PLAINTEXT --spring.kafka.properties.sasl.mechanism=SCRAM-SHA-256 \
  > "$WORK/ledger.log" 2>&1 &
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
curl -sf -H "$AUTH" "$API/audit/recipients/e2e-acme/history" | grep -q '"type":"ShareGranted".*"actor":"token:admin"' \
  || fail "the grant is not recorded as the token's"

# The producer writes requests and reads nothing: not the events, not the decisions.
for topic in ledger.events ledger.decisions; do
  KAFKA_USER=producer KAFKA_CONSUME_TIMEOUT_MS=10000 bash "$KAFKA" consume "$topic" 1 > "$WORK/producer-reads.txt" 2>&1 \
    || true
  { grep -aq "Not authorized to access topics: \[$topic\]" "$WORK/producer-reads.txt" \
      && ! grep -aq 'e2e-acme' "$WORK/producer-reads.txt"; } \
    || fail "the producer was not refused $topic: $(head -c 1000 "$WORK/producer-reads.txt")"
done

echo "Kafka end-to-end check passed on a SCRAM broker with ACLs: a client without credentials refused, 3 requests in, 3 decisions out, the redelivered grant counted once, the request without a token dead-lettered, the producer reading nothing"
