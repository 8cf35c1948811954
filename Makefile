# The functions' build for `sam build` (template.yaml: Metadata BuildMethod makefile, ProjectRootDirectory .).
# SAM copies the repository (without .git and .aws-sam) to a scratch directory, runs
#   make --makefile <this file> build-<LogicalId>
# there with ARTIFACTS_DIR set, and deploys what the target leaves in ARTIFACTS_DIR. Both functions are the one
# deployment jar with different handlers; the target builds it with Maven (no tests: `mvn -B verify` is the test run)
# and unpacks it into ARTIFACTS_DIR: classes and resources at the root, which is how Lambda's Java runtime loads a
# zip, and exactly the files Lambda unpacks from the prebuilt jar that `sam deploy` alone uploads.
# By hand: make build-IngestFunction ARTIFACTS_DIR=/tmp/ingest   (.ci/sam-build runs both as SAM would)

MVN ?= mvn
INGEST_JAR := functions/ingest/target/paydr-ingest.jar

.PHONY: build-IngestFunction build-ScheduledDrainFunction ingest-jar

build-IngestFunction build-ScheduledDrainFunction: ingest-jar
	@test -n "$(ARTIFACTS_DIR)" || { echo "$@: ARTIFACTS_DIR is not set (sam build sets it); by hand: make $@ ARTIFACTS_DIR=DIR" >&2; exit 2; }
	mkdir -p "$(ARTIFACTS_DIR)"
	cd "$(ARTIFACTS_DIR)" && jar xf "$(CURDIR)/$(INGEST_JAR)"

ingest-jar:
	$(MVN) -B -q -pl functions/ingest -am package -DskipTests
