package io.paydr.ingest.handler;

import static io.paydr.ingest.handler.TestStack.event;
import static io.paydr.ingest.handler.TestStack.payments;
import static io.paydr.ingest.handler.TestStack.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.devstack.DevRegion;
import io.paydr.ingest.handler.TestStack.Payload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The five ways content (not faults) broke the exactly-once promise, reproduced against the real handler on
 * devstack (issue 12). Each test failed on the code before the identity model: a payload is its content, each
 * message is checked on its own, what loads is exactly what was verified, and both Regions converge.
 */
class IdentityRegressionTest {
    private static TestStack stack;
    private static SqsIngestHandler primary;
    private static SqsIngestHandler secondary;

    @BeforeAll
    static void start() {
        stack = new TestStack();
        Map<String, String> overrides = Map.of("COPY_THRESHOLD_BYTES", "4096",
                "ALLOWED_BUCKETS", stack.sourceBucket + "," + stack.foreignBucket,
                "STAGING_BUCKET", stack.stagingBucket);
        primary = new SqsIngestHandler(stack.config(DevRegion.PRIMARY, overrides));
        secondary = new SqsIngestHandler(stack.config(DevRegion.SECONDARY, overrides));
    }

    @AfterAll
    static void stop() {
        stack.s3.close();
    }

    @AfterEach
    void disarm() {
        BeforeLoadHook.disarm();
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private static long rows(DevRegion region, String transactionPrefix) {
        return stack.count(region, "payments WHERE transaction_id LIKE '" + transactionPrefix + "-%'");
    }

    /** Lines no verifier would accept: an unknown status, a lower-case currency, an absurd amount. */
    private static byte[] hostileLines(String prefix, int count) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append("{\"transaction_id\":\"").append(prefix).append('-').append(i)
                    .append("\",\"merchant_id\":\"evil\",\"amount_minor\":-99999999,\"currency\":\"eur\","
                            + "\"status\":\"HACKED\",\"occurred_at\":\"2026-11-25T16:38:15.123Z\","
                            + "\"source_region\":\"us-east-1\"}\n");
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long hackedRows(DevRegion region) {
        return stack.count(region, "payments WHERE status = 'HACKED' OR currency = 'eur'");
    }

    @Test
    void aSiblingObjectWhoseKeyExtendsThePayloadKeyNeverLoads() {
        Payload verified = stack.publish(stack.sourceBucket, payments("sibling", 300), ContentEncoding.IDENTITY);
        stack.s3.putObject(r -> r.bucket(stack.sourceBucket).key(verified.key() + ".bak"),
                RequestBody.fromBytes(hostileLines("sibling-bak", 50)));

        SQSBatchResponse response = primary.handleRequest(event(record("sqs-pointer", verified, "m-sib")), null);

        assertEquals(List.of(), failures(response));
        assertEquals(300, rows(DevRegion.PRIMARY, "sibling"));
        assertEquals(0, rows(DevRegion.PRIMARY, "sibling-bak"));
        assertEquals(0, hackedRows(DevRegion.PRIMARY));
    }

    @Test
    void aPayloadReplacedBetweenVerificationAndCopyLoadsOnlyTheVerifiedRows() {
        Payload verified = stack.publish(stack.sourceBucket, payments("replaced", 300), ContentEncoding.IDENTITY);
        BeforeLoadHook.arm(() -> stack.s3.putObject(r -> r.bucket(stack.sourceBucket).key(verified.key()),
                RequestBody.fromBytes(hostileLines("replaced-evil", 320))));

        SQSBatchResponse response = primary.handleRequest(event(record("sqs-pointer", verified, "m-repl")), null);

        assertEquals(List.of(), failures(response));
        assertEquals(300, rows(DevRegion.PRIMARY, "replaced"));
        assertEquals(0, rows(DevRegion.PRIMARY, "replaced-evil"));
        assertEquals(0, hackedRows(DevRegion.PRIMARY));
    }

    @Test
    void aStagedObjectReplacedBeforeCopyFailsTheLoadWhichLoadsOnRetry() {
        Payload verified = stack.publish(stack.sourceBucket, payments("restaged", 300), ContentEncoding.GZIP);
        Payload neighbour = stack.publish(stack.sourceBucket, payments("restaged-neighbour", 200), ContentEncoding.GZIP);
        // Overwrite every object the function staged for this load with rows nobody verified.
        BeforeLoadHook.arm(() -> stack.s3.listObjectsV2Paginator(r -> r.bucket(stack.stagingBucket).prefix("staging/"))
                .contents().forEach(o -> stack.s3.putObject(r -> r.bucket(stack.stagingBucket).key(o.key()),
                        RequestBody.fromBytes(hostileLines("restaged-evil", 300)))));

        try (LogCapture log = LogCapture.start()) {
            SQSBatchResponse response = primary.handleRequest(event(record("sqs-pointer", verified, "m-rs-1"),
                    record("sqs-pointer", neighbour, "m-rs-2")), null);
            assertEquals(List.of("m-rs-1", "m-rs-2"), failures(response));
            assertTrue(log.last("message_retry").get("detail").asText().contains("staged rows differ"),
                    log.last("message_retry").toString());
        }
        assertEquals(0, rows(DevRegion.PRIMARY, "restaged-evil"));
        assertEquals(0, rows(DevRegion.PRIMARY, "restaged"));
        assertEquals(0, hackedRows(DevRegion.PRIMARY));

        SQSBatchResponse retried = primary.handleRequest(event(record("sqs-pointer", verified, "m-rs-1"),
                record("sqs-pointer", neighbour, "m-rs-2")), null);
        assertEquals(List.of(), failures(retried));
        assertEquals(300, rows(DevRegion.PRIMARY, "restaged") - rows(DevRegion.PRIMARY, "restaged-neighbour"));
        assertEquals(200, rows(DevRegion.PRIMARY, "restaged-neighbour"));
    }

    @Test
    void aMessageWithAWrongDigestNeitherFailsNorVouchesForAGoodOneNamingTheSameObject() {
        Payload good = stack.publish(stack.sourceBucket, payments("verdict", 250), ContentEncoding.GZIP);
        Payload lying = new Payload(good.bucket(), good.key(), good.batchId(), "0".repeat(64), good.records(),
                good.size(), good.encoding(), good.bytes());

        try (LogCapture log = LogCapture.start()) {
            SQSBatchResponse badFirst = primary.handleRequest(event(record("sqs-pointer", lying, "m-v-bad-1"),
                    record("sqs-pointer", good, "m-v-good-1")), null);
            assertEquals(List.of("m-v-bad-1"), failures(badFirst));
            assertEquals("CHECKSUM_MISMATCH", log.last("message_rejected").get("reason").asText());

            SQSBatchResponse badSecond = primary.handleRequest(event(record("sqs-pointer", good, "m-v-good-2"),
                    record("sqs-pointer", lying, "m-v-bad-2")), null);
            assertEquals(List.of("m-v-bad-2"), failures(badSecond));
            assertEquals("CHECKSUM_MISMATCH", log.last("message_rejected").get("reason").asText());
        }
        assertEquals(250, rows(DevRegion.PRIMARY, "verdict"));
    }

    @Test
    void otherContentUnderAKeyAlreadyLoadedLoadsAndIsReported() {
        Payload first = stack.publish(stack.sourceBucket, payments("reused-a", 20), ContentEncoding.IDENTITY);
        byte[] other = TestStack.encode(payments("reused-b", 30), ContentEncoding.IDENTITY);
        stack.s3.putObject(r -> r.bucket(stack.foreignBucket).key(first.key()), RequestBody.fromBytes(other));
        Payload second = new Payload(stack.foreignBucket, first.key(), first.batchId(),
                io.paydr.contract.Sha256.hexOf(other), 30, other.length, ContentEncoding.IDENTITY, other);

        assertEquals(List.of(), failures(primary.handleRequest(event(record("sqs-pointer", first, "m-ru-1")), null)));
        try (LogCapture log = LogCapture.start()) {
            SQSBatchResponse response = primary.handleRequest(event(record("sqs-pointer", second, "m-ru-2")), null);
            assertEquals(List.of(), failures(response));
            JsonNode warning = log.last("payload_key_reused");
            assertEquals(stack.foreignBucket, warning.get("bucket").asText());
            assertEquals(first.key(), warning.get("key").asText());
            assertEquals(first.sha256(), warning.get("loadedSha256").asText());
            assertEquals(second.sha256(), warning.get("payloadSha256").asText());
            assertEquals(1, log.last("batch_processed").get("reusedPayloadKeys").asInt());
        }
        assertEquals(20, rows(DevRegion.PRIMARY, "reused-a"));
        assertEquals(30, rows(DevRegion.PRIMARY, "reused-b"));
    }

    @Test
    void twoInlinePayloadsWithOneBatchIdBothLoad() {
        Payload one = TestStack.inline(payments("inline-twin-a", 3));
        Payload two = TestStack.inline(payments("inline-twin-b", 4));
        Payload sameId = new Payload(null, null, one.batchId(), two.sha256(), two.records(), two.size(),
                two.encoding(), two.bytes());

        assertEquals(List.of(), failures(primary.handleRequest(event(record("sqs-inline", one, "m-it-1")), null)));
        assertEquals(List.of(), failures(primary.handleRequest(event(record("sqs-inline", sameId, "m-it-2")), null)));

        assertEquals(3, rows(DevRegion.PRIMARY, "inline-twin-a"));
        assertEquals(4, rows(DevRegion.PRIMARY, "inline-twin-b"));
    }

    @Test
    void bothRegionsKeepTheSameVersionOfAConflictingRecordWhateverTheOrder() {
        Instant at = Instant.parse("2026-11-25T16:38:15.123Z");
        List<PaymentTransaction> a = new ArrayList<>(payments("diverge-a", 40));
        a.add(new PaymentTransaction("diverge-x", "merchant-1", 100, "EUR", PaymentStatus.CAPTURED, at, "us-east-1"));
        List<PaymentTransaction> b = new ArrayList<>(payments("diverge-b", 40));
        b.add(new PaymentTransaction("diverge-x", "merchant-1", 999, "EUR", PaymentStatus.CAPTURED, at, "us-east-1"));
        Payload pa = stack.publish(stack.sourceBucket, a, ContentEncoding.IDENTITY);
        Payload pb = stack.publish(stack.sourceBucket, b, ContentEncoding.GZIP);

        primary.handleRequest(event(record("sqs-pointer", pa, "m-d-a")), null);
        primary.handleRequest(event(record("sqs-pointer", pb, "m-d-b")), null);
        secondary.handleRequest(event(record("sqs-pointer", pb, "m-d-b")), null);
        secondary.handleRequest(event(record("sqs-pointer", pa, "m-d-a")), null);

        String amount = "SELECT amount_minor FROM " + stack.schema + ".payments WHERE transaction_id = 'diverge-x'";
        assertEquals(stack.scalar(DevRegion.PRIMARY, amount), stack.scalar(DevRegion.SECONDARY, amount));
        for (DevRegion region : DevRegion.values()) {
            assertEquals(1, stack.count(region, "payments WHERE transaction_id = 'diverge-x'"), "one row in " + region);
            assertEquals(80, rows(region, "diverge-a") + rows(region, "diverge-b"));
            assertEquals(1, stack.count(region, "payments_conflicts WHERE transaction_id = 'diverge-x'"));
        }
        String loser = "SELECT amount_minor FROM " + stack.schema + ".payments_conflicts WHERE transaction_id = 'diverge-x'";
        assertEquals(stack.scalar(DevRegion.PRIMARY, loser), stack.scalar(DevRegion.SECONDARY, loser));
    }
}
