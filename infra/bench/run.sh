#!/usr/bin/env bash
# The benchmark: the packaged ledger against a plain SQL quota ledger, on the same request streams.
#   infra/bench/run.sh            the full run
#   infra/bench/run.sh --quick    a run of a few minutes
#   infra/bench/run.sh --postgres jdbc:postgresql://127.0.0.1:5432/test   both systems on PostgreSQL
# Writes target/bench/report.md, target/bench/results.json and target/bench/chart.png.
set -euo pipefail
cd "$(dirname "$0")/../.."

./mvnw -q -B -DskipTests package
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$JAVA" -Xmx2g -cp "ledger-bench/target/classes:$(cat ledger-bench/target/classpath.txt)" \
  com.quotaledger.bench.Benchmark --jar ledger-api/target/ledger-api.jar --out target/bench "$@"
