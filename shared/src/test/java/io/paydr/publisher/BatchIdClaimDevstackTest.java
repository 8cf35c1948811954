package io.paydr.publisher;

import io.paydr.contract.AttributeNames;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.Fixtures;
import io.paydr.contract.InboundMessage;
import io.paydr.contract.NdjsonReader;
import io.paydr.contract.NdjsonWriter;
import io.paydr.contract.PayloadKeys;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.Sha256;
import io.paydr.devstack.DevRegion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One batch id names one payload object, whatever the encoding and the hour of the attempt (issue 12, item 5), on
 * devstack S3, SNS and both Regions' SQS queues. A reused id with other records fails and changes nothing; a true
 * retry (same id, same records) publishes a pointer to the one stored object.
 */
class BatchIdClaimDevstackTest {

    private static final Clock FIRST_HOUR = Clock.fixed(Instant.parse("2026-11-25T16:38:15Z"), ZoneOffset.UTC);
    /** Another hour and another day than {@link #FIRST_HOUR}: a caller id without an embedded time moves. */
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-11-26T02:05:00Z"), ZoneOffset.UTC);
    private static final String FIRST_PARTITION = "/dt=2026-11-25/hh=16/";

    private DevstackFanout fanout;

    @AfterEach
    void tearDown() {
        if (fanout != null) {
            fanout.close();
        }
    }

    @Test
    void aReusedIdWithOtherRecordsInTheOtherEncodingIsRefusedAndChangesNothing() {
        fanout = new DevstackFanout("claim-enc");
        PublishReceipt first;
        try (PaymentPublisher identity = publisher(fanout.s3, FIRST_HOUR, false);
             PaymentPublisher gzip = publisher(fanout.s3, FIRST_HOUR, true)) {
            first = identity.publish("order-7", Fixtures.batch(300));
            Map<String, String> before = storedObjects();

            BatchIdConflictException e = assertThrows(BatchIdConflictException.class,
                    () -> gzip.publish("order-7", otherRecords(300)));
            assertEquals(PublishException.Stage.STORE_PAYLOAD, e.stage());
            assertEquals("order-7", e.batchId());
            assertEquals(first.key(), e.key(), "the conflict names the object the id already names");
            assertTrue(e.getMessage().contains("new batch id"), e.getMessage());
            assertEquals(before, storedObjects(), "nothing written, nothing replaced");
        }
        assertEquals(List.of(first.key()), fanout.payloadKeys());
        assertOnlyPointersTo(first, 1);
    }

    @Test
    void aCallerIdReusedInALaterHourWithOtherRecordsIsRefusedAndChangesNothing() {
        fanout = new DevstackFanout("claim-hour");
        PublishReceipt first;
        try (PaymentPublisher now = publisher(fanout.s3, FIRST_HOUR, true);
             PaymentPublisher later = publisher(fanout.s3, LATER, true)) {
            first = now.publish("order-8", Fixtures.batch(300));
            Map<String, String> before = storedObjects();

            BatchIdConflictException e = assertThrows(BatchIdConflictException.class,
                    () -> later.publish("order-8", otherRecords(300)));
            assertEquals(first.key(), e.key());
            assertEquals(before, storedObjects(), "nothing written, nothing replaced");
        }
        assertEquals(List.of(first.key()), fanout.payloadKeys());
        assertOnlyPointersTo(first, 1);
    }

    @Test
    void aCallerIdRetriedInALaterHourPointsToTheObjectOfItsFirstHour() {
        fanout = new DevstackFanout("claim-retry-hour");
        List<PaymentTransaction> records = Fixtures.batch(300);
        PublishReceipt first;
        PublishReceipt retry;
        try (PaymentPublisher now = publisher(fanout.s3, FIRST_HOUR, true);
             PaymentPublisher later = publisher(fanout.s3, LATER, true)) {
            first = now.publish("order-9", records);
            assertTrue(first.key().contains(FIRST_PARTITION), first.key());
            retry = later.publish("order-9", records);
        }
        assertSameObject(first, retry);
        assertEquals(List.of(first.key()), fanout.payloadKeys(), "one object for the batch");
        assertOnlyPointersTo(first, 2);
    }

    @Test
    void theSameRecordsRetriedWithTheOtherEncodingPointToTheFirstObject() {
        fanout = new DevstackFanout("claim-retry-enc");
        List<PaymentTransaction> records = Fixtures.batch(300);
        PublishReceipt first;
        PublishReceipt retry;
        try (PaymentPublisher identity = publisher(fanout.s3, FIRST_HOUR, false);
             PaymentPublisher gzip = publisher(fanout.s3, LATER, true)) {
            first = identity.publish("order-10", records);
            retry = gzip.publish("order-10", records);
        }
        assertSameObject(first, retry);
        assertEquals(List.of(first.key()), fanout.payloadKeys(), "one object for the batch");
        assertOnlyPointersTo(first, 2);
        assertEquals(records, decode(first.key(), ContentEncoding.IDENTITY));
    }

    /**
     * The process dies after the batch id was claimed and before the payload was stored. A publish of other records
     * under the id is still refused, and the true retry, in another hour and with the other encoding, completes the
     * batch where the first attempt meant to store it.
     */
    @Test
    void aCrashBetweenClaimAndPayloadIsCompletedByTheRetry() {
        fanout = new DevstackFanout("claim-crash");
        List<PaymentTransaction> records = Fixtures.batch(300);
        PublishReceipt retry;
        try (S3Client dying = fanout.devstack.s3Builder(DevRegion.PRIMARY)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new DiesAfterRequests(1))).build();
             PaymentPublisher crashing = publisher(dying, FIRST_HOUR, true);
             PaymentPublisher later = publisher(fanout.s3, LATER, false)) {
            PublishException crash = assertThrows(PublishException.class, () -> crashing.publish("order-11", records));
            assertEquals(PublishException.Stage.STORE_PAYLOAD, crash.stage());
            assertEquals(List.of(), fanout.payloadKeys(), "the crash came before the payload");
            assertFalse(fanout.keys().isEmpty(), "but after the claim");
            Map<String, String> claimed = storedObjects();

            BatchIdConflictException conflict = assertThrows(BatchIdConflictException.class,
                    () -> later.publish("order-11", otherRecords(300)));
            assertTrue(conflict.key().contains(FIRST_PARTITION) && conflict.key().endsWith(".jsonl.gz"),
                    "the id names the key its first attempt chose: " + conflict.key());
            assertEquals(claimed, storedObjects(), "the refused records were not stored");
            assertNothingPublished();

            retry = later.publish("order-11", records);
        }
        assertTrue(retry.key().contains(FIRST_PARTITION) && retry.key().endsWith("/order-11.jsonl.gz"), retry.key());
        assertEquals(List.of(retry.key()), fanout.payloadKeys());
        byte[] stored = fanout.s3.getObjectAsBytes(b -> b.bucket(fanout.bucket).key(retry.key())).asByteArray();
        assertEquals(retry.sha256(), Sha256.hexOf(stored));
        assertEquals(retry.bytes(), stored.length);
        assertEquals(records, decode(retry.key(), ContentEncoding.GZIP), "stored in the claimed encoding");
        assertOnlyPointersTo(retry, 1);
    }

    /** Retries of one batch racing each other, half of them gzip, half identity: one object, every publish succeeds. */
    @Test
    void racingRetriesOfOneBatchInBothEncodingsStoreOneObject() throws Exception {
        fanout = new DevstackFanout("claim-race");
        List<PaymentTransaction> records = Fixtures.batch(2_000);
        int attempts = 6;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<PublishReceipt> receipts = new ArrayList<>();
        try (PaymentPublisher identity = publisher(fanout.s3, FIRST_HOUR, false);
             PaymentPublisher gzip = publisher(fanout.s3, LATER, true)) {
            List<Future<PublishReceipt>> futures = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                PaymentPublisher p = i % 2 == 0 ? identity : gzip;
                futures.add(pool.submit(() -> p.publish("order-12", records)));
            }
            for (Future<PublishReceipt> f : futures) {
                receipts.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, receipts.stream().map(r -> List.of(r.key(), r.sha256(), r.bytes())).distinct().count(),
                receipts.toString());
        assertEquals(List.of(receipts.get(0).key()), fanout.payloadKeys());
        assertOnlyPointersTo(receipts.get(0), attempts);
    }

    /**
     * Payloads published before batch ids were claimed have no claim and no records digest. A retry of such a batch
     * is recognised by the stored bytes; other records under its id are refused, and keep being refused.
     */
    @Test
    void aPayloadStoredBeforeClaimsExistedIsRecognisedByItsBytes() {
        fanout = new DevstackFanout("claim-legacy");
        List<PaymentTransaction> records = Fixtures.batch(300);
        try (PaymentPublisher p = publisher(fanout.s3, FIRST_HOUR, true)) {
            String oldKey = storeAsBeforeClaims(p, "order-13", records);
            PublishReceipt retry = p.publish("order-13", records);
            assertEquals(oldKey, retry.key());
            assertEquals(List.of(oldKey), fanout.payloadKeys());
            assertOnlyPointersTo(retry, 1);

            String otherKey = storeAsBeforeClaims(p, "order-14", records);
            Map<String, String> before = storedObjects();
            BatchIdConflictException e = assertThrows(BatchIdConflictException.class,
                    () -> p.publish("order-14", otherRecords(300)));
            assertEquals(otherKey, e.key());
            assertTrue(e.getMessage().contains("already holds a payload with other records"), e.getMessage());
            assertThrows(BatchIdConflictException.class, () -> p.publish("order-14", otherRecords(300)));
            Map<String, String> after = storedObjects();
            after.keySet().removeIf(PayloadKeys::isClaimKey);
            before.keySet().removeIf(PayloadKeys::isClaimKey);
            assertEquals(before, after, "no payload written or replaced");
        }
        assertNothingPublished();
    }

    @Test
    void anObjectAtTheClaimKeyThatIsNoClaimRefusesTheBatchIdNamingIt() {
        fanout = new DevstackFanout("claim-foreign");
        String claimKey = PayloadKeys.claimKey(null, "order-15");
        fanout.s3.putObject(b -> b.bucket(fanout.bucket).key(claimKey), RequestBody.fromString("{}\n"));
        try (PaymentPublisher p = publisher(fanout.s3, FIRST_HOUR, true)) {
            BatchIdConflictException e = assertThrows(BatchIdConflictException.class,
                    () -> p.publish("order-15", Fixtures.batch(10)));
            assertEquals(claimKey, e.key());
            assertTrue(e.getMessage().contains(claimKey + " is not a claim of this batch id: it has no batch-id"),
                    e.getMessage());
        }
        String elsewhere = PayloadKeys.claimKey(null, "order-16");
        fanout.s3.putObject(b -> b.bucket(fanout.bucket).key(elsewhere).metadata(Map.of("batch-id", "order-16",
                        "payload-key", "manifests/order-16.jsonl.gz", "content-encoding", "gzip",
                        "record-count", "10", "records-sha256", "0".repeat(64), "claimed-at", "2026-11-25T16:00:00Z")),
                RequestBody.fromString("{}\n"));
        try (PaymentPublisher p = publisher(fanout.s3, FIRST_HOUR, true)) {
            BatchIdConflictException e = assertThrows(BatchIdConflictException.class,
                    () -> p.publish("order-16", Fixtures.batch(10)));
            assertTrue(e.getMessage().contains("payload-key does not name a payload of this batch id"), e.getMessage());
        }
        assertEquals(List.of(claimKey, elsewhere), fanout.keys(), "nothing written, least of all outside payments/");
    }

    /** What the publisher stored before batch-id claims: the payload alone, its metadata without records-sha256. */
    private String storeAsBeforeClaims(PaymentPublisher p, String batchId, List<PaymentTransaction> records) {
        String key = p.keyFor(batchId);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NdjsonWriter.writeAll(records, bytes, ContentEncoding.GZIP);
        fanout.s3.putObject(b -> b.bucket(fanout.bucket).key(key).contentEncoding("gzip")
                .metadata(Map.of("dataset", "payments", "schema-version", "1", "batch-id", batchId,
                        "record-count", Integer.toString(records.size()),
                        "payload-sha256", Sha256.hexOf(bytes.toByteArray()))),
                RequestBody.fromBytes(bytes.toByteArray()));
        return key;
    }

    private PaymentPublisher publisher(S3Client s3, Clock clock, boolean gzip) {
        return PaymentPublisher.builder().s3Client(s3).snsClient(fanout.sns).bucket(fanout.bucket)
                .topicArn(fanout.topicArn).clock(clock).gzip(gzip).build();
    }

    /** The same transaction ids with other amounts: what a careless caller reusing an id would send. */
    private static List<PaymentTransaction> otherRecords(int n) {
        return Fixtures.batch(n).stream().map(r -> new PaymentTransaction(r.transactionId(), r.merchantId(),
                r.amountMinor() + 1, r.currency(), r.status(), r.occurredAt(), r.sourceRegion())).toList();
    }

    /** Every object in the bucket (payloads and anything else) with the SHA-256 of its bytes. */
    private Map<String, String> storedObjects() {
        Map<String, String> out = new TreeMap<>();
        for (String key : fanout.keys()) {
            out.put(key, Sha256.hexOf(fanout.s3.getObjectAsBytes(b -> b.bucket(fanout.bucket).key(key)).asByteArray()));
        }
        return out;
    }

    private static void assertSameObject(PublishReceipt first, PublishReceipt retry) {
        assertEquals(List.of(first.key(), first.sha256(), first.bytes(), first.recordCount()),
                List.of(retry.key(), retry.sha256(), retry.bytes(), retry.recordCount()),
                "the retry names the first attempt's object");
    }

    /** Each Region's queue holds exactly {@code count} messages, every one a pointer to the receipt's object. */
    private void assertOnlyPointersTo(PublishReceipt receipt, int count) {
        for (DevRegion region : DevRegion.values()) {
            List<Message> got = fanout.receive(region, count, 15_000);
            assertEquals(count, got.size(), region + ": messages");
            assertEquals(List.of(), fanout.receive(region, 1, 1_000), region + ": no further message");
            for (Message m : got) {
                Map<String, String> attributes = new HashMap<>();
                m.messageAttributes().forEach((k, v) -> attributes.put(k, v.stringValue()));
                InboundMessage in = InboundMessage.parse(m.body(), attributes);
                assertEquals(receipt.key(), in.pointer().orElseThrow().key(), region + ": pointer");
                assertEquals(receipt.sha256(), in.attributes().payloadSha256(), region + ": payload_sha256");
                assertEquals(Long.toString(receipt.recordCount()), attributes.get(AttributeNames.RECORD_COUNT));
                assertEquals(receipt.key().endsWith(".gz") ? "gzip" : "identity",
                        attributes.get(AttributeNames.CONTENT_ENCODING), region + ": content_encoding");
                assertEquals(Long.toString(receipt.bytes()), attributes.get(AttributeNames.EXTENDED_PAYLOAD_SIZE));
            }
        }
    }

    private void assertNothingPublished() {
        for (DevRegion region : DevRegion.values()) {
            assertEquals(List.of(), fanout.receive(region, 1, 1_000), region + ": nothing published");
        }
    }

    private List<PaymentTransaction> decode(String key, ContentEncoding encoding) {
        byte[] bytes = fanout.s3.getObjectAsBytes(b -> b.bucket(fanout.bucket).key(key)).asByteArray();
        List<PaymentTransaction> out = new ArrayList<>();
        try (NdjsonReader r = NdjsonReader.open(new ByteArrayInputStream(bytes), encoding)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    /** The process dies after {@code allowed} S3 requests: every later request of this client fails unsent. */
    private static final class DiesAfterRequests implements ExecutionInterceptor {
        private final AtomicInteger left;

        DiesAfterRequests(int allowed) {
            this.left = new AtomicInteger(allowed);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (left.getAndDecrement() <= 0) {
                throw SdkClientException.create("simulated crash: the publishing process died before this request");
            }
        }
    }
}
