#!/usr/bin/env bash
# A single-node Kafka (KRaft, broker and controller in one process) for running the ledger's Kafka bridge locally.
# Only a JDK 17+ and Maven Central are needed: the broker and its tools come from infra/kafka/pom.xml.
#
#   bash infra/kafka/kafka.sh start      format the storage (first time) and start the broker on 127.0.0.1:9092
#   bash infra/kafka/kafka.sh topics     create the ledger's topics (and, with SCRAM, their ACLs)
#   bash infra/kafka/kafka.sh list       list the topics
#   bash infra/kafka/kafka.sh produce [topic]   lines "key|value" from stdin (default topic ledger.requests); each
#                                       record carries $LEDGER_TOKEN as 'Authorization: Bearer <token>' if it is set
#   bash infra/kafka/kafka.sh consume [topic] [max-messages]   (default ledger.decisions, until Ctrl-C)
#   bash infra/kafka/kafka.sh stop       stop the broker (its data stays in infra/kafka/target/)
#   bash infra/kafka/kafka.sh client-config USER   with SCRAM: the path of USER's client properties
#
# KAFKA_SECURITY=scram (at the first start) makes a broker that only authenticated clients reach: SASL/SCRAM-SHA-256
# users admin (the broker itself and these commands; a super user), ledger and producer, with passwords made at the
# first start and kept, readable by their owner only, under the work directory's credentials/; and ACLs by which the
# ledger may read ledger.requests (in its consumer group) and write the other topics, a producer may only write
# ledger.requests, and nobody else reads anything. produce runs as KAFKA_USER (default producer), consume and topics
# as admin unless KAFKA_USER says otherwise.
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
SECURITY_FILE="$TARGET/security"
CREDENTIALS="$TARGET/credentials"
LEDGER_GROUP="${LEDGER_KAFKA_GROUP:-quota-ledger}"

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

# The security the broker was formatted with; KAFKA_SECURITY before the first start.
security() {
  if [[ -s "$SECURITY_FILE" ]]; then cat "$SECURITY_FILE"; else echo "${KAFKA_SECURITY:-plaintext}"; fi
}

# A SCRAM user's password, made at its first use and kept readable by the owner only.
password_of() {
  local file="$CREDENTIALS/$1.password"
  if [[ ! -s "$file" ]]; then
    mkdir -p "$CREDENTIALS" && chmod 700 "$CREDENTIALS"
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$file")
  fi
  cat "$file"
}

# The client properties of a SCRAM user, for Kafka's tools (--command-config and the like) or a client of one's own.
client_config() {
  local user="$1"
  local file="$CREDENTIALS/$user.properties"
  if [[ ! -s "$file" ]]; then
    local password; password="$(password_of "$user")"
    (umask 077 && cat > "$file" <<CONFIG
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-256
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$user" password="$password";
CONFIG
    )
  fi
  echo "$file"
}

# The client option that makes one of Kafka's tools authenticate as USER, if the broker needs it; KAFKA_CLIENT_CONFIG
# names client properties of one's own instead.
as_user() {
  local option="$1" user="$2"
  if [[ -n "${KAFKA_CLIENT_CONFIG:-}" ]]; then
    echo "$option $KAFKA_CLIENT_CONFIG"
  elif [[ "$(security)" == scram ]]; then
    echo "$option $(client_config "$user")"
  fi
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
  local security; security="$(security)"
  case "$security" in
    plaintext|scram) ;;
    *) die "KAFKA_SECURITY must be plaintext or scram, not $security" ;;
  esac
  if [[ -f "$TARGET/kraft-data/meta.properties" && -n "${KAFKA_SECURITY:-}" && "$KAFKA_SECURITY" != "$security" ]]; then
    die "the broker under $TARGET was made with KAFKA_SECURITY=$security; delete $TARGET for a $KAFKA_SECURITY one"
  fi
  (umask 077 && : > "$PROPERTIES")
  cat > "$PROPERTIES" <<PROPS
# Written by kafka.sh: one process that is both the KRaft controller and the broker.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
log.dirs=$TARGET/kraft-data
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  local scram_users=()
  if [[ "$security" == scram ]]; then
    local admin_password; admin_password="$(password_of admin)"
    # Clients authenticate with SCRAM on the broker's listener; the controller listener, on which SCRAM cannot be
    # used, takes the administrator by PLAIN. Nothing is allowed that an ACL does not allow.
    cat >> "$PROPERTIES" <<PROPS
listeners=SASL_PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=SASL_PLAINTEXT://$HOST:$PORT
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-256
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-256
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_password";
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin_password" user_admin="$admin_password";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
PROPS
    local user
    for user in admin ledger producer; do
      scram_users+=(--add-scram "SCRAM-SHA-256=[name=$user,password=$(password_of "$user")]")
    done
  else
    cat >> "$PROPERTIES" <<PROPS
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
PROPS
  fi
  if [[ ! -f "$TARGET/kraft-data/meta.properties" ]]; then
    local cluster_id="${KAFKA_CLUSTER_ID:-$("$JAVA" -cp "$cp" $(tools_log4j) kafka.tools.StorageTool random-uuid)}"
    "$JAVA" -cp "$cp" $(tools_log4j) kafka.tools.StorageTool format -t "$cluster_id" -c "$PROPERTIES" \
      "${scram_users[@]}" >&2
    echo "$security" > "$SECURITY_FILE"
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
  echo "Kafka is running (pid $(cat "$PID_FILE")) on $BOOTSTRAP ($security); log in $LOG_FILE"
}

topic_command() {
  local cp; cp="$(classpath)"
  local class; class="$(main_class "$cp" org.apache.kafka.tools.TopicCommand kafka.admin.TopicCommand)"
  "$JAVA" -cp "$cp" $(tools_log4j) "$class" --bootstrap-server "$BOOTSTRAP" \
    $(as_user --command-config "${KAFKA_USER:-admin}") "$@"
}

acl() {
  local cp; cp="$(classpath)"
  local class; class="$(main_class "$cp" org.apache.kafka.tools.AclCommand kafka.admin.AclCommand)"
  "$JAVA" -cp "$cp" $(tools_log4j) "$class" --bootstrap-server "$BOOTSTRAP" $(as_user --command-config admin) \
    --add "$@" >/dev/null
}

# The ledger reads requests in its consumer group and writes decisions, dead letters and events; a producer only
# writes requests. Nobody else may do anything: the broker allows nothing that no ACL allows.
acls() {
  # Read and Write imply Describe, and Write the idempotent producer's rights
  acl --allow-principal User:ledger --operation Read --topic ledger.requests --group "$LEDGER_GROUP"
  acl --allow-principal User:ledger --operation Write \
    --topic ledger.decisions --topic ledger.requests.DLT --topic ledger.events
  acl --allow-principal User:producer --operation Write --topic ledger.requests
  echo "ACLs: ledger reads ledger.requests (group $LEDGER_GROUP) and writes the others; producer writes ledger.requests" >&2
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
  if [[ "$(security)" == scram ]]; then acls; fi
  topic_command --list
}

produce() {
  local topic="${1:-ledger.requests}"
  local cp; cp="$(classpath)"
  local class; class="$(main_class "$cp" org.apache.kafka.tools.ConsoleProducer kafka.tools.ConsoleProducer)"
  local user="${KAFKA_USER:-producer}"
  if [ -z "${LEDGER_TOKEN:-}" ]; then
    "$JAVA" -cp "$cp" $(tools_log4j) "$class" --bootstrap-server "$BOOTSTRAP" --topic "$topic" \
      $(as_user --producer.config "$user") --property parse.key=true --property 'key.separator=|'
    return
  fi
  # "Authorization:Bearer <token>", a tab, then the line: the console producer's header syntax. The token is read
  # from the environment by awk, so that it appears in no process's arguments.
  awk '{ print "Authorization:Bearer " ENVIRON["LEDGER_TOKEN"] "\t" $0 }' \
    | "$JAVA" -cp "$cp" $(tools_log4j) "$class" --bootstrap-server "$BOOTSTRAP" --topic "$topic" \
      $(as_user --producer.config "$user") --property parse.key=true --property 'key.separator=|' \
      --property parse.headers=true
}

consume() {
  local topic="${1:-ledger.decisions}"
  local max="${2:-}"
  local cp; cp="$(classpath)"
  local class
  class="$(main_class "$cp" org.apache.kafka.tools.consumer.ConsoleConsumer kafka.tools.ConsoleConsumer)"
  "$JAVA" -cp "$cp" $(tools_log4j) "$class" --bootstrap-server "$BOOTSTRAP" --topic "$topic" --from-beginning \
    $(as_user --consumer.config "${KAFKA_USER:-admin}") --property print.key=true --property 'key.separator=|' --property print.headers=true \
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
  list) topic_command --list ;;
  produce) shift; produce "$@" ;;
  consume) shift; consume "$@" ;;
  stop) stop ;;
  client-config) shift; [[ "$(security)" == scram ]] || die "the broker uses no SCRAM"; client_config "${1:?user}" ;;
  *) echo "usage: $0 start|topics|produce [topic]|consume [topic] [max-messages]|stop|client-config user" >&2
     exit 2 ;;
esac
