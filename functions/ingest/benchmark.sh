#!/usr/bin/env bash
# The ingest benchmark on devstack: builds the deployment jar and the test classes, then runs IngestBenchmark.
# Run from the repository root: functions/ingest/benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -pl functions/ingest -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="functions/ingest/target/test-classes:functions/ingest/target/classes:$(cat functions/ingest/target/test-classpath.txt)"
# the function's JSON logs and EMF records go to stdout too: show only the benchmark's lines, keep them all in a file
# (a failed load names its reason only in the function's log)
LOG=functions/ingest/target/benchmark.log
set +e
java -cp "$CP" io.paydr.ingest.handler.IngestBenchmark 2>&1 | tee "$LOG" | grep -v '^{'
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" -ne 0 ]; then
  echo "benchmark failed (exit $rc); the function's own log lines are in $LOG" >&2
fi
exit "$rc"
