package io.paydr.ingest.handler;

import static io.paydr.ingest.handler.TestStack.event;
import static io.paydr.ingest.handler.TestStack.payments;
import static io.paydr.ingest.handler.TestStack.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PaymentTransaction;
import io.paydr.devstack.DevRegion;
import io.paydr.ingest.handler.TestStack.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SQS event handler against devstack: real S3, real Data API, real PostgreSQL behind it. */
class EventModeIntegrationTest {
    private static TestStack stack;
    private static SqsIngestHandler handler;

    @BeforeAll
    static void start() {
        stack = new TestStack();
        // a small COPY threshold so that both load paths run: INSERT below 4 KiB decoded, COPY above
        handler = new SqsIngestHandler(stack.config(DevRegion.PRIMARY, Map.of("COPY_THRESHOLD_BYTES", "4096")));
    }

    @AfterAll
    static void stop() {
        stack.s3.close();
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private static long rows(String transactionPrefix) {
        return stack.count(DevRegion.PRIMARY, "payments WHERE transaction_id LIKE '" + transactionPrefix + "-%'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqs-pointer", "sqs-legacy-attribute", "sqs-legacy-pointer", "sqs-sns-envelope"})
    void everyPointerShapeLoads(String fixture) {
        String prefix = fixture.replace("sqs-", "");
        Payload small = stack.publish(stack.sourceBucket, payments(prefix + "-small", 5), ContentEncoding.IDENTITY);
        Payload large = stack.publish(stack.sourceBucket, payments(prefix + "-large", 400), ContentEncoding.GZIP);

        SQSBatchResponse response = handler.handleRequest(event(record(fixture, small, "m-" + prefix + "-1"),
                record(fixture, large, "m-" + prefix + "-2")), null);

        assertEquals(List.of(), failures(response));
        assertEquals(5, rows(prefix + "-small"));
        assertEquals(400, rows(prefix + "-large"));
        assertEquals(1, stack.count(DevRegion.PRIMARY, "payments_ingest_ledger WHERE payload_key = '" + large.key()
                + "' AND row_count = 400 AND batch_id = '" + large.batchId() + "' AND payload_sha256 = '"
                + large.sha256() + "' AND message_id = 'm-" + prefix + "-2'"));
    }

    @Test
    void tenMessagesCostTwoDataApiCallsWhateverTheirPaths() {
        List<JsonNode> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Payload p = stack.publish(stack.sourceBucket, payments("ten" + i, i % 2 == 0 ? 8 : 300),
                    i % 3 == 0 ? ContentEncoding.GZIP : ContentEncoding.IDENTITY);
            records.add(record("sqs-pointer", p, "m-ten-" + i));
        }

        try (LogCapture log = LogCapture.start()) {
            SQSBatchResponse response = handler.handleRequest(event(records.toArray(JsonNode[]::new)), null);
            assertEquals(List.of(), failures(response));
            JsonNode summary = log.last("batch_processed");
            assertEquals(10, summary.get("payloadsLoaded").asInt());
            assertEquals(2, summary.get("dataApiCalls").asInt(),
                    "one BatchExecuteStatement that waits, one DescribeStatement for its row counts");
        }
        for (int i = 0; i < 10; i++) {
            assertEquals(i % 2 == 0 ? 8 : 300, rows("ten" + i));
        }
    }

    @Test
    void inlinePayloadLoads() {
        Payload inline = TestStack.inline(payments("inline", 3));

        SQSBatchResponse response = handler.handleRequest(event(record("sqs-inline", inline, "m-inline")), null);

        assertEquals(List.of(), failures(response));
        assertEquals(3, rows("inline"));
        assertEquals(1, stack.count(DevRegion.PRIMARY, "payments_ingest_ledger WHERE payload_key = 'inline/"
                + inline.batchId() + "'"));
    }

    @Test
    void duplicateDeliveriesAndOverlappingPayloadsInsertEachTransactionOnce() {
        List<PaymentTransaction> first = payments("dup", 300);
        List<PaymentTransaction> overlapping = new ArrayList<>(payments("dup", 450).subList(150, 450));
        overlapping.addAll(first.subList(0, 10));
        Payload a = stack.publish(stack.sourceBucket, first, ContentEncoding.GZIP);
        Payload b = stack.publish(stack.sourceBucket, overlapping, ContentEncoding.IDENTITY);

        try (LogCapture log = LogCapture.start()) {
            SQSBatchResponse once = handler.handleRequest(event(record("sqs-pointer", a, "m-dup-a"),
                    record("sqs-pointer", a, "m-dup-a-again"), record("sqs-pointer", b, "m-dup-b")), null);
            assertEquals(List.of(), failures(once));
            JsonNode summary = log.last("batch_processed");
            assertEquals(450, summary.get("rowsInserted").asLong());
            assertEquals(160, summary.get("duplicateRowsSkipped").asLong());
            assertEquals(2, summary.get("payloadsLoaded").asLong());
            assertEquals(1, summary.get("transactions").asInt());
            assertEquals(2, summary.get("dataApiCalls").asInt(), "BatchExecuteStatement + DescribeStatement, nothing else");

            // The ledger check runs inside the load (issue 14): the redelivered payload merges again as a no-op and
            // its transaction's ledger SELECT says it was loaded before (one more call reads that row).
            SQSBatchResponse redelivered = handler.handleRequest(event(record("sqs-pointer", b, "m-dup-b")), null);
            assertEquals(List.of(), failures(redelivered));
            JsonNode again = log.last("batch_processed");
            assertEquals(1, again.get("alreadyLoaded").asInt());
            assertEquals(0, again.get("payloadsLoaded").asInt());
            assertEquals(0, again.get("rowsInserted").asInt());
            assertEquals(0, again.get("duplicateRowsSkipped").asInt(), "a payload loaded before is not a duplicate of itself");
            assertEquals(1, again.get("transactions").asInt());
            assertEquals(3, again.get("dataApiCalls").asInt(), "+ GetStatementResult of the ledger rows it found");
        }
        assertEquals(1, stack.count(DevRegion.PRIMARY, "payments_ingest_ledger WHERE payload_sha256 = '" + b.sha256()
                + "' AND message_id = 'm-dup-b'"), "the ledger keeps the first row");
        assertEquals(450, rows("dup"));
        assertEquals(450, stack.scalar(DevRegion.PRIMARY, "SELECT COUNT(DISTINCT transaction_id) FROM " + stack.schema
                + ".payments WHERE transaction_id LIKE 'dup-%'"));
    }

    @Test
    void aPoisonMessageFailsAloneWhileTheRestOfTheBatchCommits() {
        Payload good = stack.publish(stack.sourceBucket, payments("poison-good", 20), ContentEncoding.IDENTITY);
        Payload alsoGood = stack.publish(stack.sourceBucket, payments("poison-also", 500), ContentEncoding.GZIP);

        try (LogCapture log = LogCapture.start()) {
            SQSBatchResponse response = handler.handleRequest(event(record("sqs-pointer", good, "m-p-1"),
                    record("sqs-pointer", new Payload(stack.sourceBucket, "payments/v1/../../etc/passwd", "b-x",
                            good.sha256(), 1, 1, ContentEncoding.IDENTITY, new byte[0]), "m-p-2"),
                    record("sqs-pointer", alsoGood, "m-p-3")), null);

            assertEquals(List.of("m-p-2"), failures(response));
            assertEquals("BAD_KEY", log.last("message_rejected").get("reason").asText());
        }
        assertEquals(20, rows("poison-good"));
        assertEquals(500, rows("poison-also"));
    }

    @Test
    void aPayloadWhoseStatementFailsIsFoundByBisectionAndLeavesNothingBehind() {
        // The warehouse refuses this merchant: a statement failure that only the SQL can reveal.
        stack.execute(DevRegion.PRIMARY, "ALTER TABLE " + stack.schema + ".payments ADD CONSTRAINT no_blocked_merchant"
                + " CHECK (merchant_id <> 'blocked-merchant')");
        try {
            List<PaymentTransaction> blocked = new ArrayList<>(payments("bisect-bad", 30));
            blocked.set(7, new PaymentTransaction("bisect-bad-7", "blocked-merchant", 1, "EUR",
                    blocked.get(7).status(), blocked.get(7).occurredAt(), "us-east-1"));
            List<JsonNode> records = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Payload p = stack.publish(stack.sourceBucket, payments("bisect-ok" + i, 40 + i * 100),
                        i % 2 == 0 ? ContentEncoding.GZIP : ContentEncoding.IDENTITY);
                records.add(record("sqs-pointer", p, "m-b-" + i));
            }
            Payload bad = stack.publish(stack.sourceBucket, blocked, ContentEncoding.GZIP);
            records.add(2, record("sqs-pointer", bad, "m-b-bad"));

            try (LogCapture log = LogCapture.start()) {
                SQSBatchResponse response = handler.handleRequest(event(records.toArray(JsonNode[]::new)), null);

                assertEquals(List.of("m-b-bad"), failures(response));
                assertTrue(log.last("batch_processed").get("transactions").asInt() > 1);
                JsonNode rejected = log.last("message_rejected");
                assertEquals("WAREHOUSE_REJECTED", rejected.get("reason").asText(), rejected.toString());
                assertEquals(bad.key(), rejected.get("key").asText());
                assertFalse(log.text().contains("bisect-bad-7"), "no payload contents in the logs");
            }
            for (int i = 0; i < 5; i++) {
                assertEquals(40 + i * 100, rows("bisect-ok" + i));
            }
            assertEquals(0, rows("bisect-bad"), "nothing of the failing payload was loaded");
            assertEquals(0, stack.count(DevRegion.PRIMARY, "payments_ingest_ledger WHERE payload_key = '"
                    + bad.key() + "'"));
        } finally {
            stack.execute(DevRegion.PRIMARY, "ALTER TABLE " + stack.schema + ".payments DROP CONSTRAINT no_blocked_merchant");
        }
    }

    @Test
    void bucketOutsideTheAllowlistAndChecksumMismatchAreRefused() {
        Payload foreign = stack.publish(stack.foreignBucket, payments("foreign", 5), ContentEncoding.IDENTITY);
        Payload tampered = stack.publish(stack.sourceBucket, payments("tampered", 5), ContentEncoding.IDENTITY);
        Payload claimsOtherBytes = new Payload(tampered.bucket(), tampered.key(), tampered.batchId(),
                foreign.sha256(), tampered.records(), tampered.size(), tampered.encoding(), tampered.bytes());

        try (LogCapture log = LogCapture.start()) {
            SQSBatchResponse response = handler.handleRequest(event(record("sqs-pointer", foreign, "m-foreign"),
                    record("sqs-pointer", claimsOtherBytes, "m-tampered")), null);

            assertEquals(List.of("m-foreign", "m-tampered"), failures(response));
            List<String> reasons = log.events("message_rejected").stream().map(n -> n.get("reason").asText()).toList();
            assertEquals(List.of("BUCKET_NOT_ALLOWED", "CHECKSUM_MISMATCH"), reasons);
        }
        assertEquals(0, rows("foreign"));
        assertEquals(0, rows("tampered"));
    }

    @Test
    void aPayloadLargerThanMaxPayloadBytesIsRefusedEvenWhenItsMessageUnderstatesIt() {
        SqsIngestHandler limited = new SqsIngestHandler(stack.config(DevRegion.PRIMARY,
                Map.of("MAX_PAYLOAD_BYTES", "2000")));
        Payload big = stack.publish(stack.sourceBucket, payments("oversized", 40), ContentEncoding.IDENTITY);
        Payload understated = new Payload(big.bucket(), big.key(), big.batchId(), big.sha256(), big.records(), 1_000,
                big.encoding(), big.bytes());
        Payload small = stack.publish(stack.sourceBucket, payments("undersized", 3), ContentEncoding.IDENTITY);
        assertTrue(big.size() > 2000 && small.size() < 2000, "sizes either side of the limit");

        try (LogCapture log = LogCapture.start()) {
            SQSBatchResponse response = limited.handleRequest(event(record("sqs-pointer", understated, "m-oversized"),
                    record("sqs-pointer", small, "m-undersized")), null);

            assertEquals(List.of("m-oversized"), failures(response));
            JsonNode rejected = log.events("message_rejected").get(0);
            assertEquals("PAYLOAD_TOO_LARGE", rejected.get("reason").asText());
            assertEquals("payload of " + big.size() + " bytes exceeds MAX_PAYLOAD_BYTES (2000)",
                    rejected.get("detail").asText());
        }
        assertEquals(0, rows("oversized"));
        assertEquals(3, rows("undersized"));
    }
}
