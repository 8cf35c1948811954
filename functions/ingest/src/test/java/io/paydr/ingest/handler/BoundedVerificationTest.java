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
import io.paydr.contract.PayloadKeys;
import io.paydr.contract.Sha256;
import io.paydr.devstack.DevRegion;
import io.paydr.ingest.handler.TestStack.Payload;
import io.paydr.ingest.template.TestLambdaContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Hostile payloads cost bounded time and memory, and nothing reaches the warehouse that Redshift would refuse or
 * read differently (issue 13). Every case is sent in one batch between two good payloads (one loading by INSERT,
 * one by COPY), which must load in the same invocation while the hostile one fails alone with its reason.
 */
class BoundedVerificationTest {
    private static final String LINE = "{\"transaction_id\":\"%s\",\"merchant_id\":\"%s\",\"amount_minor\":1,"
            + "\"currency\":\"EUR\",\"status\":\"CAPTURED\",\"occurred_at\":\"%s\",\"source_region\":\"us-east-1\"}\n";
    private static TestStack stack;
    private static SqsIngestHandler handler;

    @BeforeAll
    static void start() {
        stack = new TestStack();
        handler = new SqsIngestHandler(stack.config(DevRegion.PRIMARY, Map.of("COPY_THRESHOLD_BYTES", "4096")));
    }

    @AfterAll
    static void stop() {
        stack.s3.close();
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private static long rows(String prefix) {
        return stack.count(DevRegion.PRIMARY, "payments WHERE transaction_id LIKE '" + prefix + "-%'");
    }

    private static byte[] gzip(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            for (byte[] part : parts) {
                gz.write(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Stores exactly these bytes under the contract's key layout; the message states their true digest and size. */
    private static Payload store(byte[] bytes, long records, ContentEncoding encoding) {
        String batchId = "b-" + UUID.randomUUID();
        String key = PayloadKeys.key(PayloadKeys.DEFAULT_PREFIX, Instant.now(), batchId, encoding);
        stack.s3.putObject(r -> r.bucket(stack.sourceBucket).key(key), RequestBody.fromBytes(bytes));
        return new Payload(stack.sourceBucket, key, batchId, Sha256.hexOf(bytes), records, bytes.length, encoding, bytes);
    }

    /**
     * Sends the hostile payload between two good ones and checks: it alone fails, with this reason, logged with
     * its bucket and key; the good ones load in the same invocation; nothing of the hostile one is stored.
     */
    private static JsonNode assertRejectedAlone(String name, Payload hostile, String reason, SqsIngestHandler with) {
        Payload small = stack.publish(stack.sourceBucket, payments(name + "-small", 3), ContentEncoding.IDENTITY);
        Payload large = stack.publish(stack.sourceBucket, payments(name + "-large", 300), ContentEncoding.GZIP);
        try (LogCapture log = LogCapture.start()) {
            SQSBatchResponse response = with.handleRequest(event(record("sqs-pointer", small, "m-" + name + "-1"),
                    record("sqs-pointer", hostile, "m-" + name + "-x"), record("sqs-pointer", large, "m-" + name + "-2")),
                    TestLambdaContext.withBudget("ingest", 20_000));
            assertEquals(List.of("m-" + name + "-x"), failures(response), log.text());
            JsonNode rejected = log.last("message_rejected");
            assertEquals(reason, rejected.get("reason").asText(), rejected.toString());
            assertEquals(hostile.bucket(), rejected.path("bucket").asText(), "the log names the object");
            assertEquals(hostile.key(), rejected.path("key").asText(), "the log names the object");
            assertEquals(3, rows(name + "-small"));
            assertEquals(300, rows(name + "-large"));
            assertEquals(0, rows(name + "-bad"));
            return rejected;
        }
    }

    private static JsonNode assertRejectedAlone(String name, Payload hostile, String reason) {
        return assertRejectedAlone(name, hostile, reason, handler);
    }

    @Test
    void aGzipBombFailsAloneQuicklyAndTheGoodPayloadsBesideItLoad() {
        // one record padded with 256 MiB of whitespace: valid JSON, ~256 KB stored, a ratio of about 1,000
        byte[] head = utf8("{\"transaction_id\":\"bomb-bad-1\",");
        byte[] padding = new byte[1 << 20];
        java.util.Arrays.fill(padding, (byte) ' ');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(head);
            for (int i = 0; i < 256; i++) {
                gz.write(padding);
            }
            gz.write(utf8("\"merchant_id\":\"m\",\"amount_minor\":1,\"currency\":\"EUR\",\"status\":\"CAPTURED\","
                    + "\"occurred_at\":\"2026-11-25T16:38:15.123Z\",\"source_region\":\"us-east-1\"}\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Payload bomb = store(out.toByteArray(), 1, ContentEncoding.GZIP);

        long started = System.nanoTime();
        assertRejectedAlone("bomb", bomb, "SUSPICIOUS_COMPRESSION_RATIO");
        assertTrue(System.nanoTime() - started < 10_000_000_000L, "a bomb is refused long before it is decoded");
    }

    @Test
    void aPayloadDecodingBeyondTheBoundFailsAlone() {
        SqsIngestHandler bounded = new SqsIngestHandler(stack.config(DevRegion.PRIMARY, Map.of(
                "COPY_THRESHOLD_BYTES", "4096", "MAX_DECODED_PAYLOAD_BYTES", "100000", "MAX_PAYLOAD_BYTES", "100000")));
        Payload big = stack.publish(stack.sourceBucket, payments("decoded-bad", 2_000), ContentEncoding.GZIP);

        JsonNode rejected = assertRejectedAlone("decoded", big, "DECODED_PAYLOAD_TOO_LARGE", bounded);
        assertTrue(rejected.get("detail").asText().contains("MAX_DECODED_PAYLOAD_BYTES"), rejected.toString());
    }

    @Test
    void aRecordLargerThanRedshiftsJsonObjectLimitFailsAlone() {
        String padded = String.format(LINE, "line-bad-1", "m", "2026-11-25T16:38:15.123Z")
                .replace("\"amount_minor\"", " ".repeat(4 * 1024 * 1024) + "\"amount_minor\"");
        assertRejectedAlone("line", store(utf8(padded), 1, ContentEncoding.IDENTITY), "RECORD_TOO_LARGE");
    }

    @Test
    void aLeapSecondOrHour24FailsAlone() {
        assertRejectedAlone("leap", store(utf8(String.format(LINE, "leap-bad-1", "m", "2026-12-31T23:59:60.000Z")),
                1, ContentEncoding.IDENTITY), "SCHEMA_VIOLATION");
        assertRejectedAlone("hour24", store(utf8(String.format(LINE, "hour24-bad-1", "m", "2026-12-31T24:00:00.000Z")),
                1, ContentEncoding.IDENTITY), "SCHEMA_VIOLATION");
    }

    @Test
    void bytesAfterTheLastGzipMemberFailAlone() {
        byte[] valid = gzip(utf8(String.format(LINE, "trail-bad-1", "m", "2026-11-25T16:38:15.123Z")));
        byte[] trailing = new byte[valid.length + 7];
        System.arraycopy(valid, 0, trailing, 0, valid.length);
        System.arraycopy(utf8("garbage"), 0, trailing, valid.length, 7);
        assertRejectedAlone("trail", store(trailing, 1, ContentEncoding.GZIP), "MALFORMED_PAYLOAD");
    }

    @Test
    void aMerchantIdOfMoreThan64BytesFailsAloneEvenIf64Characters() {
        String merchant = "\u00e9".repeat(64); // 64 characters, 128 UTF-8 bytes: Redshift's VARCHAR(64) counts bytes
        assertRejectedAlone("bytes", store(utf8(String.format(LINE, "bytes-bad-1", merchant,
                "2026-11-25T16:38:15.123Z")), 1, ContentEncoding.IDENTITY), "SCHEMA_VIOLATION");
    }

    @Test
    void aLoneCarriageReturnAsALineBreakFailsAlone() {
        String two = String.format(LINE, "cr-bad-1", "m", "2026-11-25T16:38:15.123Z").replace("\n", "\r")
                + String.format(LINE, "cr-bad-2", "m", "2026-11-25T16:38:15.123Z");
        assertRejectedAlone("cr", store(utf8(two), 2, ContentEncoding.IDENTITY), "MALFORMED_PAYLOAD");
    }

    @Test
    void aKeyOutsideTheDatasetsPrefixFailsAlone() {
        byte[] bytes = TestStack.encode(payments("prefix-bad", 2), ContentEncoding.IDENTITY);
        stack.s3.putObject(r -> r.bucket(stack.sourceBucket).key("tmp/anything.jsonl"), RequestBody.fromBytes(bytes));
        Payload outside = new Payload(stack.sourceBucket, "tmp/anything.jsonl", "anything", Sha256.hexOf(bytes), 2,
                bytes.length, ContentEncoding.IDENTITY, bytes);
        assertRejectedAlone("prefix", outside, "KEY_OUTSIDE_DATASET_PREFIX");
    }

    @Test
    void aDeclaredSizeThatIsNotTheObjectsSizeFailsAlone() {
        Payload stored = stack.publish(stack.sourceBucket, payments("size-bad", 8), ContentEncoding.IDENTITY);
        Payload understated = new Payload(stored.bucket(), stored.key(), stored.batchId(), stored.sha256(),
                stored.records(), 1, stored.encoding(), stored.bytes());
        assertRejectedAlone("size", understated, "SIZE_MISMATCH");
    }

    @Test
    void aBatchIdThatIsNotTheKeysFileNameFailsAlone() {
        Payload stored = stack.publish(stack.sourceBucket, payments("batch-bad", 4), ContentEncoding.IDENTITY);
        Payload renamed = new Payload(stored.bucket(), stored.key(), "another-batch", stored.sha256(), stored.records(),
                stored.size(), stored.encoding(), stored.bytes());
        assertRejectedAlone("batch", renamed, "BATCH_ID_MISMATCH");
    }

    @Test
    void dataTheWarehouseRefusesFailsAloneWithAReasonAfterBisection() {
        stack.execute(DevRegion.PRIMARY, "ALTER TABLE " + stack.schema + ".payments ADD CONSTRAINT bounded_blocked"
                + " CHECK (merchant_id <> 'blocked-merchant')");
        try {
            byte[] bytes = utf8(String.format(LINE, "refused-bad-1", "blocked-merchant", "2026-11-25T16:38:15.123Z"));
            JsonNode rejected = assertRejectedAlone("refused", store(bytes, 1, ContentEncoding.IDENTITY),
                    "WAREHOUSE_REJECTED");
            assertFalse(rejected.toString().contains("blocked-merchant"), "no payload contents in the log");
        } finally {
            stack.execute(DevRegion.PRIMARY, "ALTER TABLE " + stack.schema + ".payments DROP CONSTRAINT bounded_blocked");
        }
    }
}
