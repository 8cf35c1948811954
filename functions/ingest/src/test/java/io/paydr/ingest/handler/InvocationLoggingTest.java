package io.paydr.ingest.handler;

import static io.paydr.ingest.handler.TestStack.event;
import static io.paydr.ingest.handler.TestStack.payments;
import static io.paydr.ingest.handler.TestStack.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.contract.ContentEncoding;
import io.paydr.devstack.DevRegion;
import io.paydr.ingest.handler.TestStack.Payload;
import io.paydr.ingest.internal.InvocationLog;
import io.paydr.ingest.internal.LogLevel;
import io.paydr.ingest.template.TestLambdaContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the function writes to its log during start-up and one invocation, run in-process on devstack and parsed
 * line by line as CloudWatch and Lambda's log-level filter would read it: JSON lines with a level and an RFC 3339
 * timestamp, the request id on every line of the invocation, the configuration as fields without the credentials
 * the environment held, and EMF records that survive the ApplicationLogLevel.
 */
class InvocationLoggingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "canary-secret-key-7f3a9c";
    private static final String TOKEN = "canary-session-token-51be";

    private static TestStack stack;

    @BeforeAll
    static void start() {
        stack = new TestStack();
    }

    @AfterAll
    static void stop() {
        stack.s3.close();
    }

    private static List<JsonNode> lines(String text) {
        return text.lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException("not one JSON object per line: " + line, e);
            }
        }).toList();
    }

    /** Starts the handler with Lambda's filter at {@code filter} and runs one good and one foreign-bucket message. */
    private static String run(String filter, String requestId) {
        // records of their own per run: the same content would be in the ledger already, and load nothing
        Payload good = stack.publish(stack.sourceBucket, payments("log-" + requestId, 3), ContentEncoding.GZIP);
        Payload foreign = stack.publish(stack.foreignBucket, payments("log-foreign-" + requestId, 2),
                ContentEncoding.IDENTITY);
        try (LogCapture log = LogCapture.start()) {
            SqsIngestHandler handler = new SqsIngestHandler(stack.config(DevRegion.PRIMARY, Map.of(
                    "AWS_LAMBDA_LOG_LEVEL", filter, "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", TOKEN)));
            SQSBatchResponse response = handler.handleRequest(event(record("sqs-pointer", good, "m-good"),
                    record("sqs-pointer", foreign, "m-foreign")), TestLambdaContext.withRequestId(requestId, 60_000));
            assertEquals(List.of("m-foreign"), response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
            return log.text();
        }
    }

    @Test
    void everyLineIsJsonWithALevelATimestampAndTheRequestIdOfItsInvocation() {
        List<JsonNode> lines = lines(run("INFO", "req-info-1"));

        assertEquals("handler_started", lines.get(0).path("event").asText(), "the first line is the start-up line");
        assertFalse(lines.get(0).has(InvocationLog.REQUEST_ID), "start-up belongs to no invocation");
        List<JsonNode> invocation = lines.subList(1, lines.size());
        assertTrue(invocation.size() >= 3, "rejection, summary and metrics: " + invocation);
        for (JsonNode line : lines) {
            LogLevel.valueOf(line.path("level").asText()); // one of Lambda's levels, else Lambda reads it as INFO
            Instant.parse(line.path("timestamp").asText()); // RFC 3339, else Lambda replaces it (and the level)
        }
        for (JsonNode line : invocation) {
            assertEquals("req-info-1", line.path(InvocationLog.REQUEST_ID).asText(), line.toString());
        }
        JsonNode rejected = invocation.stream().filter(l -> l.path("event").asText().equals("message_rejected"))
                .findFirst().orElseThrow();
        assertEquals("BUCKET_NOT_ALLOWED", rejected.path("reason").asText());
        JsonNode summary = invocation.stream().filter(l -> l.path("event").asText().equals("batch_processed"))
                .findFirst().orElseThrow();
        assertEquals("ingest", summary.path("functionName").asText());
        assertEquals("$LATEST", summary.path("functionVersion").asText());
        assertEquals(1, summary.path("payloadsLoaded").asInt());
    }

    @Test
    void theConfigurationIsLoggedAsFieldsAndTheCredentialsNever() {
        String text = run("INFO", "req-config-1");

        assertFalse(text.contains(SECRET), "the secret key is in the log");
        assertFalse(text.contains(TOKEN), "the session token is in the log");
        JsonNode config = lines(text).get(0).path("config");
        assertTrue(config.isObject(), "config is JSON fields, not a toString: " + config);
        assertEquals("primary", config.path("regionRole").asText());
        assertEquals("us-east-1", config.path("region").asText());
        assertEquals("paydr-us-east-1", config.path("workgroup").asText());
        assertEquals("secret", config.path("databaseAuth").asText());
        assertEquals(stack.schema + ".payments", config.path("datasetTables").path("payments").asText());
        assertEquals(stack.sourceBucket, config.path("allowedBuckets").get(0).asText());
        assertEquals("environment", config.path("credentials").asText(), "whether, not which, static credentials");
        assertEquals("INFO", config.path("applicationLogLevel").asText());
        assertTrue(config.path("maxPayloadBytes").isNumber());
    }

    @Test
    void theMetricsRecordPassesEveryApplicationLogLevelLambdaCanBeSetTo() {
        for (LogLevel filter : LogLevel.values()) {
            String requestId = "req-filter-" + filter;
            List<JsonNode> lines = lines(run(filter.name(), requestId));

            // Lambda's filter: a line reaches CloudWatch only if its level is at least the ApplicationLogLevel
            List<JsonNode> kept = lines.stream()
                    .filter(l -> LogLevel.valueOf(l.path("level").asText()).passes(filter)).toList();
            List<JsonNode> emf = kept.stream().filter(l -> l.has("_aws")).toList();
            assertEquals(1, emf.size(), "at " + filter + " the metrics record must reach CloudWatch: " + lines);
            JsonNode record = emf.get(0);
            assertEquals(requestId, record.path(InvocationLog.REQUEST_ID).asText());
            assertEquals(filter.compareTo(LogLevel.INFO) > 0 ? filter.name() : "INFO", record.path("level").asText(),
                    "the least severe level that passes: INFO unless the filter is stricter");
            assertTrue(record.path("IngestLag").isNumber() || record.path("IngestLag").isArray(), record.toString());
            assertEquals("paydr/ingest", record.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace")
                    .asText());
        }
    }
}
