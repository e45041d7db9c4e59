#!/usr/bin/env bash
# A single-node Kafka (KRaft, broker and controller in one process) for running the ledger's Kafka bridge locally.
# Only a JDK 17+ and Maven Central are needed: the broker and its tools come from infra/kafka/pom.xml.
#
#   bash infra/kafka/kafka.sh start      format the storage (first time) and start the broker on 127.0.0.1:9092
#   bash infra/kafka/kafka.sh topics     create the ledger's topics
#   bash infra/kafka/kafka.sh produce [topic]   lines "key|value" from stdin (default topic ledger.requests); each
#                                       record carries $LEDGER_TOKEN as 'Authorization: Bearer <token>' if it is set
#   bash infra/kafka/kafka.sh consume [topic] [max-messages]   (default ledger.decisions, until Ctrl-C)
#   bash infra/kafka/kafka.sh stop       stop the broker (its data stays in infra/kafka/target/)
#
# Everything it writes is under infra/kafka/target/ (or $KAFKA_WORK_DIR); delete it to start from an empty broker.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TARGET="${KAFKA_WORK_DIR:-$HERE/target}"
CLASSPATH_FILE="$TARGET/classpath.txt"
PROPERTIES="$TARGET/server.properties"
PID_FILE="$TARGET/kafka.pid"
LOG_FILE="$TARGET/kafka.log"
HOST=127.0.0.1
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
BOOTSTRAP="$HOST:$PORT"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR="${JAVA_HOME:+$JAVA_HOME/bin/}jar"

die() { echo "kafka.sh: $*" >&2; exit 1; }

classpath() {
  if [[ ! -s "$CLASSPATH_FILE" || "$HERE/pom.xml" -nt "$CLASSPATH_FILE" ]]; then
    mkdir -p "$TARGET"
    "$ROOT/mvnw" -q -B -f "$HERE/pom.xml" dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE" >&2
  fi
  cat "$CLASSPATH_FILE"
}

# The first of the given classes that the classpath has (a tool's home moved between Kafka versions).
main_class() {
  local cp="$1"; shift
  local class
  for class in "$@"; do
    local entry="${class//.//}.class"
    local jar
    for jar in ${cp//:/ }; do
      if [ -f "$jar" ] && "$JAR" tf "$jar" 2>/dev/null | grep -qxF "$entry"; then
        echo "$class"; return 0
      fi
    done
  done
  die "none of $* is on the classpath"
}

log4j_config() {
  cat > "$TARGET/log4j.properties" <<'LOG4J'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
LOG4J
  echo "-Dlog4j.configuration=file:$TARGET/log4j.properties"
}

tools_log4j() {
  cat > "$TARGET/tools-log4j.properties" <<'LOG4J'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
LOG4J
  echo "-Dlog4j.configuration=file:$TARGET/tools-log4j.properties"
}

port_answers() {
  (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
}

running() {
  [[ -s "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

start() {
  if running; then
    echo "Kafka is already running (pid $(cat "$PID_FILE")) on $BOOTSTRAP"; return 0
  fi
  if port_answers; then
    die "something else already answers on $BOOTSTRAP"
  fi
  local cp; cp="$(classpath)"
  mkdir -p "$TARGET"
  cat > "$PROPERTIES" <<PROPS
# Written by kafka.sh: one process that is both the KRaft controller and the broker.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$TARGET/kraft-data
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  if [[ ! -f "$TARGET/kraft-data/meta.properties" ]]; then
    local cluster_id="${KAFKA_CLUSTER_ID:-$("$JAVA" -cp "$cp" $(tools_log4j) kafka.tools.StorageTool random-uuid)}"
    "$JAVA" -cp "$cp" $(tools_log4j) kafka.tools.StorageTool format -t "$cluster_id" -c "$PROPERTIES"
  fi
  nohup "$JAVA" -Xms256m -Xmx1g $(log4j_config) -cp "$cp" kafka.Kafka "$PROPERTIES" >"$LOG_FILE" 2>&1 &
  echo $! > "$PID_FILE"
  local waited=0
  until port_answers; do
    if ! running; then
      tail -n 30 "$LOG_FILE" >&2; die "Kafka exited while starting; see $LOG_FILE"
    fi
    if (( waited >= START_TIMEOUT )); then
      die "Kafka did not answer on $BOOTSTRAP within ${START_TIMEOUT}s; see $LOG_FILE (pid $(cat "$PID_FILE"))"
    fi
    sleep 1; waited=$((waited + 1))
  done
  echo "Kafka is running (pid $(cat "$PID_FILE")) on $BOOTSTRAP; log in $LOG_FILE"
}

topic_command() {
  local cp; cp="$(classpath)"
  local class; class="$(main_class "$cp" org.apache.kafka.tools.TopicCommand kafka.admin.TopicCommand)"
  "$JAVA" -cp "$cp" $(tools_log4j) "$class" --bootstrap-server "$BOOTSTRAP" "$@"
}

topics() {
  local topic partitions
  while read -r topic partitions; do
    topic_command --create --if-not-exists --topic "$topic" --partitions "$partitions" --replication-factor 1
  done <<TOPICS
ledger.requests 3
ledger.decisions 3
ledger.events 3
ledger.requests.DLT 1
TOPICS
  topic_command --list
}

produce() {
  local topic="${1:-ledger.requests}"
  local cp; cp="$(classpath)"
  local class; class="$(main_class "$cp" org.apache.kafka.tools.ConsoleProducer kafka.tools.ConsoleProducer)"
  if [ -z "${LEDGER_TOKEN:-}" ]; then
    "$JAVA" -cp "$cp" $(tools_log4j) "$class" --bootstrap-server "$BOOTSTRAP" --topic "$topic" \
      --property parse.key=true --property 'key.separator=|'
    return
  fi
  # "Authorization:Bearer <token>", a tab, then the line: the console producer's header syntax. The token is read
  # from the environment by awk, so that it appears in no process's arguments.
  awk '{ print "Authorization:Bearer " ENVIRON["LEDGER_TOKEN"] "\t" $0 }' \
    | "$JAVA" -cp "$cp" $(tools_log4j) "$class" --bootstrap-server "$BOOTSTRAP" --topic "$topic" \
      --property parse.key=true --property 'key.separator=|' --property parse.headers=true
}

consume() {
  local topic="${1:-ledger.decisions}"
  local max="${2:-}"
  local cp; cp="$(classpath)"
  local class
  class="$(main_class "$cp" org.apache.kafka.tools.consumer.ConsoleConsumer kafka.tools.ConsoleConsumer)"
  "$JAVA" -cp "$cp" $(tools_log4j) "$class" --bootstrap-server "$BOOTSTRAP" --topic "$topic" --from-beginning \
    --property print.key=true --property 'key.separator=|' --property print.headers=true \
    ${max:+--max-messages "$max"} --timeout-ms "${KAFKA_CONSUME_TIMEOUT_MS:-60000}"
}

stop() {
  if ! running; then
    rm -f "$PID_FILE"; echo "Kafka is not running"; return 0
  fi
  local pid; pid="$(cat "$PID_FILE")"
  kill "$pid"
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if (( waited >= STOP_TIMEOUT )); then
      echo "Kafka (pid $pid) did not stop within ${STOP_TIMEOUT}s; killing it" >&2
      kill -9 "$pid" 2>/dev/null || true; break
    fi
    sleep 1; waited=$((waited + 1))
  done
  rm -f "$PID_FILE"
  echo "Kafka stopped"
}

case "${1:-}" in
  start) start ;;
  topics) topics ;;
  produce) shift; produce "$@" ;;
  consume) shift; consume "$@" ;;
  stop) stop ;;
  *) echo "usage: $0 start|topics|produce [topic]|consume [topic] [max-messages]|stop" >&2; exit 2 ;;
esac
