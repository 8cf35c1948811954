#!/usr/bin/env bash
# The capacity benchmark (issue 14): one Region's pipeline on devstack under the redshift warehouse profile, three
# loaders behind local's event source emulation. Run from the repository root:
#   bash local/capacity.sh --quick --json target/capacity.json     # concurrency 10, 10k records: under 5 minutes
#   bash local/capacity.sh --json target/capacity.json             # concurrency 2, 5, 10, 20 x 2k, 10k records
# Results on stdout, progress on stderr, the function's own log in target/capacity-function.log.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl local -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
CP="local/target/test-classes:local/target/classes:$(cat local/target/test-classpath.txt)"
exec java -Xmx4g -cp "$CP" io.paydr.local.capacity.CapacityBenchmark "$@"
