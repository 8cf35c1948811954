package io.paydr.reliability.hostile;

import static io.paydr.reliability.support.LambdaEvents.pointerMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.ReasonCode;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.ingest.handler.SqsIngestHandler;
import io.paydr.reliability.support.PayloadStore;
import io.paydr.reliability.support.Records;
import io.paydr.reliability.support.StoredPayload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Hostile payloads cost bounded time and memory, and nothing reaches the warehouse that Redshift would refuse or read
 * differently (issue 13). Each case is sent between two good payloads (one loading by INSERT, one by COPY), which load
 * in the same invocation while the hostile one fails alone with its reason, logged with its bucket and key. Every case
 * failed before bounded verification (the payload loaded, or the batch around it went back to the queue).
 */
class HostileBoundsTest {
    private static final HostileInputFixture FIXTURE = HostileInputFixture.get();
    private static final String AT = "2026-11-25T16:38:15.123Z";

    @AfterAll
    static void summary() {
        FIXTURE.outcomes().forEach(line -> System.out.println("[hostile] " + line));
    }

    private static String line(String transactionId, String merchantId, String occurredAt) {
        return Records.line(transactionId, Map.of("merchant_id", Records.quoted(merchantId),
                "occurred_at", Records.quoted(occurredAt))) + "\n";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode rejectedAlone(String caseName, StoredPayload hostile, ReasonCode reason) {
        JsonNode rejected = FIXTURE.assertRejectedAlone(caseName, pointerMessage("bounds-" + caseName.replace(' ', '-'),
                hostile), reason);
        assertEquals(hostile.bucket(), rejected.path("bucket").asText(), caseName + ": the log names the bucket");
        assertEquals(hostile.key(), rejected.path("key").asText(), caseName + ": the log names the key");
        return rejected;
    }

    @Test
    void aGzipBombFailsAloneLongBeforeItIsDecoded() {
        // one valid record padded with 256 MiB of whitespace inside the object: valid JSON, a ratio near 1,000
        String record = line("bomb-1", "m", AT);
        byte[] padding = new byte[1 << 20];
        Arrays.fill(padding, (byte) ' ');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(utf8(record.substring(0, record.indexOf(',') + 1)));
            for (int i = 0; i < 256; i++) {
                gz.write(padding);
            }
            gz.write(utf8(record.substring(record.indexOf(',') + 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StoredPayload bomb = FIXTURE.store.putBytes(FIXTURE.allowedBucket, out.toByteArray(), 1, ContentEncoding.GZIP);

        long started = System.nanoTime();
        rejectedAlone("gzip bomb", bomb, ReasonCode.SUSPICIOUS_COMPRESSION_RATIO);
        assertTrue(System.nanoTime() - started < 10_000_000_000L, "refused long before 256 MiB are decoded");
    }

    @Test
    void aPayloadDecodingBeyondTheBoundFailsAlone() {
        StoredPayload big = FIXTURE.store.put(FIXTURE.allowedBucket, Records.valid("decoded", 2_000), ContentEncoding.GZIP);
        assertTrue(big.size() < 100_000, "stored under the bound, decoded over it");
        SqsIngestHandler bounded = FIXTURE.handlerWith(Map.of(IngestConfig.MAX_DECODED_PAYLOAD_BYTES, "100000",
                IngestConfig.MAX_PAYLOAD_BYTES, "100000"));
        JsonNode rejected = FIXTURE.assertRejectedAlone("decoded size bound", pointerMessage("bounds-decoded", big),
                ReasonCode.DECODED_PAYLOAD_TOO_LARGE, bounded);
        assertTrue(rejected.path("detail").asText().contains("MAX_DECODED_PAYLOAD_BYTES"), rejected.toString());
    }

    @Test
    void aRecordLargerThanRedshiftsJsonObjectLimitFailsAlone() {
        String padded = line("line-1", "m", AT).replace("\"amount_minor\"", " ".repeat(4_000_001) + "\"amount_minor\"");
        rejectedAlone("record over 4 MB", FIXTURE.store.putBytes(FIXTURE.allowedBucket, utf8(padded), 1,
                ContentEncoding.IDENTITY), ReasonCode.RECORD_TOO_LARGE);
    }

    @Test
    void aLeapSecondOrHour24FailsAlone() {
        for (String at : List.of("2026-12-31T23:59:60.000Z", "2026-12-31T24:00:00.000Z")) {
            rejectedAlone("occurred_at " + at, FIXTURE.store.putBytes(FIXTURE.allowedBucket, utf8(line("leap-1", "m", at)),
                    1, ContentEncoding.IDENTITY), ReasonCode.SCHEMA_VIOLATION);
        }
    }

    @Test
    void bytesAfterTheLastGzipMemberFailAlone() {
        byte[] valid = PayloadStore.gzip(utf8(line("trail-1", "m", AT)));
        byte[] trailing = Arrays.copyOf(valid, valid.length + 7);
        System.arraycopy(utf8("garbage"), 0, trailing, valid.length, 7);
        rejectedAlone("bytes after gzip", FIXTURE.store.putBytes(FIXTURE.allowedBucket, trailing, 1,
                ContentEncoding.GZIP), ReasonCode.MALFORMED_PAYLOAD);
    }

    @Test
    void aMerchantIdOfMoreThan64BytesFailsAloneEvenIf64Characters() {
        rejectedAlone("merchant_id of 128 bytes", FIXTURE.store.putBytes(FIXTURE.allowedBucket,
                utf8(line("bytes-1", "\u00e9".repeat(64), AT)), 1, ContentEncoding.IDENTITY), ReasonCode.SCHEMA_VIOLATION);
    }

    @Test
    void aLoneCarriageReturnAsALineBreakFailsAlone() {
        String two = line("cr-1", "m", AT).replace("\n", "\r") + line("cr-2", "m", AT);
        rejectedAlone("lone CR", FIXTURE.store.putBytes(FIXTURE.allowedBucket, utf8(two), 2, ContentEncoding.IDENTITY),
                ReasonCode.MALFORMED_PAYLOAD);
    }

    @Test
    void aKeyOutsideTheDatasetsPrefixFailsAlone() {
        byte[] bytes = PayloadStore.encode(Records.valid("prefix", 2), ContentEncoding.IDENTITY);
        FIXTURE.s3.putObject(r -> r.bucket(FIXTURE.allowedBucket).key("tmp/anything.jsonl"), RequestBody.fromBytes(bytes));
        StoredPayload outside = FIXTURE.store.putBytes(FIXTURE.allowedBucket, bytes, 2, ContentEncoding.IDENTITY)
                .withLocation(FIXTURE.allowedBucket, "tmp/anything.jsonl");
        rejectedAlone("key outside payments/", outside, ReasonCode.KEY_OUTSIDE_DATASET_PREFIX);
    }

    @Test
    void aDeclaredSizeThatIsNotTheObjectsSizeFailsAlone() {
        StoredPayload stored = FIXTURE.store.put(FIXTURE.allowedBucket, Records.valid("size", 8), ContentEncoding.IDENTITY);
        rejectedAlone("ExtendedPayloadSize 1", new StoredPayload(stored.bucket(), stored.key(), stored.batchId(),
                stored.sha256(), stored.records(), 1, stored.encoding()), ReasonCode.SIZE_MISMATCH);
    }

    @Test
    void aBatchIdThatIsNotTheKeysFileNameFailsAlone() {
        StoredPayload stored = FIXTURE.store.put(FIXTURE.allowedBucket, Records.valid("batch", 4), ContentEncoding.IDENTITY);
        rejectedAlone("batch_id of another file", new StoredPayload(stored.bucket(), stored.key(), "another-batch",
                stored.sha256(), stored.records(), stored.size(), stored.encoding()), ReasonCode.BATCH_ID_MISMATCH);
    }

    @Test
    void dataTheWarehouseRefusesFailsAloneWithAReasonAfterBisection() {
        FIXTURE.warehouse.execute("ALTER TABLE " + FIXTURE.warehouse.schema() + ".payments ADD CONSTRAINT bounds_blocked"
                + " CHECK (merchant_id <> 'blocked-merchant')");
        try {
            JsonNode rejected = rejectedAlone("refused by the warehouse", FIXTURE.store.putBytes(FIXTURE.allowedBucket,
                    utf8(line("refused-1", "blocked-merchant", AT)), 1, ContentEncoding.IDENTITY),
                    ReasonCode.WAREHOUSE_REJECTED);
            assertTrue(!rejected.toString().contains("blocked-merchant"), "no payload contents in the log");
        } finally {
            FIXTURE.warehouse.execute("ALTER TABLE " + FIXTURE.warehouse.schema() + ".payments DROP CONSTRAINT"
                    + " bounds_blocked");
        }
    }
}
