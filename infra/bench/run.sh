#!/usr/bin/env bash
# The benchmark: the packaged ledger against a plain SQL quota ledger, on the same request streams.
#   infra/bench/run.sh            the full run
#   infra/bench/run.sh --quick    a run of about eight minutes on two cores, the fill of 1,000,000 events included
#   infra/bench/run.sh --postgres jdbc:postgresql://127.0.0.1:5432/test   both systems on PostgreSQL
# Options, after any of the above:
#   --only TEXT             only the workloads whose name contains TEXT ("steady": the steady load on the store as
#                           the warm-up left it and after the fill; "fill": only the one after the fill)
#   --fill-events N         the events the fill stores before the last workload (default 1000000; 0: no fill)
#   --warm-up-seconds S     each system's warm-up (default 180, 90 with --quick)
# A smoke run of a minute or two:
#   infra/bench/run.sh --quick --only steady --fill-events 20000 --warm-up-seconds 10
# Writes target/bench/report.md, target/bench/results.json and target/bench/chart.png; the report names the
# command it ran.
set -euo pipefail
cd "$(dirname "$0")/../.."

./mvnw -q -B -DskipTests package
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BENCH_COMMAND="infra/bench/run.sh$(printf ' %q' "$@")"
export BENCH_COMMAND
exec "$JAVA" -Xmx2g -cp "ledger-bench/target/classes:$(cat ledger-bench/target/classpath.txt)" \
  com.quotaledger.bench.Benchmark --jar ledger-api/target/ledger-api.jar --out target/bench "$@"
