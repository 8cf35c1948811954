#!/usr/bin/env bash
# The ingest benchmark on devstack: builds the deployment jar and the test classes, then runs IngestBenchmark.
# Run from the repository root: functions/ingest/benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -pl functions/ingest -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="functions/ingest/target/test-classes:functions/ingest/target/classes:$(cat functions/ingest/target/test-classpath.txt)"
# the function's JSON logs and EMF records go to stdout too: keep only the benchmark's lines
java -cp "$CP" io.paydr.ingest.handler.IngestBenchmark | grep -v '^{'
