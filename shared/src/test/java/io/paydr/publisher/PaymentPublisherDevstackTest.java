package io.paydr.publisher;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import io.paydr.contract.AttributeNames;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.ContractViolationException;
import io.paydr.contract.Fixtures;
import io.paydr.contract.InboundMessage;
import io.paydr.contract.NdjsonReader;
import io.paydr.contract.PayloadPointer;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.PointerCodec;
import io.paydr.contract.Sha256;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.FaultSpec;
import io.paydr.devstack.faults.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** The publisher end to end on devstack: S3 (s3proxy), the devstack SNS, ElasticMQ in both Regions. */
class PaymentPublisherDevstackTest {

    private DevstackFanout fanout;

    @AfterEach
    void tearDown() {
        if (fanout != null) {
            fanout.devstack.faults().clear();
            fanout.close();
        }
    }

    private PaymentPublisher publisher(boolean gzip) {
        return PaymentPublisher.builder().s3Client(fanout.s3).snsClient(fanout.sns).bucket(fanout.bucket)
                .topicArn(fanout.topicArn).gzip(gzip).build();
    }

    private static Map<String, String> attributes(Message m) {
        Map<String, String> out = new HashMap<>();
        m.messageAttributes().forEach((k, v) -> out.put(k, v.stringValue()));
        return out;
    }

    private static List<PaymentTransaction> decode(byte[] bytes, ContentEncoding enc) {
        List<PaymentTransaction> out = new ArrayList<>();
        try (NdjsonReader r = NdjsonReader.open(new ByteArrayInputStream(bytes), enc)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void batchArrivesInBothRegionsAsAPointerTheSqsExtendedClientResolvesToTheExactBytes() {
        fanout = new DevstackFanout("arrival");
        List<PaymentTransaction> batch = Fixtures.batch(500);
        PublishReceipt receipt;
        try (PaymentPublisher p = publisher(false)) {
            receipt = p.publish(batch);
        }
        byte[] stored = fanout.s3.getObjectAsBytes(b -> b.bucket(fanout.bucket).key(receipt.key())).asByteArray();
        assertEquals(receipt.sha256(), Sha256.hexOf(stored));
        assertEquals(receipt.bytes(), stored.length);

        for (DevRegion region : DevRegion.values()) {
            AmazonSQSExtendedClient extended = new AmazonSQSExtendedClient(fanout.sqs.get(region),
                    new ExtendedClientConfiguration().withPayloadSupportEnabled(fanout.s3, fanout.bucket, false));
            List<Message> got = extended.receiveMessage(b -> b.queueUrl(fanout.queueUrls.get(region))
                    .waitTimeSeconds(10).maxNumberOfMessages(10).messageAttributeNames("All")).messages();
            assertEquals(1, got.size(), region + " receives the batch once");
            Message m = got.get(0);
            assertArrayEquals(stored, m.body().getBytes(StandardCharsets.UTF_8), region + ": exact payload bytes");
            assertEquals(batch, decode(m.body().getBytes(StandardCharsets.UTF_8), ContentEncoding.IDENTITY));
            Map<String, String> attrs = attributes(m);
            assertEquals(receipt.batchId(), attrs.get(AttributeNames.BATCH_ID));
            assertEquals(receipt.sha256(), attrs.get(AttributeNames.PAYLOAD_SHA256));
            assertEquals("500", attrs.get(AttributeNames.RECORD_COUNT));
            assertEquals("identity", attrs.get(AttributeNames.CONTENT_ENCODING));
        }
    }

    @Test
    void rawDeliveryCarriesThePointerBodyAndSevenAttributesForAGzipBatch() {
        fanout = new DevstackFanout("raw");
        List<PaymentTransaction> batch = Fixtures.batch(2_000);
        PublishReceipt receipt;
        try (PaymentPublisher p = publisher(true)) {
            receipt = p.publish(batch);
        }
        for (DevRegion region : DevRegion.values()) {
            List<Message> got = fanout.receive(region, 1, 15_000);
            assertEquals(1, got.size(), region.id());
            Message m = got.get(0);
            assertEquals(PointerCodec.write(new PayloadPointer(fanout.bucket, receipt.key())), m.body());
            assertEquals(7, m.messageAttributes().size(), "six own attributes plus ExtendedPayloadSize");
            MessageAttributeValue size = m.messageAttributes().get(AttributeNames.EXTENDED_PAYLOAD_SIZE);
            assertEquals("Number", size.dataType());
            assertEquals(Long.toString(receipt.bytes()), size.stringValue());

            InboundMessage inbound = InboundMessage.parse(m.body(), attributes(m));
            PayloadPointer pointer = inbound.pointer().orElseThrow();
            byte[] stored = fanout.s3.getObjectAsBytes(b -> b.bucket(pointer.bucket()).key(pointer.key()))
                    .asByteArray();
            assertEquals(inbound.attributes().payloadSha256(), Sha256.hexOf(stored));
            assertEquals(batch, decode(stored, inbound.attributes().contentEncoding()));
        }
    }

    @Test
    void invalidBatchWritesAndPublishesNothing() {
        fanout = new DevstackFanout("invalid");
        List<PaymentTransaction> batch = new ArrayList<>(Fixtures.batch(100));
        batch.set(42, new PaymentTransaction("tx 42", "m", 1, "EUR", PaymentStatus.CAPTURED, Instant.EPOCH, "us-east-1"));
        try (PaymentPublisher p = publisher(true)) {
            ContractViolationException e = assertThrows(ContractViolationException.class, () -> p.publish(batch));
            assertEquals(42, e.violations().get(0).recordIndex());
            assertThrows(IllegalArgumentException.class, () -> p.publish(List.of()));
        }
        assertEquals(List.of(), fanout.keys());
        assertEquals(List.of(), fanout.receive(DevRegion.PRIMARY, 1, 2_000));
        assertEquals(List.of(), fanout.receive(DevRegion.SECONDARY, 1, 1_000));
    }

    @Test
    void s3FailureOrRegionOutagePublishesNothing() {
        fanout = new DevstackFanout("s3down");
        try (PaymentPublisher p = publisher(true)) {
            fanout.devstack.faults().set(Service.S3, DevRegion.PRIMARY, FaultSpec.serverErrors(1.0));
            PublishException e = assertThrows(PublishException.class, () -> p.publish(Fixtures.batch(10)));
            assertEquals(PublishException.Stage.STORE_PAYLOAD, e.stage());
            fanout.devstack.faults().clear();
            fanout.devstack.faults().regionDown(DevRegion.PRIMARY, true);
            e = assertThrows(PublishException.class, () -> p.publish(Fixtures.batch(10)));
            assertEquals(PublishException.Stage.STORE_PAYLOAD, e.stage());
        }
        fanout.devstack.faults().clear();
        assertEquals(List.of(), fanout.keys());
        assertEquals(List.of(), fanout.receive(DevRegion.PRIMARY, 1, 2_000));
    }

    @Test
    void snsDownAfterThePutGivesTheDocumentedErrorAndARetryDeliversOnce() {
        fanout = new DevstackFanout("snsdown");
        List<PaymentTransaction> batch = Fixtures.batch(300);
        try (PaymentPublisher p = publisher(true)) {
            fanout.devstack.faults().set(Service.SNS, DevRegion.PRIMARY, FaultSpec.serverErrors(1.0));
            PublishException e = assertThrows(PublishException.class, () -> p.publish(batch));
            assertEquals(PublishException.Stage.NOTIFY, e.stage());
            assertTrue(e.payloadStored());
            assertEquals(List.of(e.key()), fanout.payloadKeys(), "the payload was written");
            assertEquals(List.of(), fanout.receive(DevRegion.PRIMARY, 1, 2_000), "but nothing was delivered");

            fanout.devstack.faults().clear();
            PublishReceipt retry = p.publish(e.batchId(), batch);
            assertEquals(e.key(), retry.key(), "the retry writes the same key");
            assertEquals(List.of(e.key()), fanout.payloadKeys(), "and no second object");
        }
        for (DevRegion region : DevRegion.values()) {
            assertEquals(1, fanout.receive(region, 2, 5_000).size(), region + " gets the batch once");
        }
    }

    /** Small payloads by PutObject, larger ones by multipart upload: both writes are conditional. */
    @ParameterizedTest(name = "multipart threshold {0} bytes")
    @ValueSource(longs = {16L * 1024 * 1024, 5L * 1024 * 1024})
    void aReusedBatchIdWithOtherRecordsIsRefusedAndTheStoredPayloadStaysAsItWas(long multipartThreshold) {
        fanout = new DevstackFanout("reused" + multipartThreshold);
        try (PaymentPublisher p = PaymentPublisher.builder().s3Client(fanout.s3).snsClient(fanout.sns)
                .bucket(fanout.bucket).topicArn(fanout.topicArn).gzip(false).multipartThreshold(multipartThreshold)
                .partSize(5L * 1024 * 1024).build()) {
            List<PaymentTransaction> first = Fixtures.batch(40_000);
            PublishReceipt stored = p.publish("batch-reused", first);
            assertTrue(stored.bytes() > 5L * 1024 * 1024, "large enough for the multipart case");

            List<PaymentTransaction> other = Fixtures.batch(40_001).subList(1, 40_001);
            BatchIdConflictException e = assertThrows(BatchIdConflictException.class,
                    () -> p.publish("batch-reused", other));
            assertEquals(PublishException.Stage.STORE_PAYLOAD, e.stage());
            assertEquals(stored.key(), e.key());
            assertTrue(e.getMessage().contains("new batch id"), e.getMessage());

            byte[] object = fanout.s3.getObjectAsBytes(b -> b.bucket(fanout.bucket).key(stored.key())).asByteArray();
            assertEquals(stored.sha256(), Sha256.hexOf(object), "the first payload was not overwritten");
            PublishReceipt retry = p.publish("batch-reused", first);
            assertEquals(List.of(stored.key(), stored.sha256(), stored.bytes()),
                    List.of(retry.key(), retry.sha256(), retry.bytes()),
                    "the same records again are a retry: stored once, notified again");
        }
        assertEquals(2, fanout.receive(DevRegion.PRIMARY, 3, 5_000).size(), "the first publish and the retry only");
    }

    @Test
    void snsThrottlingAfterThePutIsTheSameNotifyFailureForAPreparedBatchId() {
        fanout = new DevstackFanout("throttled");
        List<PaymentTransaction> batch = Fixtures.batch(50);
        String batchId;
        try (PaymentPublisher p = PaymentPublisher.builder().s3Client(fanout.s3).snsClient(fanout.sns)
                .bucket(fanout.bucket).topicArn(fanout.topicArn).build()) {
            batchId = p.newBatchId();
            String key = p.keyFor(batchId);
            fanout.devstack.faults().set(Service.SNS, DevRegion.PRIMARY, FaultSpec.throttling(1.0));
            PublishException e = assertThrows(PublishException.class, () -> p.publish(batchId, batch));
            assertEquals(PublishException.Stage.NOTIFY, e.stage());
            assertEquals(key, e.key());
            fanout.devstack.faults().clear();
            assertEquals(key, p.publish(batchId, batch).key());
        }
        assertEquals(1, fanout.receive(DevRegion.SECONDARY, 2, 5_000).size());
    }

    @Test
    void eightThreadsPublishConcurrentlyAndEveryBatchArrivesIntactOnce() throws Exception {
        fanout = new DevstackFanout("concurrent");
        int threads = 8;
        int perThread = 5;
        List<Future<List<PublishReceipt>>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (PaymentPublisher p = publisher(true)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<PublishReceipt> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(p.publish(batchOf(thread, i)));
                    }
                    return mine;
                }));
            }
            List<PublishReceipt> receipts = new ArrayList<>();
            for (Future<List<PublishReceipt>> f : futures) {
                receipts.addAll(f.get());
            }
            int total = threads * perThread;
            assertEquals(total, receipts.stream().map(PublishReceipt::key).distinct().count());
            Map<String, PublishReceipt> byKey = receipts.stream()
                    .collect(Collectors.toMap(PublishReceipt::key, r -> r));
            for (DevRegion region : DevRegion.values()) {
                List<Message> got = fanout.receive(region, total, 30_000);
                Set<String> keys = new HashSet<>();
                for (Message m : got) {
                    InboundMessage in = InboundMessage.parse(m.body(), attributes(m));
                    PublishReceipt r = byKey.get(in.pointer().orElseThrow().key());
                    assertNotNull(r, "a pointer to a published key");
                    assertEquals(r.sha256(), in.attributes().payloadSha256());
                    keys.add(r.key());
                }
                assertEquals(total, got.size(), region + ": one message per batch");
                assertEquals(byKey.keySet(), keys);
            }
            for (PublishReceipt r : receipts) {
                byte[] stored = fanout.s3.getObjectAsBytes(b -> b.bucket(r.bucket()).key(r.key())).asByteArray();
                assertEquals(r.sha256(), Sha256.hexOf(stored));
                List<PaymentTransaction> records = decode(stored, ContentEncoding.GZIP);
                String owner = records.get(0).transactionId().substring(0, records.get(0).transactionId().lastIndexOf('-'));
                assertTrue(records.stream().allMatch(x -> x.transactionId().startsWith(owner + "-")),
                        "a payload holds only its own batch");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<PaymentTransaction> batchOf(int thread, int index) {
        List<PaymentTransaction> out = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            PaymentTransaction v = Fixtures.valid(i);
            out.add(new PaymentTransaction("t" + thread + "b" + index + "-" + i, v.merchantId(), v.amountMinor(),
                    v.currency(), v.status(), v.occurredAt(), v.sourceRegion()));
        }
        return out;
    }
}
