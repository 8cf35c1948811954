package io.paydr.publisher;

import io.paydr.contract.ContractViolationException;
import io.paydr.contract.Fixtures;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.Sha256;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.*;

/** Control flow of publish against stub endpoints on real sockets: what is sent, in which order, and the errors. */
class PaymentPublisherUnitTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:paydr-payments";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T16:38:15Z"), ZoneOffset.UTC);

    @AutoClose
    private final StubAwsEndpoint s3 = StubAwsEndpoint.ok("");
    @AutoClose
    private final StubAwsEndpoint sns = StubAwsEndpoint.ok(StubAwsEndpoint.SNS_PUBLISH_OK);

    private PaymentPublisher publisher(StubAwsEndpoint s3, StubAwsEndpoint sns) {
        return PaymentPublisher.builder().s3Client(s3.s3()).snsClient(sns.sns()).bucket("payloads")
                .topicArn(TOPIC).clock(CLOCK).maxRecords(1000).build();
    }

    @Test
    void publishClaimsTheBatchIdPutsTheObjectThenPublishesThePointer() {
        try (PaymentPublisher p = publisher(s3, sns)) {
            PublishReceipt r = p.publish(Fixtures.batch(10));
            assertEquals("payloads", r.bucket());
            assertTrue(r.key().startsWith("payments/v1/dt=2026-11-25/hh=16/20261125T163815Z-"), r.key());
            assertTrue(r.key().endsWith(".jsonl.gz"), "gzip is the default");
            assertEquals(10, r.recordCount());
            assertEquals("stub-message-1", r.snsMessageId());
            assertEquals(List.of("PUT /payloads/payments/v1/batch-ids/" + r.batchId() + ".json",
                    "PUT /payloads/" + r.key()), s3.requests());
            assertEquals(1, sns.requests().size());
        }
    }

    @Test
    void objectIsWrittenWithSseKmsChecksumAndMetadata() {
        PublishReceipt r;
        try (PaymentPublisher p = PaymentPublisher.builder().s3Client(s3.s3()).snsClient(sns.sns()).bucket("payloads")
                .topicArn(TOPIC).clock(CLOCK).kmsKeyId("alias/paydr").gzip(false).build()) {
            r = p.publish("b-7", Fixtures.batch(20));
        }
        Map<String, String> claim = s3.headers().get(0);
        assertEquals("*", claim.get("if-none-match"), "a batch id is claimed once");
        assertEquals("aws:kms", claim.get("x-amz-server-side-encryption"), "claims are encrypted like payloads");
        assertEquals(r.key(), claim.get("x-amz-meta-payload-key"));
        assertEquals(r.sha256(), claim.get("x-amz-meta-records-sha256"), "identity: the stored bytes are the lines");
        Map<String, String> h = s3.headers().get(1);
        assertEquals("*", h.get("if-none-match"));
        assertEquals("aws:kms", h.get("x-amz-server-side-encryption"));
        assertEquals("alias/paydr", h.get("x-amz-server-side-encryption-aws-kms-key-id"));
        assertEquals(Sha256.hexToBase64(r.sha256()), h.get("x-amz-checksum-sha256"));
        assertEquals("20", h.get("x-amz-meta-record-count"));
        assertEquals("1", h.get("x-amz-meta-schema-version"));
        assertEquals("b-7", h.get("x-amz-meta-batch-id"));
        assertEquals("application/x-ndjson", h.get("content-type"));
        // the SDK may add aws-chunked (its own transfer framing, which S3 strips); gzip must appear only when gzipped
        assertFalse(h.getOrDefault("content-encoding", "").contains("gzip"), h.get("content-encoding"));
        assertTrue(r.key().endsWith("/b-7.jsonl"), r.key());

        try (PaymentPublisher p = publisher(s3, sns)) {
            p.publish("b-8", Fixtures.batch(20));
        }
        Map<String, String> sseS3 = s3.headers().get(3);
        assertEquals("AES256", sseS3.get("x-amz-server-side-encryption"));
        assertNull(sseS3.get("x-amz-server-side-encryption-aws-kms-key-id"));
        assertTrue(sseS3.get("content-encoding").contains("gzip"), sseS3.get("content-encoding"));
    }

    @Test
    void invalidInputIsRejectedBeforeAnyRequest() {
        List<PaymentTransaction> bad = new ArrayList<>(Fixtures.batch(5));
        bad.set(2, new PaymentTransaction("ok", "m", 1, "EUR", PaymentStatus.CAPTURED, Instant.EPOCH, "nowhere"));
        bad.set(4, new PaymentTransaction("bad id", "m", 1, "usd", PaymentStatus.CAPTURED, Instant.EPOCH, "us-east-1"));
        try (PaymentPublisher p = publisher(s3, sns)) {
            ContractViolationException e = assertThrows(ContractViolationException.class, () -> p.publish(bad));
            assertEquals(3, e.violations().size());
            IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> p.publish(List.of()));
            assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
            IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                    () -> p.publish(Fixtures.batch(1001)));
            assertTrue(big.getMessage().contains("maxRecords 1000"), big.getMessage());
            assertThrows(IllegalArgumentException.class, () -> p.publish("../etc", Fixtures.batch(1)));
            CompletionException async = assertThrows(CompletionException.class,
                    () -> p.publishAsync(bad).join());
            assertInstanceOf(ContractViolationException.class, async.getCause());
        }
        assertEquals(List.of(), s3.requests(), "no S3 request for invalid input");
        assertEquals(List.of(), sns.requests(), "no SNS request for invalid input");
    }

    @Test
    void s3FailureMeansNothingIsPublished() throws IOException {
        try (StubAwsEndpoint failingS3 = new StubAwsEndpoint(500, StubAwsEndpoint.S3_ERROR);
             PaymentPublisher p = publisher(failingS3, sns)) {
            PublishException e = assertThrows(PublishException.class, () -> p.publish("batch-1", Fixtures.batch(3)));
            assertEquals(PublishException.Stage.STORE_PAYLOAD, e.stage());
            assertFalse(e.payloadStored());
            assertEquals("batch-1", e.batchId());
            assertFalse(failingS3.requests().isEmpty());
        }
        assertEquals(List.of(), sns.requests(), "nothing published after an S3 failure");
    }

    @Test
    void snsFailureAfterThePutCarriesBatchIdAndKeyAndARetryWritesTheSameKey() throws IOException {
        String batchId = "order-batch-7";
        PublishException e;
        try (StubAwsEndpoint failingSns = new StubAwsEndpoint(500, StubAwsEndpoint.SNS_ERROR);
             PaymentPublisher p = publisher(s3, failingSns)) {
            e = assertThrows(PublishException.class, () -> p.publish(batchId, Fixtures.batch(3)));
        }
        assertEquals(PublishException.Stage.NOTIFY, e.stage());
        assertTrue(e.payloadStored());
        assertEquals(batchId, e.batchId());
        assertEquals("payments/v1/dt=2026-11-25/hh=16/order-batch-7.jsonl.gz", e.storedKey().orElseThrow());
        assertTrue(e.getMessage().contains("retry"), e.getMessage());

        try (PaymentPublisher p = publisher(s3, sns)) {
            PublishReceipt retry = p.publish(e.batchId(), Fixtures.batch(3));
            assertEquals(e.key(), retry.key());
        }
        // the stub accepts every conditional PUT, as S3 would for a batch id seen for the first time
        String claim = "PUT /payloads/payments/v1/batch-ids/order-batch-7.json";
        assertEquals(List.of(claim, "PUT /payloads/" + e.key(), claim, "PUT /payloads/" + e.key()), s3.requests());
    }

    @Test
    void generatedBatchIdsKeepTheirPartitionAcrossHours() {
        Clock later = Clock.offset(CLOCK, java.time.Duration.ofHours(5));
        try (PaymentPublisher first = publisher(s3, sns);
             PaymentPublisher second = PaymentPublisher.builder().s3Client(s3.s3()).snsClient(sns.sns())
                     .bucket("payloads").topicArn(TOPIC).clock(later).build()) {
            String id = first.newBatchId();
            assertEquals(first.keyFor(id), second.keyFor(id));
            assertTrue(second.keyFor("own-id").contains("/hh=21/"), "own ids use the clock");
        }
    }

    @Test
    void builderNamesWhatIsMissingOrWrong() {
        assertEquals("bucket is required", assertThrows(IllegalArgumentException.class,
                () -> PaymentPublisher.builder().s3Client(s3.s3()).snsClient(sns.sns()).topicArn(TOPIC).build())
                .getMessage());
        assertEquals("topicArn must be an SNS topic ARN", assertThrows(IllegalArgumentException.class,
                () -> PaymentPublisher.builder().s3Client(s3.s3()).snsClient(sns.sns()).bucket("b")
                        .topicArn("paydr-payments").build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PaymentPublisher.builder().s3Client(s3.s3())
                .snsClient(sns.sns()).bucket("b").topicArn(TOPIC).partSize(1024).build());
        assertThrows(IllegalArgumentException.class, () -> PaymentPublisher.builder().s3Client(s3.s3())
                .snsClient(sns.sns()).bucket("b").topicArn(TOPIC).keyPrefix("a/../b").build());
    }
}
