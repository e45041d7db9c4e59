#!/usr/bin/env bash
# The JMH microbenchmarks: the rolling window and one share decision, each with 1,000 and with many shares in the
# window. Any JMH option may follow, e.g. `infra/bench/micro.sh RollingWindow -p sharesInWindow=1000`.
# Writes target/bench/micro.txt and target/bench/micro.json.
set -euo pipefail
cd "$(dirname "$0")/../.."

./mvnw -q -B -DskipTests package
mkdir -p target/bench
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -cp "ledger-bench/target/classes:$(cat ledger-bench/target/classpath.txt)" org.openjdk.jmh.Main \
  -rf json -rff target/bench/micro.json -o target/bench/micro.txt "$@"
