package io.paydr.ops.devstack;

import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.ops.ReplayResult;
import io.paydr.ops.Replayer;
import io.paydr.ops.TimeRange;
import io.paydr.publisher.PaymentPublisher;
import io.paydr.publisher.PublishReceipt;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The strongest check of replay's wire format: a payload published by the real publisher through SNS raw delivery
 * and the same payload replayed from S3 must arrive as identical SQS messages (body and every attribute with its
 * type), for a single-part object and for a multipart one (whose S3 checksum is composite).
 */
class ReplayMatchesPublisherDevstackTest {

    private static final DevRegion REGION = DevRegion.PRIMARY;
    private static final Instant PUBLISHED = Instant.parse("2026-11-25T16:30:00Z");

    @Test
    void replayedMessagesEqualWhatSnsRawDeliveryDelivered() {
        Devstack ds = Devstack.shared();
        try (S3Client s3 = ds.s3(REGION); SqsClient sqs = ds.sqs(REGION); SnsClient sns = ds.sns(REGION)) {
            String bucket = StoredPayloads.createBucket(s3, REGION);
            String topicArn = sns.createTopic(b -> b.name("payments-" + UUID.randomUUID().toString().substring(0, 8)))
                    .topicArn();
            String delivered = QueueReader.createQueue(sqs, "delivered");
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(delivered)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                    .attributes(Map.of("RawMessageDelivery", "true")));

            List<PublishReceipt> receipts = new ArrayList<>();
            try (PaymentPublisher publisher = PaymentPublisher.builder().s3Client(s3).snsClient(sns).bucket(bucket)
                    .topicArn(topicArn).clock(Clock.fixed(PUBLISHED, ZoneOffset.UTC)).gzip(false)
                    .multipartThreshold(5L * 1024 * 1024).partSize(5L * 1024 * 1024).build()) {
                receipts.add(publisher.publish(payments("small", 50)));
                receipts.add(publisher.publish(payments("large", 40_000)));
            }
            assertTrue(receipts.get(1).bytes() > 5L * 1024 * 1024, "the large payload went multipart");

            String replayed = QueueReader.createQueue(sqs, "replayed");
            ReplayResult result = Replayer.builder().s3(s3).sqs(sqs).bucket(bucket).queueUrl(replayed)
                    .range(TimeRange.parse("2026-11-25T16", "2026-11-25T17")).build().replay();

            assertTrue(result.complete(), result.failures().toString());
            assertEquals(fingerprints(QueueReader.drain(sqs, delivered)), fingerprints(QueueReader.drain(sqs, replayed)));
            assertEquals(2, result.replayed().size());
        }
    }

    private static List<PaymentTransaction> payments(String stem, int n) {
        List<PaymentTransaction> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new PaymentTransaction(stem + "-" + i, "merchant-" + (i % 13), 1000L + i, "USD",
                    PaymentStatus.AUTHORIZED, PUBLISHED.minusSeconds(i % 600), "us-east-1"));
        }
        return rows;
    }

    /** Body plus every attribute as type:value, sorted: two messages are the same on the wire iff these are equal. */
    private static List<String> fingerprints(List<Message> messages) {
        return messages.stream().map(m -> m.body() + " " + new TreeMap<>(m.messageAttributes().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey,
                                e -> e.getValue().dataType() + ":" + e.getValue().stringValue()))))
                .sorted().toList();
    }
}
