package io.paydr.ingest.handler;

import static io.paydr.ingest.handler.TestStack.event;
import static io.paydr.ingest.handler.TestStack.payments;
import static io.paydr.ingest.handler.TestStack.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.paydr.contract.ContentEncoding;
import io.paydr.devstack.DevRegion;
import io.paydr.ingest.handler.TestStack.Payload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secondary Region (us-west-2): it reads the payload from its replica bucket first, falls back to the source
 * bucket in us-east-1 (COPY then names the source Region), and retries when replication has not caught up yet.
 */
class SecondaryRegionIntegrationTest {
    private static TestStack stack;
    private static SqsIngestHandler handler;

    @BeforeAll
    static void start() {
        stack = new TestStack();
        handler = new SqsIngestHandler(stack.config(DevRegion.SECONDARY, Map.of(
                "REPLICA_BUCKETS", stack.sourceBucket + "=" + stack.replicaBucket, "COPY_THRESHOLD_BYTES", "4096")));
    }

    @AfterAll
    static void stop() {
        stack.s3.close();
    }

    private static long rows(String prefix) {
        return stack.count(DevRegion.SECONDARY, "payments WHERE transaction_id LIKE '" + prefix + "-%'");
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void readsTheReplicaInItsOwnRegion() {
        // The object exists only in the replica bucket, yet the message names the source bucket.
        Payload published = stack.publish(stack.replicaBucket, payments("replica", 200), ContentEncoding.GZIP);
        Payload pointingAtSource = new Payload(stack.sourceBucket, published.key(), published.batchId(),
                published.sha256(), published.records(), published.size(), published.encoding(), published.bytes());

        try (LogCapture log = LogCapture.start()) {
            SQSBatchResponse response = handler.handleRequest(event(record("sqs-pointer", pointingAtSource, "m-r")), null);

            assertEquals(List.of(), failures(response));
            assertEquals(0, log.last("batch_processed").get("replicaMisses").asInt());
        }
        assertEquals(200, rows("replica"));
        assertEquals(0, stack.payments(DevRegion.PRIMARY), "the primary's warehouse is another database");
    }

    @Test
    void fallsBackToTheSourceBucketWhenTheReplicaIsNotThereYet() {
        Payload large = stack.publish(stack.sourceBucket, payments("fallback-copy", 300), ContentEncoding.GZIP);
        Payload small = stack.publish(stack.sourceBucket, payments("fallback-insert", 4), ContentEncoding.IDENTITY);

        try (LogCapture log = LogCapture.start()) {
            SQSBatchResponse response = handler.handleRequest(event(record("sqs-pointer", large, "m-f-1"),
                    record("sqs-legacy-attribute", small, "m-f-2")), null);

            assertEquals(List.of(), failures(response));
            assertEquals(2, log.last("batch_processed").get("replicaMisses").asInt());
        }
        assertEquals(300, rows("fallback-copy"));
        assertEquals(4, rows("fallback-insert"));
    }

    @Test
    void anObjectInNeitherBucketIsRetriedNotRejected() {
        Payload missing = stack.publish(stack.foreignBucket, payments("missing", 3), ContentEncoding.IDENTITY);
        Payload pointingAtSource = new Payload(stack.sourceBucket, missing.key(), missing.batchId(), missing.sha256(),
                missing.records(), missing.size(), missing.encoding(), missing.bytes());

        try (LogCapture log = LogCapture.start()) {
            SQSBatchResponse response = handler.handleRequest(event(record("sqs-pointer", pointingAtSource, "m-missing")),
                    null);

            assertEquals(List.of("m-missing"), failures(response));
            assertTrue(log.events("message_rejected").isEmpty());
            assertTrue(log.last("message_retry").get("detail").asText().contains("not replicated yet"));
        }
        // once replication catches up, the retry loads it from the replica
        stack.replicate(pointingAtSource, stack.replicaBucket);
        assertEquals(List.of(), failures(handler.handleRequest(event(record("sqs-pointer", pointingAtSource,
                "m-missing")), null)));
        assertEquals(3, rows("missing"));
    }
}
